// Idempotent ingestion: finds rows whose event_id is already stored (or
// repeats earlier in the same input), by their 64-bit XXH3 hashes. With 10M
// stored ids the chance that two different ids share a hash is about 3e-6;
// docs/store.md discusses the trade-off.
//
// Two shapes: FilterDuplicateIds checks a batch against sorted hashes held
// in memory (appends through the log); FindRepeatedIds checks a load's parts
// against each other and the stored parts by streaming their sorted id sets
// from disk, one slice of the hash space at a time, so its memory does not
// grow with the store or the input.
#ifndef TOUCHPOINT_STORE_EVENT_ID_FILTER_H_
#define TOUCHPOINT_STORE_EVENT_ID_FILTER_H_

#include <cstdint>
#include <vector>

#include "event/event_batch.h"
#include "store/part_reader.h"
#include "util/status.h"

namespace touchpoint::store {

// Returns keep[i] = false for rows whose event_id hash is in `stored_a`,
// `stored_b` (both sorted) or occurs earlier in the batch. The hashes of the
// kept rows' ids are appended to `new_ids` (unsorted).
std::vector<bool> FilterDuplicateIds(const EventBatch& batch, const std::vector<uint64_t>& stored_a,
                                     const std::vector<uint64_t>& stored_b, std::vector<uint64_t>* new_ids,
                                     uint64_t* duplicates);

// Merges sorted `add` into sorted `into`.
void MergeSortedIds(std::vector<uint64_t> add, std::vector<uint64_t>* into);

// For parts[first_new..] (a load's parts, in arrival order), the sorted id
// hashes each holds that an earlier part of `parts` also holds: the rows to
// drop as duplicates. parts[..first_new) are the stored parts; nothing is
// dropped from them. REQUIRES: each part's set has no repeats (PartWriter).
Result<std::vector<std::vector<uint64_t>>> FindRepeatedIds(const std::vector<const PartReader*>& parts,
                                                           size_t first_new);

// Inserts of 64-bit hashes in amortised constant time, for the repeats
// inside one part (open addressing, linear probing). Not thread-safe.
class HashSet64 {
 public:
  explicit HashSet64(size_t expected = 0);
  // True when `h` was not in the set.
  bool Insert(uint64_t h);
  // Inserts hashes[0..n) in order; new[i] is set to Insert(hashes[i]). The
  // slots a few inserts ahead are fetched meanwhile: a set of a part's ids
  // does not fit in cache, and each insert would otherwise wait on memory.
  void InsertMany(const uint64_t* hashes, size_t n, std::vector<bool>* fresh);
  // Empties the set, in time proportional to what was inserted.
  void Clear();
  size_t size() const { return size_; }

 private:
  void Grow();
  std::vector<uint64_t> slots_;  // 0 = empty (the hash 0 is kept aside)
  std::vector<size_t> used_;     // slots filled, for Clear
  size_t size_ = 0;
  bool has_zero_ = false;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_EVENT_ID_FILTER_H_
