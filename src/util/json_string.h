// JSON strings for the line-oriented files the store and the ingest write
// (rejected rows): writing one that is always valid JSON and UTF-8 whatever
// the input bytes were, and reading one field back from such a line.
// Thread-safe.
#ifndef TOUCHPOINT_UTIL_JSON_STRING_H_
#define TOUCHPOINT_UTIL_JSON_STRING_H_

#include <optional>
#include <string>
#include <string_view>

namespace touchpoint {

// Appends `s` as a quoted JSON string: quote, backslash and control
// characters escaped (NUL as \u0000), and each byte that is not part of a
// valid UTF-8 sequence written as U+FFFD, so the line stays valid JSON.
void AppendJsonString(std::string_view s, std::string* out);

// The value of the string field `key` of a one-line JSON object written by
// AppendJsonString (keys at any depth are matched by name; our lines are
// flat), unescaped; nullopt when absent or not a string.
std::optional<std::string> JsonStringField(std::string_view line, std::string_view key);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_JSON_STRING_H_
