// ParseRequestTime: the --from / --to values every analysis accepts, read
// in the request's reporting zone:
//
//   2024-03-05T10:15:00+01:00, 2024-03-05 10:15, 2024-03-05   ISO-8601
//   2024-03, 2024                                            a month's or a year's start
//   today, yesterday, now                                    relative to the wall clock
//   -30d, -12w, -6m, -1y                                     that long before today's start
//
// Dates and relative values mean local midnight; --to is exclusive, so
// `--from 2024-03 --to 2024-04` is March. Errors are usage errors naming
// the flag. Thread-safe.
#ifndef TOUCHPOINT_ENGINE_REQUEST_DATES_H_
#define TOUCHPOINT_ENGINE_REQUEST_DATES_H_

#include <cstdint>
#include <string_view>

#include "util/status.h"

namespace date {
class time_zone;
}

namespace touchpoint::engine {

// `flag` names the parameter in errors; `now_ms` is the wall clock (a
// parameter so tests can pin it). `zone` nullptr = UTC.
Result<int64_t> ParseRequestTime(std::string_view flag, std::string_view text, const date::time_zone* zone,
                                 int64_t now_ms);

// The wall clock, in Unix milliseconds.
int64_t NowMs();

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_REQUEST_DATES_H_
