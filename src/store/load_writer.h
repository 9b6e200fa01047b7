// LoadWriter: one load (a file or a stream) into a Store. Rows are buffered,
// sorted into part order and written as parts as the buffer fills; nothing is
// visible until Commit(), which names the new parts and the load in one
// manifest change. A LoadWriter destroyed without Commit() (or a process
// killed mid-load) leaves no trace: its part files are not in the manifest
// and are removed as garbage. Not thread-safe.
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

// Rows buffered before a part is cut (~300 MB of batch at typical widths).
inline constexpr size_t kLoadPartRows = 1'000'000;
// Part writes running beside the parser: with two cores, two writers keep
// both busy (sorting and compressing cost more than parsing).
inline constexpr size_t kPartWritesInFlight = 2;

class LoadWriter {
 public:
  ~LoadWriter();
  LoadWriter(const LoadWriter&) = delete;
  LoadWriter& operator=(const LoadWriter&) = delete;

  // Adds accepted rows. Rows whose event_id is already stored (or seen
  // earlier in this load) are skipped and counted as duplicates.
  Status Add(const EventBatch& batch);
  // As Add, taking the batch over without a copy.
  Status Add(EventBatch&& batch);
  // Records a rejected row (one JSON line, see docs/store.md) in the load's
  // rejected-rows file.
  Status AddRejected(std::string_view json_line);
  // Makes the load visible atomically. `entry` gets the load's record.
  Status Commit(LoadEntry* entry);

  uint64_t accepted() const { return accepted_; }
  uint64_t duplicates() const { return duplicates_; }
  // The parts this load wrote, in manifest order (after Commit).
  const std::vector<PartEntry>& parts() const { return parts_; }

 private:
  friend class Store;
  LoadWriter(Store* store, LoadEntry entry);
  // Hands the buffer to a background part write, so parsing the next rows
  // overlaps sorting, encoding and compressing.
  Status CutPart();
  // Waits until fewer than `max_in_flight` part writes are running.
  Status WaitForPendingParts(size_t max_in_flight);

  Store* store_;
  LoadEntry entry_;
  // Accepted rows not yet in a part; sorted and written together.
  std::vector<std::shared_ptr<const EventBatch>> buffer_;
  size_t buffered_rows_ = 0;
  std::vector<PartEntry> parts_;
  struct PendingPart {
    size_t index;  // into parts_
    std::shared_ptr<PartInfo> info;
    std::future<Status> done;
  };
  std::deque<PendingPart> pending_;
  std::optional<AppendFile> rejected_;
  uint64_t rejected_count_ = 0;
  uint64_t accepted_ = 0;
  uint64_t duplicates_ = 0;
  std::vector<uint64_t> load_event_ids_;  // sorted
  bool committed_ = false;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_LOAD_WRITER_H_
