// PurchaseSummaryConsumer: the per-customer purchase summary of the CLV
// literature, built in one pass of the scan (docs/prediction.md, "Purchase
// summary"). Purchases (events with the purchase role) on the same calendar
// day of the reporting zone are one purchase whose revenue is the day's sum.
// For each customer whose first purchase falls on or before the calibration
// end day:
//   frequency  purchase days up to the calibration end, minus one
//   recency    last minus first purchase day in the calibration period
//   T          calibration end day minus first purchase day
//   monetary   mean revenue per repeat purchase day (0 without one)
//   holdout    purchase days after the calibration end (the validation target)
// plus the repeat purchase days per calendar day, for the tracking chart.
// Customers whose first purchase is later are only counted.
//
// The spec is owned by the caller and must outlive the consumers; a consumer
// is used by one thread at a time (scan::CustomerConsumer).
#ifndef TOUCHPOINT_MODELS_PURCHASE_SUMMARY_H_
#define TOUCHPOINT_MODELS_PURCHASE_SUMMARY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "util/status.h"
#include "kernels/event_filter.h"
#include "kernels/event_roles.h"
#include "models/day_index.h"
#include "kernels/analysis_consumer.h"
#include "scan/scan_spec.h"

namespace touchpoint::models {

struct PurchaseSummarySpec {
  int64_t from_ms = 0, to_ms = 0;  // purchases counted in [from, to)
  const date::time_zone* zone = nullptr;
  int64_t calibration_end_ms = 0;  // any instant on the calibration end day
  const kernels::EventFilter* where = nullptr;

  // Derived by Prepare.
  DayIndex days;
  int calibration_end_day = 0;  // its DayIndex day
  kernels::EventRoles roles;
  std::vector<std::string> derived;  // what `where` reads

  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
};

// Column per customer, in scan order (customer-hash order: stable for a
// store, whatever the thread count).
struct PurchaseSummary {
  std::vector<std::string> customer_id;
  std::vector<int32_t> first_day;  // DayIndex days
  std::vector<int32_t> frequency, recency_days, age_days;
  std::vector<double> monetary;
  std::vector<int32_t> holdout_purchases;
  std::vector<double> holdout_revenue;
  std::vector<uint64_t> repeat_by_day;  // repeat purchase days of these customers, per day
  uint64_t purchase_events = 0;         // purchase events read (customers in the fit)
  uint64_t later_customers = 0;         // first purchase after the calibration end

  size_t size() const { return customer_id.size(); }
};

class PurchaseSummaryConsumer : public kernels::AnalysisConsumer<PurchaseSummaryConsumer> {
 public:
  explicit PurchaseSummaryConsumer(const PurchaseSummarySpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(PurchaseSummaryConsumer& other);

  const PurchaseSummary& summary() const { return summary_; }
  PurchaseSummary& mutable_summary() { return summary_; }

 private:
  const PurchaseSummarySpec& spec_;
  PurchaseSummary summary_;
  std::vector<std::pair<int32_t, double>> days_;  // scratch: (day, revenue) of one customer
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_PURCHASE_SUMMARY_H_
