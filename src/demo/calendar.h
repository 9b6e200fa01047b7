// Calendar arithmetic for the demo generator: Unix days to civil dates
// (proleptic Gregorian, UTC). Kept here, inline, because formatting ten
// million timestamps goes through it; util/time.h is the general parser.
// Pure functions; thread-safe.
#ifndef TOUCHPOINT_DEMO_CALENDAR_H_
#define TOUCHPOINT_DEMO_CALENDAR_H_

#include <cstdint>

namespace touchpoint::demo {

inline constexpr int64_t kMsPerSecond = 1000;
inline constexpr int64_t kMsPerMinute = 60 * kMsPerSecond;
inline constexpr int64_t kMsPerHour = 60 * kMsPerMinute;
inline constexpr int64_t kMsPerDay = 24 * kMsPerHour;
inline constexpr int64_t kMsPerWeek = 7 * kMsPerDay;

struct CivilDate {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

// Floor division for negative timestamps too.
inline int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Days since 1970-01-01 to a civil date. The 400-year era arithmetic
// shifts the year to start in March so that the leap day is the last day.
inline CivilDate DateFromUnixDays(int64_t days) {
  const int64_t z = days + 719468;  // days from 0000-03-01
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365], from March 1
  const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11], March = 0
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{year, month, day};
}

inline bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// 0-based day of the year (January 1 = 0).
inline int DayOfYear(const CivilDate& d) {
  static constexpr int kCumulative[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  return kCumulative[d.month - 1] + d.day - 1 + ((d.month > 2 && IsLeapYear(d.year)) ? 1 : 0);
}

// 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday).
inline int Weekday(int64_t unix_days) { return static_cast<int>(((unix_days % 7) + 7 + 3) % 7); }

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_CALENDAR_H_
