#include "models/purchase_summary.h"

#include <cmath>

#include "kernels/group_column.h"

namespace touchpoint::models {

Status PurchaseSummarySpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  days = DayIndex(from_ms, to_ms, zone);
  calibration_end_day = days.Day(calibration_end_ms);
  roles = kernels::EventRoles::Resolve(catalog, kernels::Definitions{});
  properties->clear();
  kernels::ResolveCutAndFilter({}, where, properties, &derived);
  return Status::OK();
}

scan::ScanSpec PurchaseSummarySpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = from_ms;
  s.to_ms = to_ms;
  s.columns = scan::kColumnEvent | scan::kColumnRevenue;
  kernels::AddCutAndFilter(kernels::GroupColumn{}, where, properties, derived, &s);
  return s;
}

PurchaseSummaryConsumer::PurchaseSummaryConsumer(const PurchaseSummarySpec& spec) : spec_(spec) {
  summary_.repeat_by_day.assign(static_cast<size_t>(spec.days.size()), 0);
}

void PurchaseSummaryConsumer::Consume(const scan::CustomerView& c) {
  const PurchaseSummarySpec& s = spec_;
  days_.clear();
  uint64_t events = 0;
  for (size_t i = 0; i < c.size; ++i) {
    if (!s.roles.Is(c.event()[i], kernels::kIsPurchase)) continue;
    if (s.where != nullptr && !s.where->Matches(c, i)) continue;
    const int day = s.days.Day(c.timestamp[i]);
    if (day < 0) continue;
    const double revenue = std::isnan(c.revenue[i]) ? 0.0 : c.revenue[i];
    ++events;
    if (!days_.empty() && days_.back().first == day) {
      days_.back().second += revenue;
    } else {
      days_.emplace_back(day, revenue);
    }
  }
  if (days_.empty()) return;
  const int32_t first = days_.front().first;
  if (first > s.calibration_end_day) {
    ++summary_.later_customers;
    return;
  }
  int32_t calibration = 0, holdout = 0, last = first;
  double repeat_revenue = 0, holdout_revenue = 0;
  for (const auto& [day, revenue] : days_) {
    if (day > s.calibration_end_day) {
      ++holdout;
      holdout_revenue += revenue;
    } else {
      if (calibration > 0) repeat_revenue += revenue;
      ++calibration;
      last = day;
    }
  }
  for (size_t k = 1; k < days_.size(); ++k) ++summary_.repeat_by_day[static_cast<size_t>(days_[k].first)];
  PurchaseSummary& out = summary_;
  out.customer_id.emplace_back(c.customer_id);
  out.first_day.push_back(first);
  out.frequency.push_back(calibration - 1);
  out.recency_days.push_back(last - first);
  out.age_days.push_back(s.calibration_end_day - first);
  out.monetary.push_back(calibration > 1 ? repeat_revenue / (calibration - 1) : 0.0);
  out.holdout_purchases.push_back(holdout);
  out.holdout_revenue.push_back(holdout_revenue);
  out.purchase_events += events;
}

namespace {

template <typename T>
void Append(std::vector<T>* to, std::vector<T>* from) {
  to->insert(to->end(), std::make_move_iterator(from->begin()), std::make_move_iterator(from->end()));
  from->clear();
}

}  // namespace

void PurchaseSummaryConsumer::MergeFrom(PurchaseSummaryConsumer& other) {
  PurchaseSummary& o = other.summary_;
  PurchaseSummary& s = summary_;
  Append(&s.customer_id, &o.customer_id);
  Append(&s.first_day, &o.first_day);
  Append(&s.frequency, &o.frequency);
  Append(&s.recency_days, &o.recency_days);
  Append(&s.age_days, &o.age_days);
  Append(&s.monetary, &o.monetary);
  Append(&s.holdout_purchases, &o.holdout_purchases);
  Append(&s.holdout_revenue, &o.holdout_revenue);
  for (size_t d = 0; d < s.repeat_by_day.size(); ++d) s.repeat_by_day[d] += o.repeat_by_day[d];
  s.purchase_events += o.purchase_events;
  s.later_customers += o.later_customers;
}

}  // namespace touchpoint::models
