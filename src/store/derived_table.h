// DerivedTable: per-customer values that analyses compute and keep (segment,
// churn risk, CLV, themes...), one column per file under derived/, each
// stamped with the snapshot data stamp it was computed from, so a reader can
// tell a stale column (stamp != the current snapshot's) and cut or filter by
// fresh ones. Files are replaced atomically. Not thread-safe for writers.
#ifndef TOUCHPOINT_STORE_DERIVED_TABLE_H_
#define TOUCHPOINT_STORE_DERIVED_TABLE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace touchpoint::store {

// The folder of the derived columns in the store directory.
inline constexpr std::string_view kDerivedDir = "derived";

struct DerivedColumn {
  std::string name;
  std::string data_stamp;  // Snapshot::data_stamp at computation time
  std::map<std::string, std::string, std::less<>> values;  // customer id -> value
  std::string source;      // what wrote it: an analysis ("lifecycle") or "import"; "" = unknown
  std::string written_at;  // when (ISO-8601 UTC); "" = unknown
};

class DerivedTable {
 public:
  // Column names: [a-z0-9_]+.
  static Status Write(const std::string& store_dir, const DerivedColumn& column);
  static Result<DerivedColumn> Read(const std::string& store_dir, std::string_view name);
  static Result<std::vector<std::string>> List(const std::string& store_dir);
  // Removes the customer from every column; returns how many values went.
  static Result<size_t> RemoveCustomer(const std::string& store_dir, std::string_view customer_id);
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_DERIVED_TABLE_H_
