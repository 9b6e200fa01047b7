// StringColumn: a column of strings stored as one byte arena plus end
// offsets, so a batch of a million rows costs two allocations, not a million.
// The empty string means "absent" for optional columns. Not thread-safe.
//
// The arena is a std::string kept at its capacity, with the bytes in use
// counted apart: an append is a bounds check and a short copy, not a call
// into std::string::append (which dominated a load's profile: ten appends a
// row while parsing, as many while sorting).
#ifndef TOUCHPOINT_EVENT_STRING_COLUMN_H_
#define TOUCHPOINT_EVENT_STRING_COLUMN_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

class StringColumn {
 public:
  void Append(std::string_view value) {
    const size_t n = value.size();
    if (used_ + n > bytes_.size()) Grow(used_ + n);
    CopyShort(bytes_.data() + used_, value.data(), n);
    used_ += n;
    ends_.push_back(used_);
  }
  // Appends `count` absent (empty) values.
  void AppendEmpty(size_t count) { ends_.insert(ends_.end(), count, used_); }
  std::string_view Get(size_t row) const {
    size_t begin = row == 0 ? 0 : ends_[row - 1];
    return std::string_view(bytes_.data() + begin, ends_[row] - begin);
  }
  size_t size() const { return ends_.size(); }
  size_t byte_size() const { return used_; }
  void Clear() {
    used_ = 0;
    ends_.clear();
  }
  void Reserve(size_t rows, size_t bytes) {
    ends_.reserve(rows);
    if (bytes > bytes_.size()) bytes_.resize(bytes);
  }
  // Appends every value of `other` (one copy of its bytes).
  void AppendAll(const StringColumn& other) {
    const uint64_t base = used_;
    if (used_ + other.used_ > bytes_.size()) Grow(used_ + other.used_);
    if (other.used_ > 0) std::memcpy(bytes_.data() + used_, other.bytes_.data(), other.used_);
    used_ += other.used_;
    // Grown geometrically: an exact reserve on every call would copy the
    // whole column each time many small columns are appended in a row.
    const size_t need = ends_.size() + other.ends_.size();
    if (need > ends_.capacity()) ends_.reserve(std::max(need, 2 * ends_.capacity()));
    for (uint64_t e : other.ends_) ends_.push_back(base + e);
  }
  // True when every value is empty (the column carries no data).
  bool AllEmpty() const { return used_ == 0; }

 private:
  void Grow(size_t need) { bytes_.resize(std::max(need, bytes_.size() * 2 + 64)); }
  // Most values are a few bytes: two overlapping fixed-size copies beat a
  // call to memcpy. Never reads outside [src, src + n).
  static void CopyShort(char* dst, const char* src, size_t n) {
    if (n >= 16) {
      std::memcpy(dst, src, n);
    } else if (n >= 8) {
      std::memcpy(dst, src, 8);
      std::memcpy(dst + n - 8, src + n - 8, 8);
    } else if (n >= 4) {
      std::memcpy(dst, src, 4);
      std::memcpy(dst + n - 4, src + n - 4, 4);
    } else {
      for (size_t i = 0; i < n; ++i) dst[i] = src[i];
    }
  }

  std::string bytes_;  // capacity in use up to used_
  size_t used_ = 0;
  std::vector<uint64_t> ends_;  // ends_[i] = end offset of row i in bytes_
};

}  // namespace touchpoint

#endif  // TOUCHPOINT_EVENT_STRING_COLUMN_H_
