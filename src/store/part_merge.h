// MergePartFiles: the k-way merge behind compaction, customer erasure and
// the end of a multi-part load. The rows of the input parts are rewritten as
// output parts that cover consecutive, disjoint ranges of the customer-hash
// space, so a scan shard afterwards reads each customer from one part
// instead of merging it across all of them (docs/store.md, "Merges").
//
// The hash space is cut into ranges of about kMergeRangeRows rows; each
// output part takes a run of consecutive ranges, merged one range at a time
// (memory: one range's rows per thread), and the outputs are written in
// parallel. Thread-safe with respect to other readers of the inputs.
#ifndef TOUCHPOINT_STORE_PART_MERGE_H_
#define TOUCHPOINT_STORE_PART_MERGE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/part_batch.h"
#include "store/part_reader.h"
#include "store/part_writer.h"
#include "util/status.h"

namespace touchpoint::store {

// Rows decoded at once per merge thread (~150 MB of batch at typical widths).
inline constexpr uint64_t kMergeRangeRows = 500'000;

// Writes the merge of `inputs` (parts in manifest order: on equal
// timestamps a customer's earlier part's rows come first) to the files
// `output_paths`, leaving out the rows `skip` drops (its hash range is
// ignored). Rows keep their load ids. `infos` gets one PartInfo per output;
// an output with 0 rows was not written.
Status MergePartFiles(const std::vector<const PartReader*>& inputs, const std::vector<std::string>& output_paths,
                      const RowFilter& skip, size_t threads, std::vector<PartInfo>* infos);

// How many output parts a merge of `rows` rows should write: one per thread
// once there is enough to share, and never more than `max_part_rows` each.
size_t MergeOutputCount(uint64_t rows, size_t threads, uint64_t max_part_rows);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_MERGE_H_
