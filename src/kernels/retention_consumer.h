// RetentionConsumer: cohort retention matrices in one pass of the scan
// (docs/retention.md). A customer's cohort is the calendar period of their
// first qualifying event (first activity, or the first EVENT); they are
// retained in period k when a return event (any event, or EVENT) falls in
// the k-th period after it (or, unbounded, in that period or later).
// Beside the counts it keeps what churn, revenue retention (net and gross)
// and contractual churn (subscription_start / subscription_cancel) need.
#ifndef TOUCHPOINT_KERNELS_RETENTION_CONSUMER_H_
#define TOUCHPOINT_KERNELS_RETENTION_CONSUMER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernels/event_filter.h"
#include "kernels/group_column.h"
#include "kernels/period_grid.h"
#include "scan/customer_consumer.h"
#include "scan/scan_spec.h"

namespace touchpoint::kernels {

struct RetentionSpec {
  std::string cohort_event;  // "" = first activity (first_seen)
  std::string return_event;  // "" = any event
  Interval period = Interval::kWeek;
  bool unbounded = false;
  int64_t from_ms = 0, to_ms = 0;  // cohorts start in [from, to); returns count up to `to`
  const date::time_zone* zone = nullptr;
  const EventFilter* where = nullptr;
  std::string by;

  // Derived by Prepare.
  PeriodGrid grid;
  uint32_t cohort_code = 0, return_code = 0;  // catalog codes (0 = any)
  uint32_t subscription_start = scan::kNoCode, subscription_cancel = scan::kNoCode;
  uint32_t purchase = scan::kNoCode, refund = scan::kNoCode;  // revenue: purchases less refunds
  bool cohort_missing = false, return_missing = false;  // the event never occurs
  GroupColumn group;  // what `by` cuts on
  std::vector<std::string> derived;

  void Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
};

// One cohort's sums, entry k = the k-th period after the cohort's.
struct CohortRow {
  std::vector<uint64_t> retained;  // [0] = cohort size
  std::vector<uint64_t> kept;      // retained in both k-1 and k ([0] unused)
  std::vector<double> revenue;     // revenue of the cohort in each period
  // Sum over customers of min(revenue in k, their revenue in entry 0): the
  // revenue kept without expansion (gross revenue retention).
  std::vector<double> gross_revenue;
  std::vector<uint64_t> subscribed;       // with an active subscription at the end of k
  std::vector<uint64_t> subscribed_kept;  // active at the ends of both k-1 and k

  void Resize(size_t columns);
  void Add(const CohortRow& other);
};

class RetentionConsumer : public scan::CustomerConsumer {
 public:
  explicit RetentionConsumer(const RetentionSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void Merge(scan::CustomerConsumer& other) override;

  // Per group ([0] = everyone), per cohort period index: the row.
  const std::vector<std::unordered_map<size_t, CohortRow>>& groups() const { return groups_; }
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  const RetentionSpec& spec_;
  std::vector<std::unordered_map<size_t, CohortRow>> groups_;
  std::vector<std::string> keys_;
  std::unordered_map<std::string, uint32_t> key_index_;
  std::vector<size_t> returns_;
  // Per-customer scratch, one entry per period from the cohort's on.
  std::vector<double> revenue_;   // all zero between customers
  std::vector<size_t> touched_;   // entries of revenue_ in use, ascending
  std::vector<uint8_t> subscribed_;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_RETENTION_CONSUMER_H_
