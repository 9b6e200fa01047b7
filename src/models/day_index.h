// DayIndex: calendar days of the reporting zone over a range, numbered from
// 0, with an O(1) day lookup for a timestamp: what the models count
// purchases and activity by ("same calendar day = one purchase"). A thin
// wrapper over kernels::PeriodGrid's day grid (DST days are 23 or 25 hours).
// Immutable after construction; thread-safe.
#ifndef TOUCHPOINT_MODELS_DAY_INDEX_H_
#define TOUCHPOINT_MODELS_DAY_INDEX_H_

#include <cstdint>
#include <string>

#include "kernels/period_grid.h"
#include "util/time.h"

namespace touchpoint::models {

class DayIndex {
 public:
  DayIndex() = default;
  // Days covering [from_ms, to_ms); day 0 starts at the local midnight at or
  // before from_ms.
  DayIndex(int64_t from_ms, int64_t to_ms, const date::time_zone* zone)
      : grid_(kernels::PeriodGrid::Make(kernels::Interval::kDay, from_ms, to_ms, zone)) {}

  int size() const { return static_cast<int>(grid_.size()); }
  int64_t start(int day) const { return grid_.start(static_cast<size_t>(day)); }
  const std::string& label(int day) const { return grid_.label(static_cast<size_t>(day)); }

  // The day of `ts`, or -1 outside the range. Events arrive in time order,
  // so the guess from whole days since day 0 is off by at most one DST hour.
  int Day(int64_t ts) const {
    const int n = size();
    if (n == 0 || ts < grid_.start(0) || ts >= grid_.end(static_cast<size_t>(n - 1))) return -1;
    int d = static_cast<int>((ts - grid_.start(0)) / kMillisPerDay);
    if (d >= n) d = n - 1;
    while (d > 0 && grid_.start(static_cast<size_t>(d)) > ts) --d;
    while (d + 1 < n && grid_.start(static_cast<size_t>(d + 1)) <= ts) ++d;
    return d;
  }

 private:
  kernels::PeriodGrid grid_;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_DAY_INDEX_H_
