// Derived columns from outside (`touchpoint derived --import NAME FILE`):
// a CSV of customer_id,value with a header (RFC 4180 quoting), for
// segments or scores made elsewhere, stamped with the store's current data
// so `--by derived:NAME` and `--where derived:NAME = ...` can use them.
#ifndef TOUCHPOINT_ENGINE_DERIVED_IMPORT_H_
#define TOUCHPOINT_ENGINE_DERIVED_IMPORT_H_

#include <string>

#include "store/derived_table.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// Reads `path`; errors name the file, the line and what is wrong (a row
// without two fields, an empty customer id, a customer given twice).
Result<store::DerivedColumn> ReadDerivedCsv(const std::string& name, const std::string& path);

// Reads `path` and writes it as the derived column `name` of the store
// `snapshot` belongs to, stamped with its data. REQUIRES: the caller holds
// the store's write lock.
Result<store::DerivedColumn> ImportDerivedColumn(const store::Snapshot& snapshot, const std::string& name,
                                                 const std::string& path);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_DERIVED_IMPORT_H_
