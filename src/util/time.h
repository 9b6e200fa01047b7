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
// A plain number above this magnitude is read as milliseconds, else seconds.
inline constexpr double kUnixMillisThreshold = 1e11;

// Looks up an IANA zone ("Europe/Berlin"); "" and "UTC" give nullptr (= UTC).
Result<const date::time_zone*> FindTimeZone(std::string_view name);

// Parses one timestamp:
//   ISO-8601 with offset or Z: 2024-03-05T10:15:30.250+01:00, ...Z, space instead of T
//   ISO-8601 without offset, or a date only (2024-03-05): local time in `zone`
//     (nullptr = UTC)
//   a plain integer or decimal number: Unix milliseconds when |x| > 1e11, else seconds
// Fractions beyond milliseconds are truncated. On failure the Status message
// says what is wrong with the value (without the file/line, which the caller adds).
Result<int64_t> ParseTimestamp(std::string_view text, const date::time_zone* zone);

// 2024-03-05T10:15:30.250Z (milliseconds always shown).
std::string FormatTimestamp(int64_t unix_ms);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_TIME_H_
