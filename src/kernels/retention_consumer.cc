#include "kernels/retention_consumer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "event/schema.h"
#include "kernels/event_roles.h"
#include "kernels/group_column.h"

namespace touchpoint::kernels {

Status RetentionSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  grid = PeriodGrid::Make(period, from_ms, to_ms, zone);
  cohort_code = return_code = 0;
  cohort_missing = return_missing = false;
  if (!cohort_event.empty()) {
    cohort_code = catalog.Find(scan::kEvent, cohort_event);
    cohort_missing = cohort_code == scan::kNoCode;
  }
  if (!return_event.empty()) {
    return_code = catalog.Find(scan::kEvent, return_event);
    return_missing = return_code == scan::kNoCode;
  }
  subscription_start = catalog.Find(scan::kEvent, events::kSubscriptionStart);
  subscription_cancel = catalog.Find(scan::kEvent, events::kSubscriptionCancel);
  purchase = catalog.Find(scan::kEvent, events::kPurchase);
  refund = catalog.Find(scan::kEvent, events::kRefund);
  const EventRoles roles = EventRoles::Resolve(catalog, defs);
  event_class.assign(catalog.size(scan::kEvent), 0);
  for (uint32_t e = 0; e < event_class.size(); ++e) {
    uint8_t& k = event_class[e];
    const bool own = !roles.Is(e, kIsInactive);
    if (!cohort_missing && (cohort_code == 0 ? own : e == cohort_code)) k |= kStarts;
    if (!return_missing && (return_code == 0 ? own : e == return_code)) k |= kReturns;
    if (e == purchase || e == refund) k |= kRevenue;
    if (e == subscription_start || e == subscription_cancel) k |= kSubscription;
  }
  next_start.resize(grid.size());
  for (size_t p = 0; p < grid.size(); ++p) {
    next_start[p] = p + 1 < grid.size() ? grid.start(p + 1) : std::numeric_limits<int64_t>::max();
  }
  properties->clear();
  group = ResolveCutAndFilter(by, where, properties, &derived);
  return Status::OK();
}

scan::ScanSpec RetentionSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  // First activity needs all history: a customer first seen before `from`
  // is not in any cohort of the range.
  s.from_ms = std::numeric_limits<int64_t>::min();
  s.to_ms = to_ms;
  s.columns = scan::kColumnEvent | scan::kColumnRevenue;
  AddCutAndFilter(group, where, properties, derived, &s);
  s.customer_ids = false;  // counts only: no customer is named (ScanSpec::customer_ids)
  return s;
}

void CohortRow::Resize(size_t columns) {
  retained.assign(columns, 0);
  kept.assign(columns, 0);
  revenue.assign(columns, 0.0);
  gross_revenue.assign(columns, 0.0);
  subscribed.assign(columns, 0);
  subscribed_kept.assign(columns, 0);
}

void CohortRow::Add(const CohortRow& o) {
  for (size_t k = 0; k < o.retained.size(); ++k) {
    retained[k] += o.retained[k];
    kept[k] += o.kept[k];
    revenue[k] += o.revenue[k];
    gross_revenue[k] += o.gross_revenue[k];
    subscribed[k] += o.subscribed[k];
    subscribed_kept[k] += o.subscribed_kept[k];
  }
}

RetentionConsumer::RetentionConsumer(const RetentionSpec& spec) : spec_(spec), groups_([] { return CohortRows(); }) {}

void RetentionConsumer::Consume(const scan::CustomerView& c) {
  if (spec_.where != nullptr) {
    ConsumeEvents<true>(c);
  } else {
    ConsumeEvents<false>(c);
  }
}

// Periods stepped over one by one before a customer's gap is bisected.
constexpr size_t kHopsBeforeBisection = 4;

template <bool kWhere>
void RetentionConsumer::ConsumeEvents(const scan::CustomerView& c) {
  const RetentionSpec& s = spec_;
  if (s.cohort_missing || s.grid.size() == 0) return;
  const uint32_t* event = c.event();
  const int64_t* ts = c.timestamp;
  const uint8_t* event_class = s.event_class.data();
  const auto keeps = [&](size_t i) { return !kWhere || s.where->Matches(c, i); };
  // The cohort event: the first qualifying one, over all history.
  size_t first = c.size;
  for (size_t i = 0; i < c.size; ++i) {
    if (keeps(i) && (event_class[event[i]] & RetentionSpec::kStarts)) {
      first = i;
      break;
    }
  }
  if (first == c.size || ts[first] < s.from_ms) return;
  const int cohort = s.grid.Index(ts[first]);
  if (cohort < 0) return;
  const uint32_t group = s.by.empty() ? 0 : groups_.Of(s.group, c, first);
  const size_t base = static_cast<size_t>(cohort);
  const size_t columns = s.grid.size() - base;
  // One pass from the cohort event on: the distinct periods after the
  // cohort's with a return event, revenue by period, and the subscription
  // state at the end of each period (the latest start or cancel before it,
  // over all history; --where applies to all three). subscribed_ is written
  // only where a subscription is active, once the first such period end
  // comes (any_active): most customers never subscribe.
  returns_.clear();
  touched_.clear();
  if (revenue_.size() < columns) revenue_.resize(columns, 0.0);  // zero, and zeroed again after use
  bool active = false, any_active = false;
  auto track = [&](size_t i) {
    const uint32_t e = event[i];
    if (e == s.subscription_start) active = true;
    else if (e == s.subscription_cancel) active = false;
  };
  auto period_ends = [&](size_t period) {
    if (!active) return;
    if (!any_active) subscribed_.assign(columns, 0);
    any_active = true;
    subscribed_[period - base] = 1;
  };
  for (size_t i = 0; i < first; ++i) {
    if ((event_class[event[i]] & RetentionSpec::kSubscription) && keeps(i)) track(i);
  }
  // Period by period: the events [i, j) of period p are summed up in the
  // union of their classes; only the rare periods with revenue or a
  // subscription event are walked again, event by event.
  constexpr uint8_t kRare = RetentionSpec::kRevenue | RetentionSpec::kSubscription;
  size_t p = base;
  int64_t next = s.next_start[p];
  for (size_t i = first, j; ; i = j) {
    uint8_t kinds = 0;
    for (j = i; j < c.size && ts[j] < next; ++j) {
      if (keeps(j)) kinds |= event_class[event[j]];
    }
    if (kinds & kRare) [[unlikely]] {
      for (size_t x = i; x < j; ++x) {
        const uint8_t kind = event_class[event[x]];
        if (!(kind & kRare) || !keeps(x)) continue;
        // Revenue as the catalogue's `revenue` (docs/metrics.md): purchases less refunds.
        if ((kind & RetentionSpec::kRevenue) && !std::isnan(c.revenue[x])) {
          revenue_[p - base] += event[x] == s.purchase ? c.revenue[x] : -c.revenue[x];
          if (touched_.empty() || touched_.back() != p - base) touched_.push_back(p - base);
        }
        if (kind & RetentionSpec::kSubscription) track(x);
      }
    }
    if ((kinds & RetentionSpec::kReturns) && p != base) returns_.push_back(p - base);
    if (j == c.size) break;
    if (active) {
      do {
        period_ends(p++);
        next = s.next_start[p];
      } while (ts[j] >= next);
    } else {
      // No subscription to record at the period ends passed over: on to the
      // period holding ts[j] (the first whose end is after it), a few steps
      // at a time, then by bisection over a long absence.
      const int64_t* ends = s.next_start.data();
      const int64_t t = ts[j];
      size_t q = p + 1;
      for (size_t hop = 0; hop < kHopsBeforeBisection && ends[q] <= t; ++hop) ++q;
      if (ends[q] <= t) q = static_cast<size_t>(std::upper_bound(ends + q + 1, ends + s.grid.size(), t) - ends);
      p = q;
      next = ends[p];
    }
  }
  for (size_t q = p; q < base + columns; ++q) period_ends(q);
  // Sums touch only what can be non-zero: the return periods, the periods
  // with revenue, and the subscription entries of customers who had one.
  const double base_revenue = touched_.empty() || touched_[0] != 0 ? 0.0 : revenue_[0];
  for (uint32_t g : {0u, group}) {
    CohortRow& row = groups_[g][base];
    if (row.retained.empty()) row.Resize(columns);
    ++row.retained[0];
    if (s.unbounded) {
      const size_t last = returns_.empty() ? 0 : returns_.back();
      for (size_t k = 1; k <= last; ++k) {
        ++row.retained[k];
        ++row.kept[k];  // retained in every entry up to the last return
      }
    } else {
      for (size_t r = 0; r < returns_.size(); ++r) {
        const size_t k = returns_[r];
        ++row.retained[k];
        row.kept[k] += k == 1 || (r > 0 && returns_[r - 1] == k - 1);
      }
    }
    for (size_t k : touched_) {
      row.revenue[k] += revenue_[k];
      row.gross_revenue[k] += std::max(0.0, std::min(revenue_[k], base_revenue));
    }
    if (any_active) {
      for (size_t k = 0; k < columns; ++k) {
        row.subscribed[k] += subscribed_[k];
        if (k > 0) row.subscribed_kept[k] += subscribed_[k - 1] & subscribed_[k];
      }
    }
    if (group == 0) break;
  }
  for (size_t k : touched_) revenue_[k] = 0.0;
}

void RetentionConsumer::MergeFrom(RetentionConsumer& other) {
  groups_.Merge(other.groups_, [](CohortRows& mine, CohortRows& theirs) {
    for (auto& [cohort, row] : theirs) {
      CohortRow& into = mine[cohort];
      if (into.retained.empty()) {
        into = std::move(row);
      } else {
        into.Add(row);
      }
    }
  });
}

}  // namespace touchpoint::kernels
