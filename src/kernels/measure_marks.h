// MeasureMarks: the distinct-customer side of the measure catalogue for the
// customer being consumed: in which (group, period) cells the customer was
// active, a visitor, a converter or a purchaser, their active days, and the
// churn between consecutive periods and calendar months.
//
// One customer's marks arrive in time order, so each group sees its
// periods, days and months in increasing order: a (group, period) cell is
// complete when the group's next period starts, and whether the customer
// came back in the next period is known right then. No per-customer
// sorting. Owned by one MeasureConsumer; not thread-safe.
#ifndef TOUCHPOINT_KERNELS_MEASURE_MARKS_H_
#define TOUCHPOINT_KERNELS_MEASURE_MARKS_H_

#include <cstdint>
#include <vector>

#include "kernels/group_index.h"
#include "kernels/measure_spec.h"

namespace touchpoint::kernels {

// What a customer did in a cell, as bits of a mark.
enum MarkBit : uint64_t { kMarkActive = 1, kMarkVisitor = 2, kMarkConverter = 4, kMarkPurchaser = 8 };

class MeasureMarks {
 public:
  using Groups = GroupIndex<MeasureGroup>;

  explicit MeasureMarks(const MeasureSpec& spec) : spec_(spec) {}

  // Starts a customer.
  void Begin();
  // The customer did `bits` in period `p` of group `g` (revenue: purchases).
  void Add(Groups& groups, uint32_t g, size_t p, uint64_t bits, double revenue);
  // The customer was active on calendar day `d` of the range.
  void Day(Groups& groups, uint32_t g, size_t d);
  // The customer purchased on calendar day `d` of the range, in period `p`
  // (after Add for the same row): repeat purchasers buy on 2+ days.
  void PurchaseDay(Groups& groups, uint32_t g, size_t p, size_t d);
  // The customer was active in calendar month `m` (spec.months); `purchase`:
  // the activity was a purchase.
  void Month(Groups& groups, uint32_t g, size_t m, double revenue, bool purchase);
  // Closes every open mark of the customer into the cells.
  void Finish(Groups& groups);

 private:
  // Per group (0 = every group): the open (period, day, month) and what it holds.
  struct State {
    bool touched = false;
    int64_t period = -1;  // open mark
    uint64_t bits = 0;
    double revenue = 0;
    int64_t prev_period = -1;  // the last closed mark, for series churn
    bool prev_active = false;
    double prev_revenue = 0;
    uint64_t in_range_bits = 0;  // the whole-range column
    int64_t day = -1;
    int64_t month = -1;
    double month_revenue = 0;
    bool purchased = false;  // a purchaser by the open month's end
    int64_t purchase_day = -1;      // the last purchase day seen
    uint32_t period_purchase_days = 0, range_purchase_days = 0;
  };
  State& Touch(uint32_t g);
  void Count(Groups& groups, uint32_t g, size_t p, uint64_t bits);
  void Close(Groups& groups, uint32_t g, State* st);
  void ChurnAfter(Groups& groups, uint32_t g, const State& st, bool still);
  void CloseMonth(Groups& groups, uint32_t g, const State& st, int64_t next_month);

  const MeasureSpec& spec_;
  std::vector<State> state_;
  std::vector<uint32_t> touched_;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_MEASURE_MARKS_H_
