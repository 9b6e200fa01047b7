// Backslash escaping for one-line-per-record text files (manifest, derived
// values): \\ \t \n are escaped so a value never breaks its line or field.
#ifndef TOUCHPOINT_UTIL_ESCAPE_H_
#define TOUCHPOINT_UTIL_ESCAPE_H_

#include <string>
#include <string_view>

namespace touchpoint {

std::string EscapeField(std::string_view s);
std::string UnescapeField(std::string_view s);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_ESCAPE_H_
