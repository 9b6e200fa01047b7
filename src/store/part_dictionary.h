// PartDictionary: a part-wide dictionary of one string column while a part
// is written; code 0 is the absent (empty) value, the others number the
// values in order of first appearance. Not thread-safe.
#ifndef TOUCHPOINT_STORE_PART_DICTIONARY_H_
#define TOUCHPOINT_STORE_PART_DICTIONARY_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/hash.h"

namespace touchpoint::store {

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return Hash64(s); }
};

class PartDictionary {
 public:
  PartDictionary() { values_.emplace_back(); }
  uint32_t Code(std::string_view value) {
    if (value.empty()) return 0;
    auto it = codes_.find(value);
    if (it != codes_.end()) return it->second;
    uint32_t code = static_cast<uint32_t>(values_.size());
    values_.emplace_back(value);
    codes_.emplace(std::string(value), code);
    return code;
  }
  size_t size() const { return values_.size(); }
  const std::vector<std::string>& values() const { return values_; }

 private:
  std::vector<std::string> values_;
  std::unordered_map<std::string, uint32_t, TransparentHash, std::equal_to<>> codes_;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_DICTIONARY_H_
