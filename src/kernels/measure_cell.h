// MeasureCell: the additive counts behind every measure of one (period,
// group) cell. The measure consumer fills cells during the scan; cells of
// different shards add up (Merge); MeasureCatalog turns them into values
// with intervals. Counts only: every formula lives in measure_catalog.cc,
// which docs/metrics.md quotes.
#ifndef TOUCHPOINT_KERNELS_MEASURE_CELL_H_
#define TOUCHPOINT_KERNELS_MEASURE_CELL_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace touchpoint::kernels {

struct FeatureCount {
  uint64_t adopters = 0;  // distinct customers who used the feature
  uint64_t uses = 0;      // feature_use events
};

struct MeasureCell {
  // Events.
  uint64_t events = 0, impressions = 0, clicks = 0, social_impressions = 0, social_actions = 0;
  uint64_t purchases = 0, refunds = 0;
  double revenue = 0, refunded = 0;
  // Sessions (attributed to the period and group of their first event).
  uint64_t sessions = 0, bounces = 0, bounce_base = 0, converted_sessions = 0;
  uint64_t cart_sessions = 0, abandoned_carts = 0;
  double duration_s = 0, duration_s2 = 0;  // sum and sum of squares, seconds
  // Surveys.
  uint64_t csat_n = 0, csat_satisfied = 0, nps_n = 0, promoters = 0, detractors = 0, ces_n = 0;
  double ces_sum = 0, ces_sum2 = 0;
  // Distinct customers.
  uint64_t customers = 0, visitors = 0, converters = 0, purchasers = 0;
  uint64_t repeat_purchasers = 0;  // purchasers with purchases on 2+ local days
  double customer_revenue = 0;     // purchases less refunds of the cell's customers (customer scope)
  uint64_t new_customers = 0, activated = 0;
  uint64_t active_days = 0;  // distinct (customer, day) pairs
  // Churn against the previous period: active then, and not now.
  uint64_t churn_base = 0, churned = 0;
  double churn_base_revenue = 0, churned_revenue = 0;
  uint64_t subscribers_at_start = 0, subscribers_cancelled = 0;
  // Whole range only: purchasers active in a calendar month, and of those,
  // the ones not active the next month (historic CLV's lifespan).
  uint64_t purchaser_churn_base = 0, purchasers_churned = 0;
  // Monthly actives summed over the calendar months of the cell (for MAU).
  uint64_t monthly_actives = 0, months = 0;
  std::vector<FeatureCount> features;  // by catalog feature code

  void Merge(const MeasureCell& o);
  // Whether anything happened in the cell: an event, a session, an active
  // or new customer, a churn base or a subscriber. A group's series lists
  // only such periods (docs/metrics.md, "Time series").
  bool HasData() const {
    return events | sessions | customers | new_customers | churn_base | subscribers_at_start | purchaser_churn_base;
  }
  // Adds only the counts that sum across groups and periods (events,
  // sessions, surveys, feature uses), not the distinct-customer ones.
  void MergeAdditive(const MeasureCell& o);

 private:
  // What MergeAdditive adds; Merge adds it and the distinct counts.
  void AddSums(const MeasureCell& o);
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_MEASURE_CELL_H_
