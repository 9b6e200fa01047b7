// StringHash: a transparent hash so unordered containers keyed by
// std::string can be probed with a std::string_view without a copy.
#ifndef TOUCHPOINT_TEXT_STRING_HASH_H_
#define TOUCHPOINT_TEXT_STRING_HASH_H_

#include <functional>
#include <string>
#include <string_view>

namespace touchpoint::text {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_STRING_HASH_H_
