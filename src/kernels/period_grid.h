// PeriodGrid: the calendar buckets of a report (days, ISO weeks starting
// Monday labelled YYYY-Www, months labelled YYYY-MM) in a reporting time
// zone, over [from, to). Immutable; thread-safe.
#ifndef TOUCHPOINT_KERNELS_PERIOD_GRID_H_
#define TOUCHPOINT_KERNELS_PERIOD_GRID_H_

#include <cstdint>
#include <string>
#include <vector>

#include "util/status.h"

namespace date {
class time_zone;
}

namespace touchpoint::kernels {

enum class Interval { kNone, kDay, kWeek, kMonth };

Result<Interval> ParseInterval(std::string_view text);

class PeriodGrid {
 public:
  // Periods covering [from_ms, to_ms); the first starts at the calendar
  // boundary at or before from_ms. zone == nullptr means UTC.
  static PeriodGrid Make(Interval interval, int64_t from_ms, int64_t to_ms, const date::time_zone* zone);

  size_t size() const { return starts_.size(); }
  int64_t start(size_t i) const { return starts_[i]; }
  int64_t end(size_t i) const { return i + 1 < starts_.size() ? starts_[i + 1] : end_; }
  const std::string& label(size_t i) const { return labels_[i]; }
  // Where period i ends on the calendar (the last period may be cut short by `to`).
  int64_t natural_end(size_t i) const { return i + 1 < starts_.size() ? starts_[i + 1] : natural_end_; }
  // Period index of `ts`, or -1 when outside [first start, end).
  int Index(int64_t ts) const;

 private:
  std::vector<int64_t> starts_;
  std::vector<std::string> labels_;
  int64_t end_ = 0;
  int64_t natural_end_ = 0;
};

// The calendar-month grid used by churn: months covering [from, to) plus the
// month before `from` (churn in month m needs activity in m-1).
PeriodGrid MonthsWithPrevious(int64_t from_ms, int64_t to_ms, const date::time_zone* zone);

// Local calendar days that [from_ms, to_ms) touches, a partly covered first
// or last day included: the days a DAU average divides by (docs/metrics.md).
int64_t CalendarDaysTouched(int64_t from_ms, int64_t to_ms, const date::time_zone* zone);

// Start of the local calendar day containing ts.
int64_t LocalDayStart(int64_t ts, const date::time_zone* zone);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_PERIOD_GRID_H_
