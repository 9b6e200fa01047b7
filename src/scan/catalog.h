// Catalog: the snapshot-wide dictionaries of the dictionary-coded columns,
// built from the parts' footers, and each part's map from its own codes to
// the catalog's. Immutable after Build; safe to share between threads.
#ifndef TOUCHPOINT_SCAN_CATALOG_H_
#define TOUCHPOINT_SCAN_CATALOG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "scan/customer_view.h"
#include "store/snapshot.h"

namespace touchpoint::scan {

inline constexpr uint32_t kNoCode = 0xFFFFFFFFu;

class Catalog {
 public:
  static Catalog Build(const store::Snapshot& snapshot);
  // A catalog of given dictionaries, without a store: `values[column]`
  // get codes 1, 2, ... in order (0 stays "absent"). For kernels run on
  // customers held in memory (tests, and data that never touched a store).
  static Catalog FromValues(const std::vector<std::vector<std::string>>& values, std::vector<std::string> properties);

  // The code of `value` in `column`, or kNoCode when no event has it.
  uint32_t Find(DictColumn column, std::string_view value) const;
  std::string_view Value(DictColumn column, uint32_t code) const { return values_[column][code]; }
  size_t size(DictColumn column) const { return values_[column].size(); }  // codes 0..size-1
  // part-local code -> catalog code, for part `part` of the snapshot.
  const std::vector<uint32_t>& Remap(size_t part, DictColumn column) const { return remap_[part][column]; }
  // Whether Remap(part, column) maps every code to itself.
  bool IsIdentity(size_t part, DictColumn column) const { return identity_[part][column]; }
  // Property names present in any part.
  const std::vector<std::string>& properties() const { return properties_; }

 private:
  std::vector<std::string> values_[kDictColumnCount];
  std::unordered_map<std::string, uint32_t> codes_[kDictColumnCount];
  std::vector<std::vector<std::vector<uint32_t>>> remap_;  // [part][column][local]
  std::vector<std::vector<bool>> identity_;                // [part][column]
  std::vector<std::string> properties_;
};

// The stored column name of a DictColumn ("event", "channel", ...).
std::string_view DictColumnName(DictColumn column);

}  // namespace touchpoint::scan

#endif  // TOUCHPOINT_SCAN_CATALOG_H_
