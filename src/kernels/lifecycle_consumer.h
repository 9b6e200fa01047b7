// LifecycleConsumer: lifecycle stages in one pass of the scan
// (docs/lifecycle.md). Every customer gets exactly one stage per period, from
// the period of their first activity on, evaluated in a fixed priority order:
//
//   lost > new > reactivated > advocate > at_risk > loyal > engaged
//
//  - lost: no activity for `churn_after` periods (non-contractual churn), or
//    a subscription_cancel with no later subscription_start and no activity
//    after it (contractual churn). Stays lost until the customer returns.
//  - new: the customer's first activity is in this period.
//  - reactivated: active this period, lost in the previous one.
//  - advocate: active, and a promoter (latest NPS answer so far 9-10) or a
//    share / referral event this period.
//  - at_risk: not active this period but within the churn horizon; or active
//    with at most half the active days of the previous period (complete
//    periods only).
//  - loyal: active, and 2+ purchases to date or active in each of the last 3
//    periods.
//  - engaged: any other active customer.
//
// Also counts, per period, active customers, active customer-days (for
// DAU/MAU) and the signup cohort's activation, with the measure catalogue's
// definitions (docs/metrics.md). Counts go to the all-customers group and to
// the --by group of the customer's first activity. One consumer per scan
// shard; Merge, then Finalize once on the merged consumer.
#ifndef TOUCHPOINT_KERNELS_LIFECYCLE_CONSUMER_H_
#define TOUCHPOINT_KERNELS_LIFECYCLE_CONSUMER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kernels/analysis_consumer.h"
#include "kernels/definitions.h"
#include "kernels/event_filter.h"
#include "kernels/event_roles.h"
#include "kernels/group_column.h"
#include "kernels/group_index.h"
#include "kernels/period_grid.h"
#include "scan/scan_spec.h"
#include "util/status.h"

namespace touchpoint::kernels {

// Stages in lifecycle order (the order of the output), not priority order.
enum class LifecycleStage : uint8_t { kNew, kReactivated, kEngaged, kLoyal, kAdvocate, kAtRisk, kLost };
inline constexpr size_t kLifecycleStages = 7;
std::string_view LifecycleStageName(LifecycleStage stage);

// Rule constants (docs/lifecycle.md).
inline constexpr uint64_t kLoyalPurchases = 2;  // purchases to date
inline constexpr int kLoyalStreak = 3;          // consecutive active periods
inline constexpr double kPromoterMinScore = 9;  // NPS 9-10, as docs/metrics.md
// Default --churn-after: about three months in each period length.
int DefaultChurnAfter(Interval period);

struct LifecycleSpec {
  Definitions defs;  // activation event and window, inactive events
  Interval period = Interval::kMonth;
  const date::time_zone* zone = nullptr;  // nullptr = UTC
  int64_t history_from_ms = 0;  // the data's first instant: where stages start
  int64_t from_ms = 0, to_ms = 0;  // reported range; from rounds down to its period
  int churn_after = 3;  // periods without activity after which a customer is lost
  std::vector<std::string> by;  // columns or properties of the customer's first activity
  const EventFilter* where = nullptr;
  // Keep each customer's stage in the last period (CustomerStages), for
  // writing it back as a derived column.
  bool collect_stages = false;

  // Derived by Prepare:
  PeriodGrid grid;  // periods from history_from to `to`
  PeriodGrid days;  // local days over the same span
  size_t first_report = 0;  // grid index of the first reported period
  EventRoles roles;
  uint32_t share_code = scan::kNoCode, referral_code = scan::kNoCode;
  GroupColumn group;  // what `by` cuts on
  std::vector<std::string> derived;

  // REQUIRES: period != kNone, from_ms < to_ms, history_from_ms <= from_ms.
  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
  size_t report_periods() const { return grid.size() - first_report; }
};

using StageCounts = std::array<uint64_t, kLifecycleStages>;
// [from stage][to stage], flattened.
using StageMatrix = std::array<uint64_t, kLifecycleStages * kLifecycleStages>;

// The counts of one group, per reported period r (0 = first reported).
struct LifecycleCounts {
  std::vector<StageCounts> stages;
  std::vector<StageMatrix> moves;  // moves[r]: stage at r-1 -> stage at r (r >= 1)
  std::vector<uint64_t> active, active_days, signups, activated;
  // Customers lost for good from period r on (no later events); Finalize
  // folds them into stages and moves.
  std::vector<uint64_t> lost_from;

  explicit LifecycleCounts(size_t periods = 0);
  void Merge(const LifecycleCounts& other);
  void Finalize();
};

// A customer's stage in the last period of the range.
struct CustomerStage {
  std::string customer_id;
  LifecycleStage stage;
};

class LifecycleConsumer : public AnalysisConsumer<LifecycleConsumer> {
 public:
  explicit LifecycleConsumer(const LifecycleSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(LifecycleConsumer& other);
  void Finalize();

  // [0] = everyone; then one per --by value.
  const GroupIndex<LifecycleCounts>& groups() const { return groups_; }
  // With LifecycleSpec::collect_stages: every staged customer, in no order.
  std::vector<CustomerStage>& customer_stages() { return customer_stages_; }

 private:
  bool Activated(const scan::CustomerView& c, size_t first_row) const;

  const LifecycleSpec& spec_;
  GroupIndex<LifecycleCounts> groups_;
  std::vector<CustomerStage> customer_stages_;
  std::vector<uint8_t> keep_;  // per-customer scratch
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_LIFECYCLE_CONSUMER_H_
