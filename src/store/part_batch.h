// ReadBlockAsBatch: materializes one block of a part as an EventBatch with
// every column, in part order. Used where whole rows are needed (compaction,
// customer deletion, round-trip tests); analyses use the column-wise scan.
#ifndef TOUCHPOINT_STORE_PART_BATCH_H_
#define TOUCHPOINT_STORE_PART_BATCH_H_

#include "event/event_batch.h"
#include "store/part_reader.h"
#include "util/status.h"

namespace touchpoint::store {

// Appends the rows of `block` to `out`, skipping customers for which
// `skip(customer_id)` is true (when given).
Status ReadBlockAsBatch(const PartReader& part, size_t block, DecodeContext* ctx, EventBatch* out,
                        bool (*skip)(std::string_view, const void*) = nullptr, const void* skip_arg = nullptr);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_BATCH_H_
