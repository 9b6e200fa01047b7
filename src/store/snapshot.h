// Snapshot: a consistent, immutable view of a store's events at one moment:
// the live parts plus the events still only in the write-ahead log (held as
// an in-memory part), and the alias table. Cheap to share between threads;
// parts stay readable for the snapshot's life even if compaction drops them.
#ifndef TOUCHPOINT_STORE_SNAPSHOT_H_
#define TOUCHPOINT_STORE_SNAPSHOT_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/part_reader.h"

namespace touchpoint::store {

struct Snapshot {
  std::string dir;
  // Identifies the events this snapshot holds; changes whenever they do
  // (a load, an append, a deletion; not a compaction). Derived values are
  // stamped with it to tell when they are stale.
  std::string data_stamp;
  std::vector<std::shared_ptr<const PartReader>> parts;  // log-resident events last
  // alias id -> canonical id (opt-in identity stitching; see AliasTable).
  std::map<std::string, std::string, std::less<>> aliases;

  // [min, max + 1) of the events' timestamps; {0, 1} for an empty store.
  std::pair<int64_t, int64_t> TimeRange() const {
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (const auto& p : parts) {
      if (p->rows() == 0) continue;
      lo = std::min(lo, p->min_ts());
      hi = std::max(hi, p->max_ts());
    }
    if (lo > hi) return {0, 1};
    return {lo, hi + 1};
  }

  uint64_t rows() const {
    uint64_t n = 0;
    for (const auto& p : parts) n += p->rows();
    return n;
  }
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_SNAPSHOT_H_
