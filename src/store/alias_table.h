// AliasTable: opt-in identity stitching. Links identifiers of one person (an
// anonymous visitor id and the id after sign-up) to one canonical id, so
// analyses count them as one customer. Stored as ALIASES in the store
// directory (one "alias<TAB>canonical" line each), replaced atomically.
// Requires the store's write lock for changes. Not thread-safe.
#ifndef TOUCHPOINT_STORE_ALIAS_TABLE_H_
#define TOUCHPOINT_STORE_ALIAS_TABLE_H_

#include <map>
#include <string>
#include <string_view>

#include "util/status.h"

namespace touchpoint::store {

// The alias table's file in the store directory.
inline constexpr std::string_view kAliasFile = "ALIASES";

using AliasMap = std::map<std::string, std::string, std::less<>>;

class AliasTable {
 public:
  explicit AliasTable(std::string store_dir) : dir_(std::move(store_dir)) {}

  // alias -> canonical; an empty map when the file does not exist.
  Result<AliasMap> Load() const;
  // Links `alias` to `canonical`. Chains are resolved (a->b, b->c gives
  // a->c), and a cycle or a self-link is refused.
  Status Link(std::string_view alias, std::string_view canonical);
  Status Unlink(std::string_view alias);
  // Drops every link that names the customer; returns how many.
  Result<size_t> RemoveCustomer(std::string_view customer_id);

 private:
  Status Save(const AliasMap& map) const;
  std::string dir_;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_ALIAS_TABLE_H_
