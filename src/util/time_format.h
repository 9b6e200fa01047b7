// Timestamps in a user's own layout: `ingest --timestamp-format` takes a
// strftime-style pattern (%m/%d/%Y %H:%M) for exports whose times are in
// none of the forms ParseTimestamp reads. Thread-safe.
#ifndef TOUCHPOINT_UTIL_TIME_FORMAT_H_
#define TOUCHPOINT_UTIL_TIME_FORMAT_H_

#include <cstdint>
#include <string_view>

#include "util/status.h"
#include "util/time.h"

namespace touchpoint {

// Parses `text` by a strftime-style `format`: %Y %m %d %H %M %S, %y (2000+
// below 69, else 1900+), %b / %B (English month names, any case), %I with
// %p (AM/PM), %f (fraction of a second, up to 9 digits), %z (+HHMM,
// +HH:MM or Z), %j (day of the year), %e (day, space-padded), %T (%H:%M:%S),
// %F (%Y-%m-%d), %D (%m/%d/%y), %s (Unix seconds) and %%. A space in the
// format matches any run of spaces; any other character matches itself.
// Without %z the time is local in `zone`, as ParseTimestamp.
Result<int64_t> ParseTimestampFormat(std::string_view text, std::string_view format, const date::time_zone* zone);
// InvalidArgument naming the problem when `format` is not one the parser
// above understands (checked once, before any row).
Status CheckTimestampFormat(std::string_view format);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_TIME_FORMAT_H_
