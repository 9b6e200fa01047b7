// SuppressionList: the customers erased with `touchpoint delete` (the right
// to erasure), so that later events for them, from any source, are dropped
// rather than stored again (docs/store.md, "Erasure").
//
// Only hashes are kept: XXH3-64 of the id with a seed drawn at random when
// the list is created, so the file names nobody and cannot be matched
// against another store's list. Stored as SUPPRESSED in the store
// directory, replaced atomically, with a checksum line. Changes require the
// store's write lock. Lookups are const and thread-safe.
#ifndef TOUCHPOINT_STORE_SUPPRESSION_LIST_H_
#define TOUCHPOINT_STORE_SUPPRESSION_LIST_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace touchpoint::store {

inline constexpr std::string_view kSuppressionFile = "SUPPRESSED";

class SuppressionList {
 public:
  // The list of the store at `dir`; empty when it has none. A damaged file
  // is Corruption: erased customers must not come back silently.
  static Result<SuppressionList> Load(const std::string& dir);

  bool empty() const { return hashes_.empty(); }
  size_t size() const { return hashes_.size(); }
  bool Contains(std::string_view customer_id) const;
  // Adds `customer_id` and rewrites the file; true when it was not there.
  Result<bool> Add(const std::string& dir, std::string_view customer_id);

 private:
  uint64_t Hash(std::string_view customer_id) const;
  uint64_t seed_ = 0;
  std::vector<uint64_t> hashes_;  // sorted
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_SUPPRESSION_LIST_H_
