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
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "event/event_batch.h"
#include "store/manifest.h"
#include "store/part_batch.h"
#include "store/snapshot.h"
#include "store/suppression_list.h"
#include "util/file.h"
#include "util/status.h"

namespace touchpoint::store {

inline constexpr std::string_view kStoreFormatLine = "touchpoint-store 1";
// Past this many parts MaybeMerge merges the smallest ones (see Compact).
inline constexpr size_t kMaxPartsBeforeMerge = 16;
// Ids a writer reserves with one manifest commit (docs/store.md).
inline constexpr uint64_t kReservedIds = 64;
// How long a writer waits for a background merge that holds the lock.
inline constexpr int64_t kDefaultMergeWaitMs = 10 * 60 * 1000;

struct StoreOptions {
  // A store is created only in a new or empty directory.
  bool create_if_missing = true;
  bool read_only = false;  // no lock, no recovery writes; snapshots only
  // A background merge (`ingest` starts one, cli/ingest_command.cc) adopts
  // the lock of the writer that started it: this descriptor, inherited,
  // already holds it (Open checks that it does).
  int inherited_lock_fd = -1;
  // A writer that finds the lock held by a background merge waits for it
  // this long at most (then Busy), after telling `on_wait` once.
  int64_t merge_wait_ms = kDefaultMergeWaitMs;
  std::function<void(const std::string& message)> on_wait;
};

// The marker a writer leaves while a background merge it started holds the
// lock; a second writer that finds the lock held and this file present waits
// instead of failing with Busy.
inline constexpr std::string_view kMergingFile = "MERGING";
// What the background merge writes its output to, in the store directory.
inline constexpr std::string_view kMergeLogFile = "merge.log";
// The configuration a store directory may hold (engine/config.h reads it).
inline constexpr std::string_view kConfigFile = "touchpoint.toml";

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
  bool suppressed = false;  // the id is (now) on the suppression list
};

struct UnloadStats {
  uint64_t events_removed = 0;
  size_t parts_rewritten = 0;
  // Parts written before part format 4 do not record their rows' loads:
  // unload cannot look into them (docs/store.md).
  size_t parts_without_loads = 0;
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
  // (0 when not known yet: LoadWriter::SetContent gives it before Commit);
  // a load of the same bytes as a completed load is refused with
  // AlreadyExists unless `force`.
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

  // Past kMaxPartsBeforeMerge parts, merges about half of them: `ingest`'s
  // background merge runs it after the load's own merge.
  Status MaybeMerge();

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
  // (the right to erasure), rewriting the affected parts. With `suppress`
  // the id also goes on the suppression list, so later events for it are
  // dropped (counted as erased) by every load and append.
  Status DeleteCustomer(std::string_view customer_id, bool suppress, DeleteStats* stats);

  // Takes the rows of load `load_id` back out (rewriting the parts that
  // hold them), forgets the load and its rejected rows; its event ids and
  // content can be loaded again.
  Status Unload(uint64_t load_id, UnloadStats* stats);

  const SuppressionList& suppression() const { return suppression_; }

  // Removes a store that holds nothing (no parts, loads, log, aliases,
  // derived values or suppressed ids), as `ingest` does when it created the
  // store and loaded nothing. Only the store's own names are removed, and
  // the directory when that leaves it empty. REQUIRES: no Store open on it.
  static Status RemoveIfEmpty(const std::string& dir);

  // ---- read side ----
  Result<std::shared_ptr<const Snapshot>> GetSnapshot() const;

  std::string PartPath(uint64_t id) const;
  std::string LogPath(uint64_t number) const;
  std::string RejectedPath(uint64_t load_id) const;

  // ---- repair (store/store_check.h; REQUIRES: opened writable) ----
  // Rewrites the part with a fresh event-id set built from its event_id
  // column, in its place.
  Status RebuildPart(uint64_t part_id);
  // Cuts the live log at `offset` (the end of its last good record).
  Status TruncateLiveLog(uint64_t offset);

 private:
  friend class LoadWriter;
  Store() = default;
  Status Recover();
  Status CommitManifest(Manifest next);
  // AlreadyExists when a completed load had these bytes (0: not known).
  Status CheckNotLoaded(const std::string& source, uint64_t content_hash, uint64_t input_bytes) const;
  // Commits `next` naming `gone` (parts or logs it no longer lists) as
  // garbage, then deletes their files.
  Status CommitReplacing(Manifest next, const std::vector<uint64_t>& gone);
  // An id for a new part, load or log file, reserved in the manifest first.
  Result<uint64_t> NewId();
  Status LoadEventIds();
  // The sorted, distinct id hashes of the live log's events (appends not
  // yet flushed into a part).
  Status LogEventIdHashes(std::vector<uint64_t>* out) const;
  Status MergeParts(const std::vector<PartEntry>& inputs, std::vector<PartEntry>* outputs, const RowFilter& skip,
                    uint64_t* rows_skipped);
  // Rewrites each of `affected` (in its place) without the rows `skip` drops.
  Status RewriteParts(const std::vector<PartEntry>& affected, const RowFilter& skip, Manifest* next,
                      uint64_t* rows_skipped, std::vector<uint64_t>* gone);
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
  SuppressionList suppression_;
  uint64_t reserved_next_ = 0, reserved_end_ = 0;  // ids reserved and not yet handed out
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_STORE_H_
