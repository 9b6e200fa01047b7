#include "kernels/period_grid.h"

#include <date/iso_week.h>
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace touchpoint::kernels {
namespace {

using Millis = std::chrono::milliseconds;
using SysMs = date::sys_time<Millis>;
using LocalMs = date::local_time<Millis>;

LocalMs ToLocal(int64_t ts, const date::time_zone* zone) {
  SysMs sys{Millis{ts}};
  if (zone == nullptr) return LocalMs{Millis{ts}};
  return zone->to_local(sys);
}

int64_t ToSys(LocalMs local, const date::time_zone* zone) {
  if (zone == nullptr) return local.time_since_epoch().count();
  // A midnight that does not exist (DST gap) starts at the first instant after it.
  return zone->to_sys(local, date::choose::earliest).time_since_epoch().count();
}

date::local_days Floor(date::local_days day, Interval interval) {
  if (interval == Interval::kDay) return day;
  if (interval == Interval::kWeek) {
    date::weekday wd{day};
    return day - (wd - date::Monday);
  }
  date::year_month_day ymd{day};
  return date::local_days{ymd.year() / ymd.month() / 1};
}

date::local_days Next(date::local_days day, Interval interval) {
  if (interval == Interval::kDay) return day + date::days{1};
  if (interval == Interval::kWeek) return day + date::days{7};
  date::year_month_day ymd{day};
  return date::local_days{(ymd.year() / ymd.month() + date::months{1}) / 1};
}

std::string Label(date::local_days day, Interval interval) {
  char buf[16];
  if (interval == Interval::kWeek) {
    iso_week::year_weeknum_weekday iw{day};
    std::snprintf(buf, sizeof(buf), "%04d-W%02u", static_cast<int>(iw.year()), static_cast<unsigned>(iw.weeknum()));
    return buf;
  }
  date::year_month_day ymd{day};
  if (interval == Interval::kMonth) {
    std::snprintf(buf, sizeof(buf), "%04d-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()));
  } else {
    std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  }
  return buf;
}

}  // namespace

Result<Interval> ParseInterval(std::string_view text) {
  if (text.empty() || text == "none") return Interval::kNone;
  if (text == "day") return Interval::kDay;
  if (text == "week") return Interval::kWeek;
  if (text == "month") return Interval::kMonth;
  return Status::InvalidArgument("--interval must be day, week or month, not '" + std::string(text) + "'");
}

PeriodGrid PeriodGrid::Make(Interval interval, int64_t from_ms, int64_t to_ms, const date::time_zone* zone) {
  PeriodGrid g;
  g.end_ = to_ms;
  g.natural_end_ = to_ms;
  if (interval == Interval::kNone || to_ms <= from_ms) {
    g.starts_.push_back(from_ms);
    g.labels_.push_back("all");
    return g;
  }
  date::local_days day = Floor(date::floor<date::days>(ToLocal(from_ms, zone)), interval);
  while (true) {
    int64_t start = ToSys(LocalMs{day.time_since_epoch()}, zone);
    if (start >= to_ms) {
      g.natural_end_ = start;
      break;
    }
    g.starts_.push_back(start);
    g.labels_.push_back(Label(day, interval));
    day = Next(day, interval);
  }
  return g;
}

int PeriodGrid::Index(int64_t ts) const {
  if (ts < starts_.front() || ts >= end_) return -1;
  auto it = std::upper_bound(starts_.begin(), starts_.end(), ts);
  return static_cast<int>(it - starts_.begin()) - 1;
}

PeriodGrid MonthsWithPrevious(int64_t from_ms, int64_t to_ms, const date::time_zone* zone) {
  date::local_days first = Floor(date::floor<date::days>(ToLocal(from_ms, zone)), Interval::kMonth);
  date::year_month_day ymd{first};
  date::local_days prev{(ymd.year() / ymd.month() - date::months{1}) / 1};
  return PeriodGrid::Make(Interval::kMonth, ToSys(LocalMs{prev.time_since_epoch()}, zone), to_ms, zone);
}

int64_t CalendarDaysTouched(int64_t from_ms, int64_t to_ms, const date::time_zone* zone) {
  if (to_ms <= from_ms) return 0;
  const date::local_days first = date::floor<date::days>(ToLocal(from_ms, zone));
  const date::local_days last = date::floor<date::days>(ToLocal(to_ms - 1, zone));
  return (last - first).count() + 1;
}

int64_t LocalDayStart(int64_t ts, const date::time_zone* zone) {
  date::local_days day = date::floor<date::days>(ToLocal(ts, zone));
  return ToSys(LocalMs{day.time_since_epoch()}, zone);
}

}  // namespace touchpoint::kernels
