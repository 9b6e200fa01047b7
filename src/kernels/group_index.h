// GroupIndex<State>: the groups of a --by cut inside one consumer. Group 0
// is everyone (key ""); every distinct key of the cut gets the next index
// and a fresh State. Keys are GroupColumn keys (dictionary codes as text,
// named through the catalog only at the end), so consumers compare and hash
// short strings, and the hot path, a one-column dictionary cut, is a vector
// lookup by code. Merge folds another shard's groups in by key.
//
// Owns its states; not thread-safe (one per shard consumer).
#ifndef TOUCHPOINT_KERNELS_GROUP_INDEX_H_
#define TOUCHPOINT_KERNELS_GROUP_INDEX_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kernels/group_column.h"
#include "scan/customer_view.h"

namespace touchpoint::kernels {

// Keys that start with this byte are made by kernels, never by data (the
// validator refuses NUL in values): a group such as the funnel's "not
// reached" cannot merge with a value that reads the same.
inline constexpr char kReservedGroupKeyPrefix = '\0';

template <typename State>
class GroupIndex {
 public:
  // `make` builds the state of a new group (and of group 0, at once).
  explicit GroupIndex(std::function<State()> make) : make_(std::move(make)) {
    keys_.emplace_back();
    states_.push_back(make_());
  }

  size_t size() const { return states_.size(); }
  State& operator[](uint32_t group) { return states_[group]; }
  const State& operator[](uint32_t group) const { return states_[group]; }
  const std::string& key(uint32_t group) const { return keys_[group]; }
  std::vector<State>& states() { return states_; }
  const std::vector<State>& states() const { return states_; }

  // The group of row `row` under `cut`. REQUIRES: !cut.none().
  uint32_t Of(const GroupColumn& cut, const scan::CustomerView& c, size_t row) {
    const int dict = cut.single_dict();
    if (dict >= 0) {
      const uint32_t code = c.dict[dict][row];
      if (code < by_code_.size() && by_code_[code] != kNone) return by_code_[code];
      const uint32_t g = OfKey(std::to_string(code));
      if (by_code_.size() <= code) by_code_.resize(code + 1, kNone);
      by_code_[code] = g;
      return g;
    }
    // A property's value usually repeats from the customer's previous event,
    // and a derived value for all of them: compared before any allocation.
    if (!cut.two()) {
      const std::string_view value =
          cut.first.derived >= 0 ? c.derived[cut.first.derived] : c.properties[cut.first.property][row];
      if (last_group_ != kNone && value == last_key_) return last_group_;
      last_group_ = OfKey(value);
      last_key_.assign(value);
      return last_group_;
    }
    std::string key = cut.Key(c, row);
    if (last_group_ != kNone && key == last_key_) return last_group_;
    last_group_ = OfKey(key);
    last_key_ = std::move(key);
    return last_group_;
  }

  uint32_t OfKey(std::string_view key) {
    auto it = index_.find(std::string(key));
    if (it != index_.end()) return it->second;
    const uint32_t g = static_cast<uint32_t>(states_.size());
    index_.emplace(std::string(key), g);
    keys_.emplace_back(key);
    states_.push_back(make_());
    return g;
  }

  // Folds `other` (a GroupIndex of the same cut) into this one:
  // merge(mine, theirs) per group, group 0 into group 0.
  template <typename MergeState>
  void Merge(GroupIndex& other, MergeState merge) {
    merge(states_[0], other.states_[0]);
    for (uint32_t g = 1; g < other.states_.size(); ++g) merge(states_[OfKey(other.keys_[g])], other.states_[g]);
  }

 private:
  static constexpr uint32_t kNone = 0xFFFFFFFFu;
  std::function<State()> make_;
  std::vector<std::string> keys_;
  std::vector<State> states_;
  std::unordered_map<std::string, uint32_t> index_;
  std::vector<uint32_t> by_code_;  // dictionary code -> group
  std::string last_key_;
  uint32_t last_group_ = kNone;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_GROUP_INDEX_H_
