// The row order of parts: (customer_hash, customer_id, timestamp, arrival).
// See docs/segment_format.md for why the hash leads.
#ifndef TOUCHPOINT_STORE_PART_ORDER_H_
#define TOUCHPOINT_STORE_PART_ORDER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "event/event_batch.h"

namespace touchpoint::store {

// A row of one of several batches.
struct RowRef {
  uint32_t batch;
  uint32_t row;
};

// The order that puts the rows of `batches` in part order (stable for equal
// keys: earlier batch, then earlier row, first).
std::vector<RowRef> PartOrder(const std::vector<const EventBatch*>& batches);
// As PartOrder, for the given rows only (`rows` in arrival order). With
// `hashes`, also each sorted row's customer hash.
std::vector<RowRef> SortIntoPartOrder(const std::vector<const EventBatch*>& batches, const std::vector<RowRef>& rows,
                                      std::vector<uint64_t>* hashes = nullptr);

// True when (hash_a, id_a) sorts before (hash_b, id_b).
inline bool CustomerLess(uint64_t hash_a, std::string_view id_a, uint64_t hash_b, std::string_view id_b) {
  return hash_a != hash_b ? hash_a < hash_b : id_a < id_b;
}

// As PartOrder, for batches that are each already in part order: a k-way
// merge instead of a sort, reading every batch front to back.
// `hashes`, when given, holds each batch's rows' customer hashes (as
// SortIntoPartOrder returns them), so no id is hashed again.
std::vector<RowRef> MergeSortedRuns(const std::vector<const EventBatch*>& batches,
                                    const std::vector<const std::vector<uint64_t>*>* hashes = nullptr);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_ORDER_H_
