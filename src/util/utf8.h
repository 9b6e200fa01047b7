// UTF-8 validation by hand (RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF), for the places that must not pass invalid bytes
// on: JSON lines the store writes, column names. The hot per-row check of
// the readers uses simdjson's vectorised validator instead. Thread-safe.
#ifndef TOUCHPOINT_UTIL_UTF8_H_
#define TOUCHPOINT_UTIL_UTF8_H_

#include <cstddef>
#include <string_view>

namespace touchpoint {

// Length (1-4) of the valid UTF-8 sequence starting at s[pos], or 0 when
// the bytes there are not one. REQUIRES: pos < s.size().
size_t Utf8SequenceLength(std::string_view s, size_t pos);

bool IsValidUtf8(std::string_view s);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_UTF8_H_
