// Binary serialization of an EventBatch: the body of a write-ahead log
// record (docs/wal_format.md, "Batch encoding"). Compact (varints, deltas
// for timestamps, all-empty columns in one byte) but not compressed;
// versioned so a later layout can be told apart.
//
// Every column round-trips exactly, properties included; numbers keep their
// bit patterns (a NaN stays NaN), except that a column whose values are all
// NaN decodes as kAbsent. Stateless and thread-safe.
#ifndef TOUCHPOINT_STORE_BATCH_CODEC_H_
#define TOUCHPOINT_STORE_BATCH_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "event/event_batch.h"
#include "util/status.h"

namespace touchpoint::store {

// First varint of every encoding. Serialized: bump on any layout change.
inline constexpr uint64_t kBatchCodecVersion = 1;

// REQUIRES: every column of `batch` has batch.size() rows (the EventBatch
// invariant).
std::string EncodeBatch(const EventBatch& batch);

// Replaces *out with the batch encoded in `bytes`. Corruption when the bytes
// are truncated, have trailing garbage or are inconsistent (it bounds-checks
// everything and never allocates more than the input can justify);
// NotSupported for a newer version. On error *out is cleared.
Status DecodeBatch(std::string_view bytes, EventBatch* out);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_BATCH_CODEC_H_
