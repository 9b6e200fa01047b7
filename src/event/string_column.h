// StringColumn: a column of strings stored as one byte arena plus end
// offsets, so a batch of a million rows costs two allocations, not a million.
// The empty string means "absent" for optional columns. Not thread-safe.
#ifndef TOUCHPOINT_EVENT_STRING_COLUMN_H_
#define TOUCHPOINT_EVENT_STRING_COLUMN_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

class StringColumn {
 public:
  void Append(std::string_view value) {
    bytes_.append(value.data(), value.size());
    ends_.push_back(bytes_.size());
  }
  // Appends `count` absent (empty) values.
  void AppendEmpty(size_t count) { ends_.insert(ends_.end(), count, bytes_.size()); }
  std::string_view Get(size_t row) const {
    size_t begin = row == 0 ? 0 : ends_[row - 1];
    return std::string_view(bytes_.data() + begin, ends_[row] - begin);
  }
  size_t size() const { return ends_.size(); }
  size_t byte_size() const { return bytes_.size(); }
  void Clear() {
    bytes_.clear();
    ends_.clear();
  }
  void Reserve(size_t rows, size_t bytes) {
    ends_.reserve(rows);
    bytes_.reserve(bytes);
  }
  // Appends every value of `other` (one copy of its bytes).
  void AppendAll(const StringColumn& other) {
    const uint64_t base = bytes_.size();
    bytes_.append(other.bytes_);
    // Grown geometrically: an exact reserve on every call would copy the
    // whole column each time many small columns are appended in a row.
    const size_t need = ends_.size() + other.ends_.size();
    if (need > ends_.capacity()) ends_.reserve(std::max(need, 2 * ends_.capacity()));
    for (uint64_t e : other.ends_) ends_.push_back(base + e);
  }
  // True when every value is empty (the column carries no data).
  bool AllEmpty() const { return bytes_.empty(); }

 private:
  std::string bytes_;
  std::vector<uint64_t> ends_;  // ends_[i] = end offset of row i in bytes_
};

}  // namespace touchpoint

#endif  // TOUCHPOINT_EVENT_STRING_COLUMN_H_
