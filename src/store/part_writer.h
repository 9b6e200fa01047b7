// PartWriter: writes one immutable part file (docs/segment_format.md) from
// rows that arrive already in part order (store/part_order.h).
//
// Rows come in chunks through Add(); a customer's rows must not straddle two
// chunks. Blocks are compressed and written as they fill, so memory stays at
// one block plus the part dictionaries. The file is fsync'd by Finish(); it
// is not live until the manifest names it. Not thread-safe.
#ifndef TOUCHPOINT_STORE_PART_WRITER_H_
#define TOUCHPOINT_STORE_PART_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "event/event_batch.h"
#include "store/part_order.h"
#include "store/part_reader.h"
#include "util/status.h"

namespace touchpoint::store {

// What the manifest records about a finished part.
struct PartInfo {
  uint64_t rows = 0;
  uint64_t customers = 0;
  int64_t min_ts = 0;
  int64_t max_ts = 0;
  uint64_t bytes = 0;  // file size on disk
};

class PartWriter {
 public:
  static Result<std::unique_ptr<PartWriter>> Create(const std::string& path);
  // A writer whose bytes stay in memory; see TakeBytes().
  static std::unique_ptr<PartWriter> CreateInMemory();
  // REQUIRES: created in memory and Finish()ed.
  std::string TakeBytes();
  ~PartWriter();
  PartWriter(const PartWriter&) = delete;
  PartWriter& operator=(const PartWriter&) = delete;

  // Adds the rows of `batches` in the order `order` (see PartOrder): every
  // customer's rows together and in time order, following the previous
  // rows in part order without continuing their last customer.
  Status AddRows(const std::vector<const EventBatch*>& batches, const std::vector<RowRef>& order);
  // The load id written for rows whose batch carries none (EventBatch::load_id
  // empty or 0): a load's own parts (store/load_writer.h).
  void set_default_load(uint64_t load);
  // Adds the merge of `sorted_batches` (each in part order; together they
  // follow the previous chunks in that order), without a merged copy.
  Status AddMerged(const std::vector<const EventBatch*>& sorted_batches);
  // Writes the last block, the event-id set and the footer; fsyncs.
  Status Finish(PartInfo* info);

  // Sorts `batch` and builds it as a part held in memory (log-resident
  // events in a snapshot), named `name` in error messages.
  static Result<std::unique_ptr<PartReader>> WriteToMemory(const EventBatch& batch, std::string name);

  // Sorts the rows of `batches` into part order and writes them as one part,
  // streaming sorted chunks into the writer (no sorted copy of the whole).
  static Status WriteSorted(const std::string& path, const std::vector<const EventBatch*>& batches, PartInfo* info);
  // Writes batches that are each already in part order (see PartOrder),
  // merging them.
  static Status WriteMerged(const std::string& path, const std::vector<const EventBatch*>& sorted_batches,
                            PartInfo* info);
  static Status WriteSorted(const std::string& path, const EventBatch& batch, PartInfo* info) {
    return WriteSorted(path, std::vector<const EventBatch*>{&batch}, info);
  }

 private:
  class Impl;
  explicit PartWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_WRITER_H_
