// LoadWriter: one load (a file or a stream) into a Store. Rows are buffered,
// sorted into part order and written as parts as the buffer fills; nothing is
// visible until Commit(), which names the new parts and the load in one
// manifest change. A LoadWriter destroyed without Commit() (or a process
// killed mid-load) leaves no trace: its part files are not in the manifest
// and are removed as garbage. Not thread-safe.
#ifndef TOUCHPOINT_STORE_LOAD_WRITER_H_
#define TOUCHPOINT_STORE_LOAD_WRITER_H_

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
inline constexpr size_t kLoadPartRows = 2'000'000;

class LoadWriter {
 public:
  ~LoadWriter();
  LoadWriter(const LoadWriter&) = delete;
  LoadWriter& operator=(const LoadWriter&) = delete;

  // Adds accepted rows. Rows whose event_id is already stored (or seen
  // earlier in this load) are skipped and counted as duplicates.
  Status Add(const EventBatch& batch);
  // Records a rejected row (one JSON line, see docs/store.md) in the load's
  // rejected-rows file.
  Status AddRejected(std::string_view json_line);
  // Makes the load visible atomically. `entry` gets the load's record.
  Status Commit(LoadEntry* entry);

  uint64_t accepted() const { return accepted_; }
  uint64_t duplicates() const { return duplicates_; }

 private:
  friend class Store;
  LoadWriter(Store* store, LoadEntry entry);
  Status CutPart();

  Store* store_;
  LoadEntry entry_;
  EventBatch buffer_;
  std::vector<PartEntry> parts_;
  std::optional<AppendFile> rejected_;
  uint64_t rejected_count_ = 0;
  uint64_t accepted_ = 0;
  uint64_t duplicates_ = 0;
  std::vector<uint64_t> load_event_ids_;  // sorted
  bool committed_ = false;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_LOAD_WRITER_H_
