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

#include "kernels/analysis_consumer.h"
#include "kernels/definitions.h"
#include "kernels/event_filter.h"
#include "kernels/group_column.h"
#include "kernels/group_index.h"
#include "kernels/period_grid.h"
#include "scan/scan_spec.h"
#include "util/status.h"

namespace touchpoint::kernels {

struct RetentionSpec {
  std::string cohort_event;  // "" = first activity (first_seen)
  std::string return_event;  // "" = any event
  Interval period = Interval::kWeek;
  bool unbounded = false;
  int64_t from_ms = 0, to_ms = 0;  // cohorts start in [from, to); returns count up to `to`
  const date::time_zone* zone = nullptr;
  const EventFilter* where = nullptr;
  std::vector<std::string> by;  // columns or properties of the cohort event
  // The measure definitions; of them retention reads inactive_events, the
  // events that are not the customer's own activity: they neither start a
  // first_seen cohort nor count as an `any` return (EventRoles' kIsInactive).
  Definitions defs;

  // Derived by Prepare.
  PeriodGrid grid;
  uint32_t cohort_code = 0, return_code = 0;  // catalog codes (0 = any)
  uint32_t subscription_start = scan::kNoCode, subscription_cancel = scan::kNoCode;
  uint32_t purchase = scan::kNoCode, refund = scan::kNoCode;  // revenue: purchases less refunds
  bool cohort_missing = false, return_missing = false;  // the event never occurs
  // By event code: what the event can be to a customer (EventClass bits),
  // so the per-event loop asks one table instead of four comparisons.
  enum EventClass : uint8_t { kStarts = 1, kReturns = 2, kRevenue = 4, kSubscription = 8 };
  std::vector<uint8_t> event_class;
  // next_start[p] = start of period p + 1; INT64_MAX after the last period.
  std::vector<int64_t> next_start;
  GroupColumn group;  // what `by` cuts on
  std::vector<std::string> derived;

  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
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

// A group's cohorts: per cohort period index, the row.
using CohortRows = std::unordered_map<size_t, CohortRow>;

class RetentionConsumer : public AnalysisConsumer<RetentionConsumer> {
 public:
  explicit RetentionConsumer(const RetentionSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(RetentionConsumer& other);

  // [0] = everyone, then one per --by value.
  const GroupIndex<CohortRows>& groups() const { return groups_; }

 private:
  // Consume's body; kWhere: the --where filter applies (templated so the
  // common case pays nothing per event for it).
  template <bool kWhere>
  void ConsumeEvents(const scan::CustomerView& c);

  const RetentionSpec& spec_;
  GroupIndex<CohortRows> groups_;
  std::vector<size_t> returns_;
  // Per-customer scratch, one entry per period from the cohort's on.
  std::vector<double> revenue_;   // all zero between customers
  std::vector<size_t> touched_;   // entries of revenue_ in use, ascending
  std::vector<uint8_t> subscribed_;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_RETENTION_CONSUMER_H_
