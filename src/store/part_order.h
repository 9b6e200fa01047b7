// The row order of parts: (customer_hash, customer_id, timestamp, arrival).
// See docs/segment_format.md for why the hash leads.
#ifndef TOUCHPOINT_STORE_PART_ORDER_H_
#define TOUCHPOINT_STORE_PART_ORDER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "event/event_batch.h"

namespace touchpoint::store {

// The permutation that puts `batch` in part order (stable for equal keys).
std::vector<uint32_t> PartOrder(const EventBatch& batch);

// True when (hash_a, id_a) sorts before (hash_b, id_b).
inline bool CustomerLess(uint64_t hash_a, std::string_view id_a, uint64_t hash_b, std::string_view id_b) {
  return hash_a != hash_b ? hash_a < hash_b : id_a < id_b;
}

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_ORDER_H_
