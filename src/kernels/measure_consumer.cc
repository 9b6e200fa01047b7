#include "kernels/measure_consumer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/group_column.h"

namespace touchpoint::kernels {
namespace {

// Distinct-customer marks: (group, period, flag bits) packed in 64 bits.
enum MarkBit : uint64_t { kActive = 1, kVisitor = 2, kConverter = 4, kPurchaser = 8 };
constexpr int kPeriodShift = 8;
constexpr int kGroupShift = 28;
constexpr uint64_t kPeriodMask = (1ull << (kGroupShift - kPeriodShift)) - 1;

uint64_t Mark(uint32_t group, size_t period, uint64_t bits) {
  return (static_cast<uint64_t>(group) << kGroupShift) | (static_cast<uint64_t>(period) << kPeriodShift) | bits;
}
uint32_t MarkGroup(uint64_t m) { return static_cast<uint32_t>(m >> kGroupShift); }
size_t MarkPeriod(uint64_t m) { return static_cast<size_t>((m >> kPeriodShift) & kPeriodMask); }


}  // namespace

void MeasureSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  series = PeriodGrid::Make(Interval::kNone, from_ms, to_ms, zone);
  if (interval != Interval::kNone) {
    // One look-back period before `from`, for churn and growth of the first.
    PeriodGrid probe = PeriodGrid::Make(interval, from_ms, to_ms, zone);
    const int64_t first = probe.start(0);
    const int64_t span = interval == Interval::kDay ? 86400000LL : interval == Interval::kWeek ? 7 * 86400000LL
                                                                                              : 31 * 86400000LL;
    PeriodGrid wide = PeriodGrid::Make(interval, first - span, to_ms, zone);
    // Keep exactly one period before `first`.
    int idx = wide.Index(first);
    series = idx <= 1 ? wide : PeriodGrid::Make(interval, wide.start(static_cast<size_t>(idx - 1)), to_ms, zone);
  }
  months = MonthsWithPrevious(from_ms, to_ms, zone);
  days = PeriodGrid::Make(Interval::kDay, from_ms, to_ms, zone);
  roles = EventRoles::Resolve(catalog, defs);
  feature_count = catalog.size(scan::kFeature);
  properties->clear();
  group = ResolveCutAndFilter(by, where, properties, &derived);
}

scan::ScanSpec MeasureSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = std::numeric_limits<int64_t>::min();  // first seen, churn and sessions need history
  const int64_t window = defs.activation_window_ms;
  s.to_ms = to_ms > std::numeric_limits<int64_t>::max() - window ? to_ms : to_ms + window;
  s.columns = scan::kColumnEvent | scan::kColumnChannel | scan::kColumnSurvey | scan::kColumnFeature |
              scan::kColumnRevenue | scan::kColumnScore | scan::kColumnSessionId | scan::kColumnCampaign;
  AddCutAndFilter(group, where, properties, derived, &s);
  return s;
}

MeasureConsumer::MeasureConsumer(const MeasureSpec& spec)
    : spec_(spec), sessions_(spec.defs, spec.roles, spec.zone) {
  groups_.push_back(GroupCells{"", std::vector<MeasureCell>(spec.series.size() + 1)});
  prev_window_new_.push_back(0);
}

uint64_t MeasureConsumer::new_in_previous_window(size_t group) const { return prev_window_new_[group]; }

MeasureCell& MeasureConsumer::Cell(uint32_t group, size_t period) { return groups_[group].cells[period]; }

uint32_t MeasureConsumer::GroupOf(const scan::CustomerView& c, size_t row) {
  if (spec_.by.empty()) return 0;
  // Hot path: a dictionary column maps codes to groups through a vector, and
  // a property's value usually repeats from the previous event.
  std::string_view key;
  std::string code_key;
  if (spec_.group.dict >= 0) {
    const uint32_t code = c.dict[spec_.group.dict][row];
    if (code < dict_group_.size() && dict_group_[code] != kNoGroup) return dict_group_[code];
    code_key = std::to_string(code);  // named from the catalog at the end
    key = code_key;
  } else {
    key = spec_.group.derived >= 0 ? c.derived[spec_.group.derived] : c.properties[spec_.group.property][row];
    if (last_group_ != kNoGroup && key == last_key_) return last_group_;
  }
  auto it = group_ids_.find(std::string(key));
  uint32_t id;
  if (it != group_ids_.end()) {
    id = it->second;
  } else {
    id = static_cast<uint32_t>(groups_.size());
    group_ids_.emplace(std::string(key), id);
    groups_.push_back(GroupCells{std::string(key), std::vector<MeasureCell>(spec_.series.size() + 1)});
    prev_window_new_.push_back(0);
  }
  if (spec_.group.dict >= 0) {
    const uint32_t code = c.dict[spec_.group.dict][row];
    if (dict_group_.size() <= code) dict_group_.resize(code + 1, kNoGroup);
    dict_group_[code] = id;
  } else {
    last_key_.assign(key);
    last_group_ = id;
  }
  return id;
}

// One customer's marks arrive in time order, so each group sees its periods,
// days and months in increasing order: a (group, period) cell is complete
// when the group's next period starts, and whether the customer came back in
// the next period is known right then. No per-customer sorting.
void MeasureConsumer::AddMark(GroupMarks& st, uint32_t g, size_t p, uint64_t bits, double revenue) {
  if (st.period != static_cast<int64_t>(p)) {
    if (st.period >= 0) CloseMark(g, &st);
    st.period = static_cast<int64_t>(p);
    st.bits = 0;
    st.revenue = 0;
  }
  st.bits |= bits;
  st.revenue += revenue;
}

void MeasureConsumer::CountMark(uint32_t g, size_t p, uint64_t bits) {
  MeasureCell& cell = Cell(g, p);
  if (bits & kActive) ++cell.customers;
  if (bits & kVisitor) ++cell.visitors;
  if (bits & kConverter) ++cell.converters;
  if (bits & kPurchaser) {
    ++cell.purchasers;
    cell.purchaser_lifespan_days += lifespan_days_;
  }
}

// Series churn: active in one period and not in the next.
void MeasureConsumer::ChurnAfter(uint32_t g, const GroupMarks& st, bool still) {
  const size_t pp = static_cast<size_t>(st.prev_period);
  if (!st.prev_active || pp + 1 >= spec_.series.size()) return;
  MeasureCell& next = Cell(g, pp + 1);
  ++next.churn_base;
  next.churn_base_revenue += st.prev_revenue;
  if (!still) {
    ++next.churned;
    next.churned_revenue += st.prev_revenue;
  }
}

void MeasureConsumer::CloseMark(uint32_t g, GroupMarks* st) {
  const size_t p = static_cast<size_t>(st->period);
  CountMark(g, p, st->bits);
  if (p >= 1 || !spec_.has_series()) st->in_range_bits |= st->bits;  // period 0 of a series is the look-back
  if (spec_.has_series()) {
    if (st->prev_period >= 0) ChurnAfter(g, *st, st->period == st->prev_period + 1 && (st->bits & kActive));
    st->prev_period = st->period;
    st->prev_active = (st->bits & kActive) != 0;
    st->prev_revenue = st->revenue;
  }
}

void MeasureConsumer::AddDay(GroupMarks& st, uint32_t g, size_t d) {
  if (st.day == static_cast<int64_t>(d)) return;
  st.day = static_cast<int64_t>(d);
  // Active days (distinct customer-days), per period and the whole range.
  const int sp = spec_.series.Index(std::max(spec_.days.start(d), spec_.from_ms));
  if (sp >= 0) ++Cell(g, static_cast<size_t>(sp)).active_days;
  if (spec_.has_series()) ++Cell(g, spec_.all_index()).active_days;
}

void MeasureConsumer::AddMonth(GroupMarks& st, uint32_t g, size_t m, double revenue) {
  if (st.month != static_cast<int64_t>(m)) {
    if (st.month >= 0) CloseMonth(g, st, static_cast<int64_t>(m));
    st.month = static_cast<int64_t>(m);
    st.month_revenue = 0;
  }
  st.month_revenue += revenue;
}

// Whole-range churn and monthly actives over calendar months.
void MeasureConsumer::CloseMonth(uint32_t g, const GroupMarks& st, int64_t next_month) {
  const size_t mi = static_cast<size_t>(st.month);
  MeasureCell& whole = Cell(g, spec_.all_index());
  if (mi >= 1) ++whole.monthly_actives;
  if (mi + 1 < spec_.months.size()) {
    ++whole.churn_base;
    whole.churn_base_revenue += st.month_revenue;
    if (next_month != st.month + 1) {
      ++whole.churned;
      whole.churned_revenue += st.month_revenue;
    }
  }
}

void MeasureConsumer::FinishMarks() {
  for (uint32_t g : touched_) {
    GroupMarks& st = marks_state_[g];
    if (st.period >= 0) CloseMark(g, &st);
    if (spec_.has_series()) {
      if (st.prev_period >= 0) ChurnAfter(g, st, false);
      if (st.in_range_bits != 0) CountMark(g, spec_.all_index(), st.in_range_bits);
    }
    if (st.month >= 0) CloseMonth(g, st, -1);
    st.touched = false;
  }
  touched_.clear();
}

void MeasureConsumer::Consume(const scan::CustomerView& c) {
  const MeasureSpec& s = spec_;
  const EventRoles& roles = s.roles;
  const size_t n = c.size;
  const int64_t* ts = c.timestamp;
  const uint32_t* ev = c.event();
  const bool by = !s.by.empty();
  const size_t all = s.all_index();
  const int64_t range_lo = s.series.start(0);  // look-back start (or `from`)

  keep_.assign(n, 1);
  if (s.where != nullptr && !s.where->empty()) {
    for (size_t i = 0; i < n; ++i) keep_[i] = s.where->Matches(c, i) ? 1 : 0;
  }
  period_.assign(n, -1);
  group_.assign(n, 0);

  // First activity over all history: the customer's "first seen".
  int64_t first_ts = 0, last_ts = 0;
  size_t first_row = n;
  for (size_t i = 0; i < n && ts[i] < s.to_ms; ++i) {
    if (!keep_[i] || roles.Is(ev[i], kIsInactive)) continue;
    if (first_row == n) {
      first_row = i;
      first_ts = ts[i];
    }
    last_ts = ts[i];
  }

  touched_.clear();
  feature_marks_.clear();
  lifespan_days_ = static_cast<double>(last_ts - first_ts) / 86400000.0;

  const size_t begin = static_cast<size_t>(std::lower_bound(ts, ts + n, std::min(range_lo, s.months.start(0))) - ts);
  size_t p = 0, d = 0, m = 0;
  for (size_t i = begin; i < n && ts[i] < s.to_ms; ++i) {
    if (!keep_[i]) continue;
    const int64_t t = ts[i];
    const uint32_t e = ev[i];
    const uint16_t f = roles.flags[e];
    const bool active = !(f & kIsInactive);
    const uint32_t g = by ? GroupOf(c, i) : 0;
    group_[i] = g;
    if (marks_state_.size() < groups_.size()) marks_state_.resize(groups_.size());  // before taking references
    GroupMarks& sg = Touch(g);
    GroupMarks* s0 = by ? &Touch(0) : nullptr;
    const double purchase_revenue = f & kIsPurchase && !std::isnan(c.revenue[i]) ? c.revenue[i] : 0;
    // Calendar months (overall churn and MAU).
    if (active && t >= s.months.start(0)) {
      while (m + 1 < s.months.size() && t >= s.months.start(m + 1)) ++m;
      AddMonth(sg, g, m, purchase_revenue);
      if (by) AddMonth(*s0, 0, m, purchase_revenue);
    }
    if (t < range_lo) continue;
    while (p + 1 < s.series.size() && t >= s.series.start(p + 1)) ++p;
    // Between the look-back period and `from` (the first period's head
    // before the range starts): in no cell.
    if (p >= 1 && t < s.from_ms) continue;
    period_[i] = static_cast<int32_t>(p);
    MeasureCell& cell = Cell(g, p);
    ++cell.events;
    if (f & kIsImpression) {
      ++cell.impressions;
      if (c.channel()[i] == roles.social_channel) ++cell.social_impressions;
    }
    if (f & kIsClick) ++cell.clicks;
    if (f & kIsSocialAction) ++cell.social_actions;
    uint64_t bits = active ? uint64_t{kActive} : uint64_t{0};
    if (f & kIsPageView) bits |= kVisitor;
    if (f & kIsConversion) bits |= kConverter;
    if (f & kIsPurchase) {
      ++cell.purchases;
      bits |= kPurchaser;
      cell.revenue += purchase_revenue;
    }
    if ((f & kIsRefund) && !std::isnan(c.revenue[i])) {
      ++cell.refunds;
      cell.refunded += c.revenue[i];
    }
    if ((f & kIsSurveyResponse) && !std::isnan(c.score[i])) {
      const uint32_t kind = c.dict[scan::kSurvey][i];
      const double score = c.score[i];
      if (kind == roles.survey_nps) {
        ++cell.nps_n;
        cell.promoters += score >= 9;
        cell.detractors += score <= 6;
      } else if (kind == roles.survey_csat) {
        ++cell.csat_n;
        cell.csat_satisfied += score >= s.defs.csat_satisfied_min;
      } else if (kind == roles.survey_ces) {
        const double v = s.defs.ces_higher_is_easier ? score : 8 - score;  // 1-7 scale, 7 = easiest
        ++cell.ces_n;
        cell.ces_sum += v;
        cell.ces_sum2 += v * v;
      }
    }
    if (f & kIsFeatureUse) {
      const uint32_t feature = c.dict[scan::kFeature][i];
      if (feature != 0) {
        if (cell.features.size() < s.feature_count) cell.features.resize(s.feature_count);
        ++cell.features[feature].uses;
        feature_marks_.emplace_back(Mark(g, p, 0), feature);
      }
    }
    if (bits != 0) {
      AddMark(sg, g, p, bits, purchase_revenue);
      if (by) AddMark(*s0, 0, p, bits, purchase_revenue);
    }
    if (active && t >= s.from_ms) {
      while (d + 1 < s.days.size() && t >= s.days.start(d + 1)) ++d;
      AddDay(sg, g, d);
      if (by) AddDay(*s0, 0, d);
    }
  }

  // Distinct customers per cell, active days, churn: each group's open
  // marks close now (AddMark: streamed in time order).
  FinishMarks();
  // Feature adopters.
  if (!feature_marks_.empty()) {
    const size_t fm = feature_marks_.size();
    for (size_t k = 0; k < fm; ++k) {
      const auto [mk, feature] = feature_marks_[k];
      const uint32_t g = MarkGroup(mk);
      const size_t pp = MarkPeriod(mk);
      if (by) feature_marks_.emplace_back(Mark(0, pp, 0), feature);
      if (s.has_series() && pp >= 1) {
        feature_marks_.emplace_back(Mark(g, all, 0), feature);
        if (by) feature_marks_.emplace_back(Mark(0, all, 0), feature);
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
  if (first_row < n) {
    const uint32_t g = by ? GroupOf(c, first_row) : 0;
    if (first_ts < s.from_ms) {
      ++known_before_;
      if (first_ts >= s.from_ms - (s.to_ms - s.from_ms)) {
        ++prev_window_new_[0];
        if (by) ++prev_window_new_[g];
      }
    }
    if (first_ts >= range_lo && first_ts < s.to_ms) {
      bool activated = false;
      for (size_t i = first_row; i < n && ts[i] <= first_ts + s.defs.activation_window_ms; ++i) {
        if (keep_[i] && roles.Is(ev[i], kIsActivation)) {
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
  }

  CountSessions(c);
  CountSubscriptions(c, first_ts);
}

void MeasureConsumer::CountSessions(const scan::CustomerView& c) {
  const MeasureSpec& s = spec_;
  // Sessions are built from every kept event before `to` (a session that
  // began before the range is not counted, but its events still bind).
  const size_t end = static_cast<size_t>(std::lower_bound(c.timestamp, c.timestamp + c.size, s.to_ms) - c.timestamp);
  scan::CustomerView head = c;
  head.size = end;
  sessions_.Build(head, &keep_, &session_list_);
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

void MeasureConsumer::CountSubscriptions(const scan::CustomerView& c, int64_t first_ts) {
  (void)first_ts;
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
    if (roles.Is(ev[i], kIsSubscriptionStart)) changes.push_back({c.timestamp[i], true, group_[i]});
    if (roles.Is(ev[i], kIsSubscriptionCancel)) changes.push_back({c.timestamp[i], false, group_[i]});
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
  for (size_t p = s.has_series() ? 1 : 0; p < s.series.size(); ++p) {
    count(p, std::max(s.series.start(p), s.from_ms), s.series.end(p));
  }
  if (s.has_series()) count(s.all_index(), s.from_ms, s.to_ms);
}

void MeasureConsumer::Finalize() {
  // Event and session counts were kept in (group, period) cells only; the
  // all-groups row and the whole-range column are their sums. Distinct
  // customer counts were kept in every cell directly (they do not add up).
  auto add = [](const MeasureCell& from, MeasureCell* to) {
    MeasureCell additive;
    additive.events = from.events;
    additive.impressions = from.impressions;
    additive.clicks = from.clicks;
    additive.social_impressions = from.social_impressions;
    additive.social_actions = from.social_actions;
    additive.purchases = from.purchases;
    additive.refunds = from.refunds;
    additive.revenue = from.revenue;
    additive.refunded = from.refunded;
    additive.sessions = from.sessions;
    additive.bounces = from.bounces;
    additive.bounce_base = from.bounce_base;
    additive.converted_sessions = from.converted_sessions;
    additive.cart_sessions = from.cart_sessions;
    additive.abandoned_carts = from.abandoned_carts;
    additive.duration_s = from.duration_s;
    additive.duration_s2 = from.duration_s2;
    additive.csat_n = from.csat_n;
    additive.csat_satisfied = from.csat_satisfied;
    additive.nps_n = from.nps_n;
    additive.promoters = from.promoters;
    additive.detractors = from.detractors;
    additive.ces_n = from.ces_n;
    additive.ces_sum = from.ces_sum;
    additive.ces_sum2 = from.ces_sum2;
    additive.features.resize(from.features.size());
    for (size_t f = 0; f < from.features.size(); ++f) additive.features[f].uses = from.features[f].uses;
    to->Merge(additive);
  };
  const size_t periods = spec_.series.size();
  if (!spec_.by.empty()) {
    for (size_t g = 1; g < groups_.size(); ++g) {
      for (size_t p = 0; p < periods; ++p) add(groups_[g].cells[p], &groups_[0].cells[p]);
    }
  }
  if (spec_.has_series()) {
    for (auto& group : groups_) {
      for (size_t p = 1; p < periods; ++p) add(group.cells[p], &group.cells[spec_.all_index()]);
    }
  }
}

void MeasureConsumer::Merge(scan::CustomerConsumer& other_base) {
  auto& other = static_cast<MeasureConsumer&>(other_base);
  known_before_ += other.known_before_;
  for (size_t og = 0; og < other.groups_.size(); ++og) {
    uint32_t g = 0;
    if (og > 0) {
      const std::string& key = other.groups_[og].key;
      auto it = group_ids_.find(key);
      if (it == group_ids_.end()) {
        g = static_cast<uint32_t>(groups_.size());
        group_ids_.emplace(key, g);
        groups_.push_back(GroupCells{key, std::vector<MeasureCell>(spec_.series.size() + 1)});
        prev_window_new_.push_back(0);
      } else {
        g = it->second;
      }
    }
    prev_window_new_[g] += other.prev_window_new_[og];
    for (size_t p = 0; p < groups_[g].cells.size(); ++p) groups_[g].cells[p].Merge(other.groups_[og].cells[p]);
  }
}

}  // namespace touchpoint::kernels
