// Timestamps: parsing the forms MISSION.md accepts, formatting, and the
// calendar buckets (day, ISO week, month) in a reporting time zone.
//
// Stored form: int64 Unix epoch milliseconds (UTC). Thread-safe.
#ifndef TOUCHPOINT_UTIL_TIME_H_
#define TOUCHPOINT_UTIL_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace date {
class time_zone;
}

namespace touchpoint {

inline constexpr int64_t kMillisPerSecond = 1000;
inline constexpr int64_t kMillisPerDay = 86400 * kMillisPerSecond;
// A plain number above this magnitude is read as milliseconds, else seconds
// (1e11 s is the year 5138; 1e11 ms is 1973).
inline constexpr int64_t kUnixMillisThreshold = 100'000'000'000;
// ... above this as microseconds (GA4's event_timestamp), above the next as
// nanoseconds.
inline constexpr int64_t kUnixMicrosThreshold = 100'000'000'000'000;
inline constexpr int64_t kUnixNanosThreshold = 100'000'000'000'000'000;

// Looks up an IANA zone ("Europe/Berlin"); "" and "UTC" give nullptr (= UTC).
Result<const date::time_zone*> FindTimeZone(std::string_view name);

// Parses one timestamp:
//   ISO-8601 with offset or Z: 2024-03-05T10:15:30.250+01:00, ...Z, space instead of T
//   ISO-8601 without offset, or a date only (2024-03-05): local time in `zone`
//     (nullptr = UTC); a local time in a spring-forward gap moves forward by
//     the gap (02:30 in a 02:00 -> 03:00 gap is 03:30), an ambiguous one
//     takes the earlier instant
//   ISO-8601 basic forms: 20240305, 20240305T1015[30[.250]][Z|+0100]
//   a plain integer or decimal number: Unix nanoseconds when |x| > 1e17,
//     microseconds when > 1e14, milliseconds when > 1e11, else seconds
// Fractions beyond milliseconds are truncated. On failure the Status message
// says what is wrong with the value (without the file/line, which the caller adds).
Result<int64_t> ParseTimestamp(std::string_view text, const date::time_zone* zone);

// Calendar arithmetic (proleptic Gregorian; Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);
bool IsLeap(int64_t year);
unsigned DaysInMonth(int64_t year, unsigned month);
// Local wall-clock milliseconds (as if UTC) to the instant in `zone`
// (nullptr = UTC), with ParseTimestamp's rules for gaps and overlaps.
int64_t LocalToUtc(int64_t local_ms, const date::time_zone* zone);

// 2024-03-05T10:15:30.250Z (milliseconds always shown).
std::string FormatTimestamp(int64_t unix_ms);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_TIME_H_
