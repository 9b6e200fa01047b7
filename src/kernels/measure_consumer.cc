#include "kernels/measure_consumer.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "util/time.h"

namespace touchpoint::kernels {
namespace {

// A feature mark: (group, period) packed in 64 bits, sorted with its
// feature code to count each adopter once per cell.
constexpr int kPeriodShift = 8;
constexpr int kGroupShift = 28;
constexpr uint64_t kPeriodMask = (1ull << (kGroupShift - kPeriodShift)) - 1;

uint64_t Mark(uint32_t group, size_t period) {
  return (static_cast<uint64_t>(group) << kGroupShift) | (static_cast<uint64_t>(period) << kPeriodShift);
}
uint32_t MarkGroup(uint64_t m) { return static_cast<uint32_t>(m >> kGroupShift); }
size_t MarkPeriod(uint64_t m) { return static_cast<size_t>((m >> kPeriodShift) & kPeriodMask); }

}  // namespace

MeasureConsumer::MeasureConsumer(const MeasureSpec& spec)
    : spec_(spec),
      sessions_(spec.defs, spec.roles, spec.zone),
      groups_([&spec] { return MeasureGroup{SparseCells(spec.series.size() + 1), 0}; }),
      marks_(spec) {}

void MeasureConsumer::TimeOfDay::Add(int64_t ts) {
  const int64_t tod = ((ts % kMillisPerDay) + kMillisPerDay) % kMillisPerDay;
  if (varied || tod == seen[0] || tod == seen[1]) return;
  if (seen[0] < 0) {
    seen[0] = tod;
  } else if (seen[1] < 0) {
    seen[1] = tod;
  } else {
    varied = true;
  }
}

void MeasureConsumer::TimeOfDay::Merge(const TimeOfDay& o) {
  varied |= o.varied;
  for (int64_t t : o.seen) {
    if (t >= 0) Add(t);
  }
}

void MeasureConsumer::AssignGroups(const scan::CustomerView& c) {
  const MeasureSpec& s = spec_;
  const size_t n = c.size;
  const int64_t* ts = c.timestamp;
  size_t end = static_cast<size_t>(std::lower_bound(ts, ts + n, s.to_ms) - ts);
  for (size_t i = 0; i < end; ++i) {
    if (keep_[i]) group_[i] = groups_.Of(s.group, c, i);
  }
  // The customer's own group: the first (or last) non-empty value among
  // its own actions in the range; else any row's value (then empty).
  auto customer_group = [&](bool last) {
    const size_t from = static_cast<size_t>(std::lower_bound(ts, ts + end, s.from_ms) - ts);
    size_t found = end, any = end;
    for (size_t k = from; k < end; ++k) {
      const size_t i = last ? end - 1 - (k - from) : k;
      if (!keep_[i]) continue;
      if (any == end) any = i;
      if (s.roles.Is(c.event()[i], kIsInactive) || s.group.Empty(c, i)) continue;
      found = i;
      break;
    }
    if (found == end) found = any;
    if (found == end) {
      for (size_t i = 0; i < end && found == end; ++i) found = keep_[i] ? i : end;
    }
    return found == end ? 0u : group_[found];
  };
  switch (s.scope) {
    case CutScope::kMeasure:
      mgroup_.assign(n, customer_group(false));
      break;
    case CutScope::kEvent:
      mgroup_ = group_;
      break;
    case CutScope::kSession: {
      // Every row in a session takes the session's first row's group; rows
      // in none (inactive events) keep their own.
      scan::CustomerView head = c;
      head.size = end;
      sessions_.Build(head, &keep_, &session_list_, &row_session_);
      sessions_built_ = true;  // CountSessions reuses them
      for (size_t i = 0; i < end; ++i) {
        const uint32_t ses = row_session_[i];
        if (ses != SessionBuilder::kNoSession) group_[i] = group_[session_list_[ses].first_row];
      }
      mgroup_ = group_;
      break;
    }
    case CutScope::kFirst:
    case CutScope::kLast:
      group_.assign(n, customer_group(s.scope == CutScope::kLast));
      mgroup_ = group_;
      break;
  }
}

void MeasureConsumer::Consume(const scan::CustomerView& c) {
  const MeasureSpec& s = spec_;
  const EventRoles& roles = s.roles;
  const size_t n = c.size;
  const int64_t* ts = c.timestamp;
  const uint32_t* ev = c.event();
  const bool by = !s.by.empty();
  const int64_t range_lo = s.series.start(0);  // look-back start (or `from`)

  keep_.assign(n, 1);
  sessions_built_ = false;
  if (s.where != nullptr && !s.where->empty()) {
    for (size_t i = 0; i < n; ++i) keep_[i] = s.where->Matches(c, i) ? 1 : 0;
  }
  // Whether timestamps carry a time of day is a property of the data, not of
  // the filter or the range: every row scanned counts, until three differ.
  for (size_t i = 0; i < n && !time_of_day_.varied; ++i) time_of_day_.Add(ts[i]);
  period_.assign(n, -1);
  group_.assign(n, 0);
  mgroup_.assign(n, 0);
  if (by) AssignGroups(c);

  // First activity over all history: the customer's "first seen".
  int64_t first_ts = 0;
  size_t first_row = n;
  for (size_t i = 0; i < n && ts[i] < s.to_ms; ++i) {
    if (!keep_[i] || roles.Is(ev[i], kIsInactive)) continue;
    first_row = i;
    first_ts = ts[i];
    break;
  }

  feature_marks_.clear();
  marks_.Begin();

  const size_t begin = static_cast<size_t>(std::lower_bound(ts, ts + n, std::min(range_lo, s.months.start(0))) - ts);
  size_t p = 0, d = 0, m = 0;
  for (size_t i = begin; i < n && ts[i] < s.to_ms; ++i) {
    if (!keep_[i]) continue;
    const int64_t t = ts[i];
    const uint32_t e = ev[i];
    const uint16_t f = roles.flags[e];
    const bool active = !(f & kIsInactive);
    // Event measures go to the event's group, customer measures to the
    // customer's (the same under every scope but kMeasure).
    const uint32_t g = group_[i], mg = mgroup_[i];
    const bool purchase = (f & kIsPurchase) != 0;
    const double purchase_revenue = purchase && !std::isnan(c.revenue[i]) ? c.revenue[i] : 0;
    // Calendar months (overall churn and MAU).
    if (active && t >= s.months.start(0)) {
      while (m + 1 < s.months.size() && t >= s.months.start(m + 1)) ++m;
      marks_.Month(groups_, mg, m, purchase_revenue, purchase);
      if (by) marks_.Month(groups_, 0, m, purchase_revenue, purchase);
    }
    if (t < range_lo) continue;
    while (p + 1 < s.series.size() && t >= s.series.start(p + 1)) ++p;
    // Between the look-back period and `from` (the first period's head
    // before the range starts): in no cell.
    if (p >= 1 && t < s.from_ms) continue;
    period_[i] = static_cast<int32_t>(p);
    MeasureCell& cell = Cell(g, p);
    MeasureCell& mcell = Cell(mg, p);
    ++cell.events;
    if (f & kIsImpression) {
      ++cell.impressions;
      if (c.channel()[i] == roles.social_channel) ++cell.social_impressions;
    }
    if (f & kIsClick) ++cell.clicks;
    if (f & kIsSocialAction) ++cell.social_actions;
    uint64_t bits = active ? uint64_t{kMarkActive} : uint64_t{0};
    if (f & kIsPageView) bits |= kMarkVisitor;
    if (f & kIsConversion) bits |= kMarkConverter;
    if (purchase) {
      ++cell.purchases;
      bits |= kMarkPurchaser;
      cell.revenue += purchase_revenue;
      mcell.customer_revenue += purchase_revenue;
    }
    if ((f & kIsRefund) && !std::isnan(c.revenue[i])) {
      ++cell.refunds;
      cell.refunded += c.revenue[i];
      mcell.customer_revenue -= c.revenue[i];
    }
    // Survey answers count with their respondent.
    if ((f & kIsSurveyResponse) && !std::isnan(c.score[i])) {
      const uint32_t kind = c.dict[scan::kSurvey][i];
      const double score = c.score[i];
      if (kind == roles.survey_nps) {
        ++mcell.nps_n;
        mcell.promoters += score >= 9;
        mcell.detractors += score <= 6;
      } else if (kind == roles.survey_csat) {
        ++mcell.csat_n;
        mcell.csat_satisfied += score >= s.defs.csat_satisfied_min;
      } else if (kind == roles.survey_ces) {
        const double v = s.defs.ces_higher_is_easier ? score : 8 - score;  // 1-7 scale, 7 = easiest
        ++mcell.ces_n;
        mcell.ces_sum += v;
        mcell.ces_sum2 += v * v;
      }
    }
    if (f & kIsFeatureUse) {
      const uint32_t feature = c.dict[scan::kFeature][i];
      if (feature != 0) {
        if (cell.features.size() < s.feature_count) cell.features.resize(s.feature_count);
        ++cell.features[feature].uses;
        feature_marks_.emplace_back(Mark(mg, p), feature);  // adopters: customer measure
      }
    }
    if (bits != 0) {
      marks_.Add(groups_, mg, p, bits, purchase_revenue);
      if (by) marks_.Add(groups_, 0, p, bits, purchase_revenue);
    }
    if (active && t >= s.from_ms) {
      while (d + 1 < s.days.size() && t >= s.days.start(d + 1)) ++d;
      marks_.Day(groups_, mg, d);
      if (by) marks_.Day(groups_, 0, d);
      if (purchase) {
        marks_.PurchaseDay(groups_, mg, p, d);
        if (by) marks_.PurchaseDay(groups_, 0, p, d);
      }
    }
  }

  // Distinct customers per cell, active days, churn: each group's open
  // marks close now (MeasureMarks: streamed in time order).
  marks_.Finish(groups_);
  CountFeatureAdopters();
  if (first_row < n) CountNewCustomer(c, first_row, first_ts);
  CountSessions(c);
  CountSubscriptions(c);
}

void MeasureConsumer::CountFeatureAdopters() {
  if (feature_marks_.empty()) return;
  const MeasureSpec& s = spec_;
  const bool by = !s.by.empty();
  const size_t all = s.all_index();
  const size_t fm = feature_marks_.size();
  for (size_t k = 0; k < fm; ++k) {
    const auto [mk, feature] = feature_marks_[k];
    const uint32_t g = MarkGroup(mk);
    const size_t pp = MarkPeriod(mk);
    if (by) feature_marks_.emplace_back(Mark(0, pp), feature);
    if (s.has_series() && pp >= 1) {
      feature_marks_.emplace_back(Mark(g, all), feature);
      if (by) feature_marks_.emplace_back(Mark(0, all), feature);
    }
  }
  std::sort(feature_marks_.begin(), feature_marks_.end());
  feature_marks_.erase(std::unique(feature_marks_.begin(), feature_marks_.end()), feature_marks_.end());
  for (const auto& [mk, feature] : feature_marks_) {
    MeasureCell& cell = Cell(MarkGroup(mk), MarkPeriod(mk));
    if (cell.features.size() < s.feature_count) cell.features.resize(s.feature_count);
    ++cell.features[feature].adopters;
  }
}

// New customers, activation, and the window before the range.
void MeasureConsumer::CountNewCustomer(const scan::CustomerView& c, size_t first_row, int64_t first_ts) {
  const MeasureSpec& s = spec_;
  const bool by = !s.by.empty();
  const size_t all = s.all_index();
  const int64_t range_lo = s.series.start(0);
  const uint32_t g = by ? mgroup_[first_row] : 0;
  if (first_ts < s.from_ms) {
    ++known_before_;
    if (first_ts >= s.from_ms - (s.to_ms - s.from_ms)) {
      ++groups_[0].prev_window_new;
      if (by) ++groups_[g].prev_window_new;
    }
  }
  if (first_ts < range_lo || first_ts >= s.to_ms) return;
  bool activated = false;
  for (size_t i = first_row; i < c.size && c.timestamp[i] <= first_ts + s.defs.activation_window_ms; ++i) {
    if (keep_[i] && s.roles.Is(c.event()[i], kIsActivation)) {
      activated = true;
      break;
    }
  }
  const size_t fp = static_cast<size_t>(s.series.Index(first_ts));
  const bool in_gap = s.has_series() && fp >= 1 && first_ts < s.from_ms;
  auto count = [&](uint32_t group, size_t period) {
    MeasureCell& cell = Cell(group, period);
    ++cell.new_customers;
    cell.activated += activated;
  };
  if (!in_gap) {
    count(g, fp);
    if (by) count(0, fp);
  }
  if (s.has_series() && first_ts >= s.from_ms) {
    count(g, all);
    if (by) count(0, all);
  }
}

void MeasureConsumer::CountSessions(const scan::CustomerView& c) {
  const MeasureSpec& s = spec_;
  // Sessions are built from every kept event before `to` (a session that
  // began before the range is not counted, but its events still bind).
  const size_t end = static_cast<size_t>(std::lower_bound(c.timestamp, c.timestamp + c.size, s.to_ms) - c.timestamp);
  if (!sessions_built_) {  // else AssignGroups built them from the same rows
    scan::CustomerView head = c;
    head.size = end;
    sessions_.Build(head, &keep_, &session_list_);
  }
  const bool by = !s.by.empty();
  for (const Session& ses : session_list_) {
    const int32_t p = period_[ses.first_row];
    if (p < 0) continue;  // began before the look-back period
    const uint32_t g = by ? group_[ses.first_row] : 0;
    MeasureCell& cell = Cell(g, static_cast<size_t>(p));
    ++cell.sessions;
    if (sessions_.InBounceDenominator(ses)) {
      ++cell.bounce_base;
      cell.bounces += sessions_.Bounced(ses);
    }
    const double dur = static_cast<double>(ses.duration_ms()) / 1000.0;
    cell.duration_s += dur;
    cell.duration_s2 += dur * dur;
    cell.converted_sessions += ses.purchase;
    if (ses.add_to_cart) {
      ++cell.cart_sessions;
      cell.abandoned_carts += !ses.purchase;
    }
  }
}

void MeasureConsumer::CountSubscriptions(const scan::CustomerView& c) {
  const MeasureSpec& s = spec_;
  const EventRoles& roles = s.roles;
  const uint32_t* ev = c.event();
  // Subscription state changes, in time order.
  struct Change {
    int64_t ts;
    bool start;
    uint32_t group;
  };
  std::vector<Change> changes;
  for (size_t i = 0; i < c.size && c.timestamp[i] < s.to_ms; ++i) {
    if (!keep_[i]) continue;
    if (roles.Is(ev[i], kIsSubscriptionStart)) changes.push_back({c.timestamp[i], true, mgroup_[i]});
    if (roles.Is(ev[i], kIsSubscriptionCancel)) changes.push_back({c.timestamp[i], false, mgroup_[i]});
  }
  if (changes.empty()) return;
  const bool by = !s.by.empty();
  // A period counts a subscriber active at its start; a cancel inside it churns.
  auto count = [&](size_t cell_index, int64_t start, int64_t end) {
    bool active = false;
    uint32_t group = 0;
    size_t k = 0;
    for (; k < changes.size() && changes[k].ts < start; ++k) {
      active = changes[k].start;
      if (changes[k].start) group = changes[k].group;
    }
    if (!active) return;
    bool cancelled = false;
    for (; k < changes.size() && changes[k].ts < end; ++k) {
      if (!changes[k].start) {
        cancelled = true;
        break;
      }
    }
    for (uint32_t g : {group, 0u}) {
      MeasureCell& cell = Cell(g, cell_index);
      ++cell.subscribers_at_start;
      cell.subscribers_cancelled += cancelled;
      if (!by) break;
    }
  };
  if (s.has_series()) {
    for (size_t p = 1; p < s.series.size(); ++p) count(p, std::max(s.series.start(p), s.from_ms), s.series.end(p));
  }
  // The whole range pools its calendar months, as churn_rate does
  // (docs/metrics.md): a subscriber at each month's start, a cancel in it.
  for (size_t m = 1; m < s.months.size(); ++m) {
    count(s.all_index(), std::max(s.months.start(m), s.from_ms), std::min(s.months.end(m), s.to_ms));
  }
}

void MeasureConsumer::Finalize() {
  // Event and session counts were kept in (group, period) cells only; the
  // all-groups row and the whole-range column are their sums. Distinct
  // customer counts were kept in every cell directly (they do not add up).
  const size_t periods = spec_.series.size();
  std::vector<MeasureGroup>& groups = groups_.states();
  if (!spec_.by.empty()) {
    for (size_t g = 1; g < groups.size(); ++g) {
      for (size_t p = 0; p < periods; ++p) {
        if (groups[g].cells.Touched(p)) groups[0].cells[p].MergeAdditive(std::as_const(groups[g].cells)[p]);
      }
    }
  }
  if (spec_.has_series()) {
    for (MeasureGroup& group : groups) {
      for (size_t p = 1; p < periods; ++p) {
        if (group.cells.Touched(p)) group.cells[spec_.all_index()].MergeAdditive(std::as_const(group.cells)[p]);
      }
    }
  }
}

void MeasureConsumer::MergeFrom(MeasureConsumer& other) {
  known_before_ += other.known_before_;
  time_of_day_.Merge(other.time_of_day_);
  groups_.Merge(other.groups_, [](MeasureGroup& mine, const MeasureGroup& theirs) { mine.Merge(theirs); });
}

}  // namespace touchpoint::kernels
