// ReadBlockAsBatch: materializes one block of a part as an EventBatch with
// every column (the load ids included), in part order. Used where whole
// rows are needed (merges, erasure, unloading, round-trip tests); analyses
// use the column-wise scan.
#ifndef TOUCHPOINT_STORE_PART_BATCH_H_
#define TOUCHPOINT_STORE_PART_BATCH_H_

#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "event/event_batch.h"
#include "store/part_reader.h"
#include "util/status.h"

namespace touchpoint::store {

// Which rows a rewrite keeps: those of customers whose hash lies in
// [hash_lo, hash_hi], minus an erased customer's, an unloaded load's and
// a load's duplicate event ids. Views must outlive the read.
struct RowFilter {
  uint64_t hash_lo = 0;
  uint64_t hash_hi = std::numeric_limits<uint64_t>::max();
  std::string_view skip_customer;                         // "" = none
  uint64_t skip_load = 0;                                 // 0 = none
  const std::vector<uint64_t>* skip_event_ids = nullptr;  // sorted XXH3 hashes of event ids

  bool KeepsEveryRowOfHashes() const { return skip_customer.empty() && skip_load == 0 && skip_event_ids == nullptr; }
};

// Appends the rows of `block` that `filter` keeps (every row without one)
// to `out`.
Status ReadBlockAsBatch(const PartReader& part, size_t block, DecodeContext* ctx, EventBatch* out,
                        const RowFilter* filter = nullptr);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_BATCH_H_
