// LoadWriter: one load (a file or a stream) into a Store. Each part has a
// background thread from its first batch on: it sorts every batch into part
// order as it arrives (while it is small enough to stay in cache), and once
// the part reaches its share of the memory budget it merges the sorted
// batches front to back, encodes and writes them, while the next part's
// thread takes the next batches. Nothing is visible until Commit(), which names
// the new parts and the load in one manifest change. A LoadWriter destroyed
// without Commit() (or a process killed mid-load) leaves no trace: its
// files are named only by the manifest's id reservation, and are removed
// as garbage. Not thread-safe.
//
// Dropped rows, never stored: those of erased customers (the suppression
// list; counted as erased) and those whose event_id is already stored or
// came earlier in this load (duplicates). Repeats inside one part are found
// as the part is written; repeats across parts and against the store at
// Commit, by streaming the parts' sorted id sets (store/event_id_filter.h),
// so memory stays within the budget however large the input.
#ifndef TOUCHPOINT_STORE_LOAD_WRITER_H_
#define TOUCHPOINT_STORE_LOAD_WRITER_H_

#include <deque>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "event/event_batch.h"
#include "store/manifest.h"
#include "util/file.h"
#include "util/status.h"

namespace touchpoint::store {

class Store;

// Default memory a load may hold in rows ([ingest] memory, docs/config.md).
inline constexpr uint64_t kDefaultLoadMemory = 256ull << 20;
// Smallest budget accepted: below it parts become too small to be useful.
inline constexpr uint64_t kMinLoadMemory = 32ull << 20;
// Part writes running beside the caller's thread (the parser): one, so the
// two cores of a small machine parse and write at once; more would only
// hold more rows in memory.
inline constexpr size_t kPartWritesInFlight = 1;

class LoadWriter {
 public:
  ~LoadWriter();
  LoadWriter(const LoadWriter&) = delete;
  LoadWriter& operator=(const LoadWriter&) = delete;

  // Bounds the rows held in memory (buffered and being written). REQUIRES:
  // before the first Add.
  void set_memory_budget(uint64_t bytes);
  // How many rows one part holds at most under the budget, for the caller
  // to size its batches (about a quarter of a part each).
  uint64_t part_bytes() const { return part_bytes_; }

  // Adds accepted rows.
  Status Add(const EventBatch& batch);
  // As Add, taking the batch over without a copy.
  Status Add(EventBatch&& batch);
  // Records a rejected row (one JSON line, see docs/store.md) in the load's
  // rejected-rows file, unless `customer_id` (the row's parsed customer
  // field, "" when it had none) is erased: then it is dropped and counted
  // as erased, since keeping it would keep the customer's data.
  Status AddRejected(std::string_view customer_id, std::string_view json_line);
  // The input's identity, known once it has been read: a hash of its
  // (decompressed) bytes and their count. Commit refuses a repeat of a
  // completed load's content unless the load was begun with force.
  void SetContent(uint64_t content_hash, uint64_t input_bytes);
  // Makes the load visible atomically. `entry` gets the load's record.
  Status Commit(LoadEntry* entry);

  // Counts, final after Commit (rows still being written are not counted).
  uint64_t accepted() const { return accepted_; }
  uint64_t duplicates() const { return duplicates_; }
  uint64_t erased() const { return erased_; }
  uint64_t rejected() const { return rejected_count_; }
  // The parts this load wrote, in manifest order (after Commit).
  const std::vector<PartEntry>& parts() const { return parts_; }

 private:
  friend class Store;
  struct PartJob;
  LoadWriter(Store* store, LoadEntry entry, bool force);
  // Closes the filling part: its thread goes on to write it, so parsing the
  // next rows overlaps merging, encoding and compressing.
  Status CutPart();
  // Waits until at most `max_in_flight` part writes are running.
  Status WaitForPendingParts(size_t max_in_flight);
  // Drops the rows whose event ids an earlier part or the store already
  // holds, rewriting the parts that have them.
  Status DropRepeatsAcrossParts();

  Store* store_;
  LoadEntry entry_;
  bool force_ = false;
  uint64_t part_bytes_ = 0;
  std::shared_ptr<PartJob> filling_;  // the part taking batches, if any
  std::future<Status> filling_done_;
  uint64_t buffered_bytes_ = 0;
  std::vector<PartEntry> parts_;
  struct PendingPart {
    size_t index;  // into parts_
    std::shared_ptr<PartJob> job;
    std::future<Status> done;
  };
  std::deque<PendingPart> pending_;
  std::optional<AppendFile> rejected_;
  uint64_t rejected_count_ = 0;
  uint64_t accepted_ = 0;
  uint64_t duplicates_ = 0;
  uint64_t erased_ = 0;
  bool committed_ = false;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_LOAD_WRITER_H_
