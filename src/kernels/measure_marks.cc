#include "kernels/measure_marks.h"

#include <algorithm>

namespace touchpoint::kernels {

void MeasureMarks::Begin() { touched_.clear(); }

MeasureMarks::State& MeasureMarks::Touch(uint32_t g) {
  if (state_.size() <= g) state_.resize(g + 1);
  State& st = state_[g];
  if (!st.touched) {
    st = State{};
    st.touched = true;
    touched_.push_back(g);
  }
  return st;
}

void MeasureMarks::Add(Groups& groups, uint32_t g, size_t p, uint64_t bits, double revenue) {
  State& st = Touch(g);
  if (st.period != static_cast<int64_t>(p)) {
    if (st.period >= 0) Close(groups, g, &st);
    st.period = static_cast<int64_t>(p);
    st.bits = 0;
    st.revenue = 0;
    st.period_purchase_days = 0;
    st.purchase_day = -1;
  }
  st.bits |= bits;
  st.revenue += revenue;
}

void MeasureMarks::Count(Groups& groups, uint32_t g, size_t p, uint64_t bits) {
  MeasureCell& cell = groups[g].cells[p];
  if (bits & kMarkActive) ++cell.customers;
  if (bits & kMarkVisitor) ++cell.visitors;
  if (bits & kMarkConverter) ++cell.converters;
  if (bits & kMarkPurchaser) ++cell.purchasers;
}

// Series churn: active in one period and not in the next.
void MeasureMarks::ChurnAfter(Groups& groups, uint32_t g, const State& st, bool still) {
  const size_t pp = static_cast<size_t>(st.prev_period);
  if (!st.prev_active || pp + 1 >= spec_.series.size()) return;
  MeasureCell& next = groups[g].cells[pp + 1];
  ++next.churn_base;
  next.churn_base_revenue += st.prev_revenue;
  if (!still) {
    ++next.churned;
    next.churned_revenue += st.prev_revenue;
  }
}

void MeasureMarks::Close(Groups& groups, uint32_t g, State* st) {
  const size_t p = static_cast<size_t>(st->period);
  Count(groups, g, p, st->bits);
  if (st->period_purchase_days >= 2) ++groups[g].cells[p].repeat_purchasers;
  if (p >= 1 || !spec_.has_series()) st->in_range_bits |= st->bits;  // period 0 of a series is the look-back
  if (spec_.has_series()) {
    if (st->prev_period >= 0) {
      ChurnAfter(groups, g, *st, st->period == st->prev_period + 1 && (st->bits & kMarkActive));
    }
    st->prev_period = st->period;
    st->prev_active = (st->bits & kMarkActive) != 0;
    st->prev_revenue = st->revenue;
  }
}

void MeasureMarks::Day(Groups& groups, uint32_t g, size_t d) {
  State& st = Touch(g);
  if (st.day == static_cast<int64_t>(d)) return;
  st.day = static_cast<int64_t>(d);
  // Active days (distinct customer-days), per period and the whole range.
  const int sp = spec_.series.Index(std::max(spec_.days.start(d), spec_.from_ms));
  if (sp >= 0) ++groups[g].cells[static_cast<size_t>(sp)].active_days;
  if (spec_.has_series()) ++groups[g].cells[spec_.all_index()].active_days;
}

void MeasureMarks::PurchaseDay(Groups& groups, uint32_t g, size_t p, size_t d) {
  (void)groups;
  State& st = Touch(g);
  if (st.purchase_day == static_cast<int64_t>(d)) return;
  st.purchase_day = static_cast<int64_t>(d);
  ++st.period_purchase_days;
  if (p >= 1 || !spec_.has_series()) ++st.range_purchase_days;  // period 0 of a series is the look-back
}

void MeasureMarks::Month(Groups& groups, uint32_t g, size_t m, double revenue, bool purchase) {
  State& st = Touch(g);
  if (st.month != static_cast<int64_t>(m)) {
    if (st.month >= 0) CloseMonth(groups, g, st, static_cast<int64_t>(m));
    st.month = static_cast<int64_t>(m);
    st.month_revenue = 0;
  }
  st.month_revenue += revenue;
  st.purchased |= purchase;
}

// Whole-range churn and monthly actives over calendar months.
void MeasureMarks::CloseMonth(Groups& groups, uint32_t g, const State& st, int64_t next_month) {
  const size_t mi = static_cast<size_t>(st.month);
  MeasureCell& whole = groups[g].cells[spec_.all_index()];
  if (mi >= 1) ++whole.monthly_actives;
  if (mi + 1 < spec_.months.size()) {
    const bool lost = next_month != st.month + 1;
    ++whole.churn_base;
    whole.churn_base_revenue += st.month_revenue;
    if (lost) {
      ++whole.churned;
      whole.churned_revenue += st.month_revenue;
    }
    if (st.purchased) {
      ++whole.purchaser_churn_base;
      whole.purchasers_churned += lost;
    }
  }
}

void MeasureMarks::Finish(Groups& groups) {
  for (uint32_t g : touched_) {
    State& st = state_[g];
    if (st.period >= 0) Close(groups, g, &st);
    if (spec_.has_series()) {
      if (st.prev_period >= 0) ChurnAfter(groups, g, st, false);
      if (st.in_range_bits != 0) Count(groups, g, spec_.all_index(), st.in_range_bits);
      if (st.range_purchase_days >= 2) ++groups[g].cells[spec_.all_index()].repeat_purchasers;
    }
    if (st.month >= 0) CloseMonth(groups, g, st, -1);
    st.touched = false;
  }
  touched_.clear();
}

}  // namespace touchpoint::kernels
