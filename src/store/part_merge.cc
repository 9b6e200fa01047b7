#include "store/part_merge.h"

#include <algorithm>
#include <limits>

#include "store/part_batch.h"
#include "util/thread_pool.h"

namespace touchpoint::store {
namespace {

struct HashRange {
  uint64_t lo, hi;  // inclusive
};

// Appends the rows of `part` whose customer hash lies in `range`, and that
// `skip` does not leave out, to `out`.
Status ReadRange(const PartReader& part, HashRange range, const RowFilter& skip, EventBatch* out) {
  DecodeContext ctx;
  RowFilter filter = skip;
  filter.hash_lo = range.lo;
  filter.hash_hi = range.hi;
  for (size_t b = 0; b < part.blocks().size(); ++b) {
    const BlockInfo& info = part.blocks()[b];
    if (info.last_hash < range.lo || info.first_hash > range.hi) continue;
    const bool inside = info.first_hash >= range.lo && info.last_hash <= range.hi;
    TP_RETURN_IF_ERROR(ReadBlockAsBatch(part, b, &ctx, out, inside && skip.KeepsEveryRowOfHashes() ? nullptr : &filter));
  }
  return Status::OK();
}

}  // namespace

size_t MergeOutputCount(uint64_t rows, size_t threads, uint64_t max_part_rows) {
  // Below this a second output buys no parallelism worth a second file.
  constexpr uint64_t kMinRowsPerOutput = 4 * kMergeRangeRows;
  size_t n = std::max<size_t>(1, std::min<uint64_t>(threads, rows / kMinRowsPerOutput));
  return std::max<size_t>(n, (rows + max_part_rows - 1) / max_part_rows);
}

Status MergePartFiles(const std::vector<const PartReader*>& inputs, const std::vector<std::string>& output_paths,
                      const RowFilter& skip, size_t threads, std::vector<PartInfo>* infos) {
  uint64_t total = 0;
  for (const PartReader* p : inputs) total += p->rows();
  const size_t outputs = output_paths.size();
  // Ranges: enough to bound memory, a whole number per output.
  size_t ranges = std::max<size_t>(outputs, (total + kMergeRangeRows - 1) / kMergeRangeRows);
  ranges = (ranges + outputs - 1) / outputs * outputs;
  const uint64_t step = std::numeric_limits<uint64_t>::max() / ranges;
  auto range_of = [&](size_t r) {
    return HashRange{r * step, r + 1 == ranges ? std::numeric_limits<uint64_t>::max() : (r + 1) * step - 1};
  };
  infos->assign(outputs, PartInfo{});
  std::vector<Status> statuses(outputs);
  RunParallel(outputs, threads, [&](size_t o) {
    const size_t per = ranges / outputs;
    std::unique_ptr<PartWriter> writer;
    std::vector<EventBatch> batches(inputs.size());
    std::vector<const EventBatch*> views;
    for (size_t r = o * per; r < (o + 1) * per; ++r) {
      views.clear();
      for (size_t i = 0; i < inputs.size(); ++i) {
        batches[i].Clear();
        Status s = ReadRange(*inputs[i], range_of(r), skip, &batches[i]);
        if (!s.ok()) {
          statuses[o] = s;
          return;
        }
        if (!batches[i].empty()) views.push_back(&batches[i]);
      }
      if (views.empty()) continue;
      if (!writer) {
        auto created = PartWriter::Create(output_paths[o]);
        if (!created.ok()) {
          statuses[o] = created.status();
          return;
        }
        writer = std::move(created).value();
      }
      Status s = writer->AddMerged(views);
      if (!s.ok()) {
        statuses[o] = s;
        return;
      }
    }
    if (writer) statuses[o] = writer->Finish(&(*infos)[o]);
  });
  for (const Status& s : statuses) TP_RETURN_IF_ERROR(s);
  return Status::OK();
}

}  // namespace touchpoint::store
