// Store: the embedded columnar event store, a directory of immutable parts
// (docs/segment_format.md), a write-ahead log (docs/wal_format.md) and a
// manifest (store/manifest.h). See docs/store.md for the directory layout and
// the crash-safety argument.
//
// Writers: one process at a time (an flock on LOCK; a second writer gets
// Busy, or waits while a background merge holds it). Readers: any number,
// without the lock; a snapshot sees every acknowledged event, including
// those only in the log.
// A Store object is not thread-safe; snapshots are.
#ifndef TOUCHPOINT_STORE_STORE_H_
#define TOUCHPOINT_STORE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event/event_batch.h"
#include "store/manifest.h"
#include "store/snapshot.h"
#include "util/file.h"
#include "util/status.h"

namespace touchpoint::store {

inline constexpr std::string_view kStoreFormatLine = "touchpoint-store 1";
// Past this many parts a commit merges the smallest ones (see Compact).
inline constexpr size_t kMaxPartsBeforeMerge = 16;

struct StoreOptions {
  bool create_if_missing = true;
  bool read_only = false;  // no lock, no recovery writes; snapshots only
  // A background merge (`ingest` starts one, cli/ingest_command.cc) adopts
  // the lock of the writer that started it: this descriptor, inherited,
  // already holds it.
  int inherited_lock_fd = -1;
};

// The marker a writer leaves while a background merge it started holds the
// lock; a second writer that finds the lock held and this file present waits
// instead of failing with Busy.
inline constexpr std::string_view kMergingFile = "MERGING";

class LoadWriter;
class WalWriter;

struct CompactStats {
  size_t parts_before = 0;
  size_t parts_after = 0;
  uint64_t rows = 0;
};

struct DeleteStats {
  uint64_t events_deleted = 0;
  size_t parts_rewritten = 0;
  size_t derived_values_deleted = 0;
  size_t rejected_rows_deleted = 0;
  size_t aliases_deleted = 0;
};

class Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const StoreOptions& options);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& dir() const { return dir_; }
  const Manifest& manifest() const { return manifest_; }

  // ---- write side (REQUIRES: opened writable) ----

  // Starts a load of one input. `content_hash` identifies the input's bytes
  // (0 for a stream); a load of the same bytes as a completed load is
  // refused with AlreadyExists unless `force`.
  Result<std::unique_ptr<LoadWriter>> BeginLoad(std::string source, uint64_t content_hash, uint64_t input_bytes,
                                                bool force);

  // Appends a small batch through the write-ahead log. Acknowledged (and
  // visible to new snapshots) once it is fsync'd, when this returns OK.
  // Rows whose event_id is already stored are skipped (*duplicates counts them).
  Status Append(const EventBatch& batch, uint64_t* duplicates);

  // Moves the log's events into a part and starts a new log.
  // REQUIRES: no background flush is under way.
  Status FlushLog();

  // The same move, in three steps, so appends need not wait while the part
  // is written (the HTTP collector, server/collector.h):
  //   BeginLogFlush   (writer thread)  marks the log's end, reserves a part id;
  //   WriteLogPart    (any thread, while Append goes on) writes the events
  //                   of the log up to the mark into that part;
  //   FinishLogFlush  (writer thread)  commits a manifest naming the part
  //                   and the next log; the old log is then garbage, which
  //                   the caller removes (RemoveFile(flush.log_path), on any
  //                   thread) or the next open sweeps.
  // From the mark on, Append writes each record to the old log and to the
  // next one (both fsync'd before it returns), so the next log holds exactly
  // the events the part does not, and finishing costs one manifest commit.
  // A crash before the commit leaves the old log live and the part unnamed
  // (swept at the next open); after it, the part and the new log hold every
  // event the old log held. AbandonLogFlush forgets a flush whose part
  // could not be written. One flush at a time.
  struct LogFlush {
    std::string log_path;
    uint64_t log_bytes = 0;  // the mark: the log's size at BeginLogFlush
    std::string part_path;
    PartEntry part;          // id reserved; info filled by WriteLogPart
    uint64_t next_log = 0;   // reserved: the log that follows
    bool has_events = false;
  };
  Result<LogFlush> BeginLogFlush();
  static Status WriteLogPart(LogFlush* flush);
  Status FinishLogFlush(const LogFlush& flush);
  void AbandonLogFlush();

  // Merges all parts into as few as possible (one per ~kCompactPartRows rows).
  Status Compact(CompactStats* stats);

  // Merges the parts with these ids, in their place, into parts that cover
  // disjoint ranges of the customer-hash space, so a scan reads each of their
  // customers from one part. Does nothing unless they are all live and a
  // consecutive run of the manifest (as a load's parts are when it commits);
  // merges since then have already rearranged them.
  Status MergeRun(const std::vector<uint64_t>& ids, CompactStats* stats);

  // Background merges (docs/store.md): the writer that starts one leaves the
  // note before it does, holding the lock; the merge clears it when done.
  Status NoteBackgroundMerge();
  Status ClearBackgroundMerge();

  // The descriptor holding the write lock (-1 when read-only), for a
  // background merge to inherit.
  int lock_fd() const { return lock_ ? lock_->fd() : -1; }

  // Removes every event, alias, derived value and rejected row of a customer
  // (the right to erasure), rewriting the affected parts.
  Status DeleteCustomer(std::string_view customer_id, DeleteStats* stats);

  // ---- read side ----
  Result<std::shared_ptr<const Snapshot>> GetSnapshot() const;

 private:
  friend class LoadWriter;
  Store() = default;
  Status Recover();
  Status CommitManifest(Manifest next);
  Status LoadEventIds();
  std::string PartPath(uint64_t id) const;
  std::string LogPath(uint64_t number) const;
  std::string RejectedPath(uint64_t load_id) const;
  Status MergeParts(const std::vector<PartEntry>& inputs, std::vector<PartEntry>* outputs,
                    std::string_view skip_customer, uint64_t* rows_skipped);
  Status MaybeMerge();
  // Merges manifest_.parts[first, first + count) in place.
  Status MergeInPlace(size_t first, size_t count);

  std::string dir_;
  StoreOptions options_;
  std::optional<FileLock> lock_;
  Manifest manifest_;
  std::unique_ptr<WalWriter> log_;  // the live write-ahead log, opened on first Append
  uint64_t log_records_ = 0;
  // Hashes of every stored event_id, loaded on first need (idempotent loads).
  std::vector<uint64_t> event_ids_;  // sorted
  // Those of recent appends, sorted, kept apart so an append merges into
  // this small set instead of copying all of event_ids_; folded into
  // event_ids_ when it grows past kAppendedIdsFold and before a load.
  std::vector<uint64_t> appended_ids_;
  bool event_ids_loaded_ = false;
  void FoldAppendedIds();
  // While a background flush is under way: the next log, which Append
  // writes too.
  std::unique_ptr<WalWriter> next_log_;
  uint64_t next_log_number_ = 0;
  bool flush_pending_ = false;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_STORE_H_
