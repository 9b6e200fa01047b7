// ColumnArrays: decoded columns of a run of rows, the storage behind
// CustomerViews. A cursor fills one per block; the merger fills one when a
// customer's events come from several parts. Not thread-safe.
#ifndef TOUCHPOINT_SCAN_COLUMN_ARRAYS_H_
#define TOUCHPOINT_SCAN_COLUMN_ARRAYS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "scan/customer_view.h"
#include "scan/scan_spec.h"

namespace touchpoint::scan {

struct ColumnArrays {
  std::vector<int64_t> timestamp;
  std::vector<uint32_t> dict[kDictColumnCount];
  std::vector<double> revenue, score;
  std::vector<std::string_view> event_id, session_id, comment;
  std::vector<std::vector<std::string_view>> properties;
  std::vector<const std::string_view*> property_ptrs;  // scratch for views
  std::vector<std::pair<uint32_t, uint32_t>> merge_order;  // scratch for Merge: (run, row)
  struct MergeKey {
    int64_t ts;
    uint32_t run, row;
    bool operator<(const MergeKey& o) const {
      return ts != o.ts ? ts < o.ts : run != o.run ? run < o.run : row < o.row;
    }
  };
  std::vector<MergeKey> merge_keys;  // scratch for Merge

  void Clear(uint32_t columns, size_t properties_count);
  // Appends row `r` of `from` (same requested columns).
  void AppendRow(const ColumnArrays& from, size_t r, uint32_t columns);
  // One source run for Merge: rows [begin, end) of `arrays`, in time order.
  struct Run {
    const ColumnArrays* arrays;
    size_t begin, end;
  };
  // Replaces the contents with the rows of `runs` merged by timestamp (ties
  // keep run order), column by column.
  void Merge(const std::vector<Run>& runs, uint32_t columns, size_t properties_count);
  // Merge's fast path: when each run starts no earlier than the previous one
  // ends, appends them in order and returns true; else changes nothing.
  bool Concatenate(const std::vector<Run>& runs, uint32_t columns, size_t properties_count);

  // A view of rows [begin, end).
  CustomerView View(size_t begin, size_t end, uint32_t columns);
};

}  // namespace touchpoint::scan

#endif  // TOUCHPOINT_SCAN_COLUMN_ARRAYS_H_
