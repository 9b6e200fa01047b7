// FlatMap: a hash map for the per-shard tallies of the analyses (paths,
// transitions), where std::unordered_map's node per entry and pointer chase
// per lookup cost more than the counting itself.
//
// Entries live in one vector in insertion order (what iteration walks);
// an open-addressing table of indices with linear probing finds them.
// Entries are never erased. References returned by operator[] stay valid
// only until the next insertion. Not thread-safe: one map per scan shard.
#ifndef TOUCHPOINT_KERNELS_FLAT_MAP_H_
#define TOUCHPOINT_KERNELS_FLAT_MAP_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace touchpoint::kernels {

// Spreads an integer key over the table (Fibonacci hashing's multiplier).
struct IntHash {
  size_t operator()(uint64_t x) const { return static_cast<size_t>((x ^ (x >> 29)) * 0x9E3779B97F4A7C15ULL >> 32); }
};

template <class K, class V, class Hash>
class FlatMap {
 public:
  // The value of `key`, inserted value-initialized when absent.
  V& operator[](const K& key) {
    if ((entries_.size() + 1) * 4 > slots_.size() * 3) Grow();
    size_t i = Hash()(key) & mask_;
    while (slots_[i] != 0) {
      auto& e = entries_[slots_[i] - 1];
      if (e.first == key) return e.second;
      i = (i + 1) & mask_;
    }
    entries_.emplace_back(key, V{});
    slots_[i] = static_cast<uint32_t>(entries_.size());
    return entries_.back().second;
  }

  // The value of `key`, or null.
  const V* Find(const K& key) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = Hash()(key) & mask_; slots_[i] != 0; i = (i + 1) & mask_) {
      const auto& e = entries_[slots_[i] - 1];
      if (e.first == key) return &e.second;
    }
    return nullptr;
  }

  const std::vector<std::pair<K, V>>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

 private:
  void Grow() {
    const size_t capacity = slots_.empty() ? 64 : slots_.size() * 2;
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (size_t e = 0; e < entries_.size(); ++e) {
      size_t i = Hash()(entries_[e].first) & mask_;
      while (slots_[i] != 0) i = (i + 1) & mask_;
      slots_[i] = static_cast<uint32_t>(e + 1);
    }
  }

  std::vector<std::pair<K, V>> entries_;
  std::vector<uint32_t> slots_;  // 1 + index into entries_; 0 = empty
  size_t mask_ = 0;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_FLAT_MAP_H_
