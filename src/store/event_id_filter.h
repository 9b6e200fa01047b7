// Idempotent ingestion: finds the rows of a batch whose event_id is already
// stored (or repeats within the batch), by a merge of sorted 64-bit XXH3
// hashes. With 10M stored ids the chance that two different ids share a
// hash is about 3e-6; docs/store.md discusses the trade-off.
#ifndef TOUCHPOINT_STORE_EVENT_ID_FILTER_H_
#define TOUCHPOINT_STORE_EVENT_ID_FILTER_H_

#include <cstdint>
#include <vector>

#include "event/event_batch.h"

namespace touchpoint::store {

// Returns keep[i] = false for rows whose event_id hash is in `stored_a`,
// `stored_b` (both sorted) or occurs earlier in the batch. The hashes of the
// kept rows' ids are appended to `new_ids` (unsorted).
std::vector<bool> FilterDuplicateIds(const EventBatch& batch, const std::vector<uint64_t>& stored_a,
                                     const std::vector<uint64_t>& stored_b, std::vector<uint64_t>* new_ids,
                                     uint64_t* duplicates);

// Merges sorted `add` into sorted `into`.
void MergeSortedIds(std::vector<uint64_t> add, std::vector<uint64_t>* into);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_EVENT_ID_FILTER_H_
