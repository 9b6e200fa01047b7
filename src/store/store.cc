#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "store/alias_table.h"
#include "store/batch_codec.h"
#include "store/derived_table.h"
#include "store/event_id_filter.h"
#include "store/load_writer.h"
#include "store/part_batch.h"
#include "store/part_merge.h"
#include "store/part_order.h"
#include "store/wal_payload.h"
#include "store/wal_reader.h"
#include "store/wal_writer.h"
#include "util/hash.h"
#include "util/json_string.h"
#include "util/thread_pool.h"

namespace touchpoint::store {
namespace {

constexpr std::string_view kFormatFile = "FORMAT";
constexpr std::string_view kManifestFile = "MANIFEST";
constexpr std::string_view kLockFile = "LOCK";
constexpr std::string_view kPartsDir = "parts";
constexpr std::string_view kLogDir = "log";
constexpr std::string_view kRejectedDir = "rejected";
// Appends are not loads; their log records carry this load id.
constexpr uint64_t kAppendLoadId = 0;
// Compaction writes parts of at most this many rows, so no part outgrows memory.
constexpr uint64_t kCompactPartRows = 16'000'000;
// Appended event-id hashes kept apart before they join the main set (see
// Store::appended_ids_): an append then copies at most this many.
constexpr size_t kAppendedIdsFold = 1 << 16;
// How often a reader retries when a writer replaced files under it.
constexpr int kSnapshotRetries = 5;

std::string NumberedName(std::string_view prefix, uint64_t id, std::string_view suffix) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%08llu", static_cast<unsigned long long>(id));
  return std::string(prefix) + buf + std::string(suffix);
}

bool ParseNumbered(std::string_view name, std::string_view prefix, std::string_view suffix, uint64_t* id) {
  if (!name.starts_with(prefix) || !name.ends_with(suffix)) return false;
  std::string_view digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  if (digits.empty()) return false;
  uint64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *id = v;
  return true;
}

// Appends every committed batch `reader` holds to `out`. A torn tail (crash
// mid-write) ends the log cleanly; it was never acknowledged.
Status ReadBatches(WalReader* reader, EventBatch* out, uint64_t* records) {
  std::string record;
  EventBatch batch;
  while (reader->ReadRecord(&record)) {
    WalPayload payload;
    TP_RETURN_IF_ERROR(DecodeWalPayload(record, &payload));
    batch.Clear();
    TP_RETURN_IF_ERROR(DecodeBatch(payload.body, &batch));
    out->AppendRows(batch);
    ++*records;
  }
  return reader->status();
}

// Reads the committed batches of one log file.
Status ReadLog(const std::string& path, EventBatch* out, uint64_t* records) {
  TP_ASSIGN_OR_RETURN(std::unique_ptr<WalReader> reader, WalReader::Open(path));
  return ReadBatches(reader.get(), out, records);
}

}  // namespace

std::string Store::PartPath(uint64_t id) const { return JoinPath(JoinPath(dir_, kPartsDir), NumberedName("part-", id, ".tpp")); }
std::string Store::LogPath(uint64_t number) const { return JoinPath(JoinPath(dir_, kLogDir), NumberedName("log-", number, ".wal")); }
std::string Store::RejectedPath(uint64_t load_id) const {
  return JoinPath(JoinPath(dir_, kRejectedDir), NumberedName("load-", load_id, ".ndjson"));
}

namespace {

// Files a killed writer may leave that no manifest can name.
// What a directory may hold before it becomes a store: a creation cut short,
// and the configuration a user writes before the first load (docs/config.md).
bool MayPrecedeTheStore(std::string_view name) { return name == "FORMAT.tmp" || name == kConfigFile; }

// Whether `dir` holds parts, logs or rejected rows: a store with data, whose
// manifest must then exist.
Result<size_t> DataFiles(const std::string& dir) {
  size_t n = 0;
  for (std::string_view sub : {kPartsDir, kLogDir, kRejectedDir}) {
    const std::string d = JoinPath(dir, sub);
    if (!IsDirectory(d)) continue;
    TP_ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(d));
    uint64_t id = 0;
    for (const std::string& name : names) {
      n += ParseNumbered(name, "part-", ".tpp", &id) || ParseNumbered(name, "log-", ".wal", &id) ||
           ParseNumbered(name, "load-", ".ndjson", &id);
    }
  }
  return n;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const StoreOptions& options) {
  std::unique_ptr<Store> s(new Store());
  s->dir_ = dir;
  s->options_ = options;
  const std::string format_path = JoinPath(dir, kFormatFile);
  if (!FileExists(format_path)) {
    if (options.read_only || !options.create_if_missing) {
      return Status::NotFound(dir + " is not a Touchpoint store (no " + std::string(kFormatFile) +
                              " file); create one with `touchpoint ingest --db " + dir + " FILE`");
    }
    // A store is made only in a new or empty directory: a folder of the
    // user's is never taken over (and never swept).
    if (FileExists(dir)) {
      if (!IsDirectory(dir)) return Status::InvalidArgument(dir + " is a file, not a store directory");
      TP_ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(dir));
      for (const std::string& name : names) {
        if (!MayPrecedeTheStore(name)) {
          return Status::InvalidArgument(dir + " is not empty and is not a Touchpoint store (no " +
                                         std::string(kFormatFile) + " file, but it holds '" + name +
                                         "'); give --db a new or empty directory");
        }
      }
    }
    TP_RETURN_IF_ERROR(CreateDirIfMissing(dir));
    TP_RETURN_IF_ERROR(WriteFileAtomic(format_path, std::string(kStoreFormatLine) + "\n"));
  } else {
    TP_ASSIGN_OR_RETURN(std::string format, ReadFileToString(format_path));
    while (!format.empty() && (format.back() == '\n' || format.back() == '\r')) format.pop_back();
    if (format != kStoreFormatLine) {
      return Status::NotSupported(dir + ": store format '" + format + "' is not supported by this build (it reads '" +
                                  std::string(kStoreFormatLine) + "'); use the Touchpoint version that wrote it");
    }
  }
  if (!options.read_only) {
    const std::string lock_path = JoinPath(dir, kLockFile);
    const std::string merging_path = JoinPath(dir, kMergingFile);
    if (options.inherited_lock_fd >= 0) {
      TP_ASSIGN_OR_RETURN(FileLock lock, FileLock::Verify(options.inherited_lock_fd, lock_path));
      s->lock_.emplace(std::move(lock));
    } else {
      auto lock = FileLock::Acquire(lock_path);
      // A background merge holds it: it ends on its own, so wait for it.
      if (!lock.ok() && lock.status().code() == Status::Code::kBusy && FileExists(merging_path)) {
        if (options.on_wait) {
          options.on_wait("waiting for the background merge of " + dir + " to finish (at most " +
                          std::to_string(options.merge_wait_ms / 1000) + " s)");
        }
        lock = FileLock::AcquireWithin(lock_path, options.merge_wait_ms);
      }
      if (!lock.ok()) return lock.status();
      s->lock_.emplace(std::move(lock).value());
      // Holding the lock, no merge runs: a marker left by one that was killed goes.
      TP_RETURN_IF_ERROR(RemoveFile(merging_path));
    }
    for (std::string_view sub : {kPartsDir, kLogDir, kRejectedDir}) {
      TP_RETURN_IF_ERROR(CreateDirIfMissing(JoinPath(dir, sub)));
    }
  }
  const std::string manifest_path = JoinPath(dir, kManifestFile);
  if (FileExists(manifest_path)) {
    TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(manifest_path));
    TP_ASSIGN_OR_RETURN(s->manifest_, Manifest::Decode(text, manifest_path));
  } else {
    TP_ASSIGN_OR_RETURN(size_t data_files, DataFiles(dir));
    if (data_files > 0) {
      return Status::Corruption(dir + " is a damaged store: it holds " + std::to_string(data_files) +
                                " parts, logs or rejected-row files but no MANIFEST, which says which of them "
                                "are live; nothing was changed (restore MANIFEST from a backup)");
    }
    if (!options.read_only) {
      s->manifest_.log_number = s->manifest_.next_id++;
      TP_RETURN_IF_ERROR(s->CommitManifest(s->manifest_));
    }
  }
  if (!options.read_only) {
    TP_RETURN_IF_ERROR(s->Recover());
    TP_ASSIGN_OR_RETURN(s->suppression_, SuppressionList::Load(dir));
  }
  return s;
}

Store::~Store() = default;

// Removes what a killed writer left behind: the files of ids the manifest
// reserved or named as garbage, unless live. Files under other names, or
// ids the manifest does not name, are not ours to judge and stay (`touchpoint
// check` lists them). Events in the live log stay there; readers replay it.
Status Store::Recover() {
  std::set<uint64_t> live_parts, live_loads, garbage(manifest_.garbage.begin(), manifest_.garbage.end());
  for (const PartEntry& p : manifest_.parts) live_parts.insert(p.id);
  for (const LoadEntry& l : manifest_.loads) live_loads.insert(l.id);
  auto sweep = [&](std::string_view sub, std::string_view prefix, std::string_view suffix,
                   const std::function<bool(uint64_t)>& live) -> Status {
    const std::string d = JoinPath(dir_, sub);
    TP_ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(d));
    for (const std::string& name : names) {
      uint64_t id = 0;
      if (!ParseNumbered(name, prefix, suffix, &id) || live(id)) continue;
      if (garbage.count(id) > 0 || manifest_.IsReserved(id)) TP_RETURN_IF_ERROR(RemoveFile(JoinPath(d, name)));
    }
    return Status::OK();
  };
  TP_RETURN_IF_ERROR(sweep(kPartsDir, "part-", ".tpp", [&](uint64_t id) { return live_parts.count(id) > 0; }));
  TP_RETURN_IF_ERROR(sweep(kRejectedDir, "load-", ".ndjson", [&](uint64_t id) { return live_loads.count(id) > 0; }));
  // The manifest names the one live log: older ones were flushed, a newer
  // one is a background flush's that never committed (its events are still
  // in the live log).
  TP_RETURN_IF_ERROR(sweep(kLogDir, "log-", ".wal", [&](uint64_t n) { return n == manifest_.log_number; }));
  // A torn log tail is cut off by WalWriter::Open before the next append.
  TP_RETURN_IF_ERROR(RemoveFile(JoinPath(dir_, std::string(kManifestFile) + ".tmp")));
  if (manifest_.reserved.empty() && manifest_.garbage.empty()) return Status::OK();
  Manifest next = manifest_;
  next.reserved.clear();
  next.garbage.clear();
  return CommitManifest(std::move(next));
}

Result<uint64_t> Store::NewId() {
  if (reserved_next_ < reserved_end_) return reserved_next_++;
  Manifest next = manifest_;
  const uint64_t first = next.next_id;
  next.next_id += kReservedIds;
  next.reserved.emplace_back(first, first + kReservedIds);
  TP_RETURN_IF_ERROR(CommitManifest(std::move(next)));
  reserved_next_ = first + 1;
  reserved_end_ = first + kReservedIds;
  return first;
}

Status Store::CommitReplacing(Manifest next, const std::vector<uint64_t>& gone) {
  next.garbage.insert(next.garbage.end(), gone.begin(), gone.end());
  TP_RETURN_IF_ERROR(CommitManifest(std::move(next)));
  for (uint64_t id : gone) {
    TP_RETURN_IF_ERROR(RemoveFile(PartPath(id)));
    TP_RETURN_IF_ERROR(RemoveFile(LogPath(id)));
  }
  // Deleted: the next commit need not name them.
  std::set<uint64_t> done(gone.begin(), gone.end());
  std::erase_if(manifest_.garbage, [&](uint64_t id) { return done.count(id) > 0; });
  return Status::OK();
}

Status Store::RemoveIfEmpty(const std::string& dir) {
  const std::string manifest_path = JoinPath(dir, kManifestFile);
  if (!FileExists(JoinPath(dir, kFormatFile))) return Status::OK();
  if (FileExists(manifest_path)) {
    TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(manifest_path));
    TP_ASSIGN_OR_RETURN(Manifest m, Manifest::Decode(text, manifest_path));
    if (!m.parts.empty() || !m.loads.empty()) return Status::OK();
  }
  TP_ASSIGN_OR_RETURN(size_t data_files, DataFiles(dir));
  if (data_files > 0) return Status::OK();
  for (std::string_view kept : {kAliasFile, kSuppressionFile, kDerivedDir, kConfigFile}) {
    if (FileExists(JoinPath(dir, kept))) return Status::OK();
  }
  for (std::string_view sub : {kPartsDir, kLogDir, kRejectedDir}) {
    TP_RETURN_IF_ERROR(RemoveEmptyDir(JoinPath(dir, sub)));
  }
  for (std::string_view name : {kManifestFile, kLockFile, kMergingFile, kMergeLogFile, kFormatFile}) {
    TP_RETURN_IF_ERROR(RemoveFile(JoinPath(dir, name)));
  }
  auto left = ListDir(dir);
  if (left.ok() && left->empty()) return RemoveEmptyDir(dir);
  return Status::OK();
}

Status Store::CommitManifest(Manifest next) {
  next.generation = manifest_.generation + 1;
  TP_RETURN_IF_ERROR(WriteFileAtomic(JoinPath(dir_, kManifestFile), next.Encode()));
  manifest_ = std::move(next);
  return Status::OK();
}

Status Store::LogEventIdHashes(std::vector<uint64_t>* out) const {
  out->clear();
  const std::string path = LogPath(manifest_.log_number);
  if (!FileExists(path)) return Status::OK();
  EventBatch logged;
  uint64_t records = 0;
  TP_RETURN_IF_ERROR(ReadLog(path, &logged, &records));
  for (size_t i = 0; i < logged.size(); ++i) {
    if (!logged.event_id.Get(i).empty()) out->push_back(Hash64(logged.event_id.Get(i)));
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
  return Status::OK();
}

Status Store::LoadEventIds() {
  if (event_ids_loaded_) return Status::OK();
  DecodeContext ctx;
  std::vector<uint64_t> all, part_ids;
  for (const PartEntry& p : manifest_.parts) {
    TP_ASSIGN_OR_RETURN(std::unique_ptr<PartReader> reader, PartReader::Open(PartPath(p.id)));
    TP_RETURN_IF_ERROR(reader->ReadEventIdHashes(&ctx, &part_ids));
    all.insert(all.end(), part_ids.begin(), part_ids.end());
  }
  TP_RETURN_IF_ERROR(LogEventIdHashes(&part_ids));
  all.insert(all.end(), part_ids.begin(), part_ids.end());
  std::sort(all.begin(), all.end());
  event_ids_ = std::move(all);
  appended_ids_.clear();
  event_ids_loaded_ = true;
  return Status::OK();
}

void Store::FoldAppendedIds() {
  if (appended_ids_.empty()) return;
  MergeSortedIds(std::move(appended_ids_), &event_ids_);
  appended_ids_.clear();
}

Status Store::CheckNotLoaded(const std::string& source, uint64_t content_hash, uint64_t input_bytes) const {
  if (content_hash == 0) return Status::OK();
  for (const LoadEntry& l : manifest_.loads) {
    if (l.content_hash == content_hash && l.input_bytes == input_bytes) {
      return Status::AlreadyExists("'" + source + "' has the same content as '" + l.source + "', loaded as load " +
                                   std::to_string(l.id) + " (" + std::to_string(l.accepted) +
                                   " rows); nothing was loaded (pass --force to load it again)");
    }
  }
  return Status::OK();
}

Result<std::unique_ptr<LoadWriter>> Store::BeginLoad(std::string source, uint64_t content_hash, uint64_t input_bytes,
                                                     bool force) {
  if (options_.read_only) return Status::InvalidArgument("store opened read-only");
  if (!force) TP_RETURN_IF_ERROR(CheckNotLoaded(source, content_hash, input_bytes));
  LoadEntry entry;
  TP_ASSIGN_OR_RETURN(entry.id, NewId());
  entry.content_hash = content_hash;
  entry.input_bytes = input_bytes;
  entry.source = std::move(source);
  return std::unique_ptr<LoadWriter>(new LoadWriter(this, std::move(entry), force));
}

Status Store::Append(const EventBatch& batch, uint64_t* duplicates) {
  if (options_.read_only) return Status::InvalidArgument("store opened read-only");
  TP_RETURN_IF_ERROR(LoadEventIds());
  std::vector<uint64_t> new_ids;
  uint64_t dups = 0;
  std::vector<bool> keep = FilterDuplicateIds(batch, event_ids_, appended_ids_, &new_ids, &dups);
  if (duplicates != nullptr) *duplicates = dups;
  bool dropped = dups > 0;
  if (!suppression_.empty()) {
    // Erased customers stay erased: their events are dropped, not logged.
    for (size_t i = 0; i < batch.size(); ++i) {
      if (keep[i] && suppression_.Contains(batch.customer_id.Get(i))) {
        keep[i] = false;
        dropped = true;
      }
    }
  }
  EventBatch kept;
  const EventBatch* to_log = &batch;
  if (dropped) {
    kept.AppendRows(batch, &keep);
    to_log = &kept;
  }
  if (to_log->empty()) return Status::OK();
  if (!log_) {
    TP_ASSIGN_OR_RETURN(log_, WalWriter::Open(LogPath(manifest_.log_number)));
    // The log may be new: its directory entry must be durable too before
    // an append in it is acknowledged.
    TP_RETURN_IF_ERROR(SyncDir(JoinPath(dir_, kLogDir)));
  }
  const std::string record = EncodeWalPayload(WalPayloadKind::kBatch, kAppendLoadId, EncodeBatch(*to_log));
  TP_RETURN_IF_ERROR(log_->AddRecord(record));
  if (next_log_) TP_RETURN_IF_ERROR(next_log_->AddRecord(record));
  TP_RETURN_IF_ERROR(log_->Sync());
  if (next_log_) TP_RETURN_IF_ERROR(next_log_->Sync());
  ++log_records_;
  MergeSortedIds(std::move(new_ids), &appended_ids_);
  if (appended_ids_.size() > kAppendedIdsFold) FoldAppendedIds();
  return Status::OK();
}

Status Store::FlushLog() {
  const std::string path = LogPath(manifest_.log_number);
  EventBatch logged;
  uint64_t records = 0;
  if (FileExists(path)) TP_RETURN_IF_ERROR(ReadLog(path, &logged, &records));
  if (records == 0 && !FileExists(path)) return Status::OK();  // nothing logged: keep the log number
  PartEntry part;
  if (!logged.empty()) {
    TP_ASSIGN_OR_RETURN(part.id, NewId());
    TP_RETURN_IF_ERROR(PartWriter::WriteSorted(PartPath(part.id), logged, &part.info));
  }
  TP_ASSIGN_OR_RETURN(const uint64_t new_log, NewId());
  Manifest next = manifest_;
  if (!logged.empty()) next.parts.push_back(part);
  const uint64_t old_log = next.log_number;
  next.log_number = new_log;
  if (records > 0) ++next.data_version;
  log_.reset();
  log_records_ = 0;
  return CommitReplacing(std::move(next), {old_log});
}

Result<Store::LogFlush> Store::BeginLogFlush() {
  if (options_.read_only) return Status::InvalidArgument("store opened read-only");
  if (flush_pending_) return Status::InvalidArgument("a log flush is already under way");
  LogFlush flush;
  flush.log_path = LogPath(manifest_.log_number);
  if (log_) {
    flush.log_bytes = log_->file_size();
  } else if (FileExists(flush.log_path)) {
    TP_ASSIGN_OR_RETURN(flush.log_bytes, FileSize(flush.log_path));
  }
  // Both ids come from the manifest's reserved range, so the files of a
  // flush that never commits are swept at the next open (Recover removes
  // only files the store reserved or retired).
  TP_ASSIGN_OR_RETURN(flush.part.id, NewId());
  flush.part_path = PartPath(flush.part.id);
  TP_ASSIGN_OR_RETURN(flush.next_log, NewId());
  TP_ASSIGN_OR_RETURN(next_log_, WalWriter::Open(LogPath(flush.next_log)));
  TP_RETURN_IF_ERROR(SyncDir(JoinPath(dir_, kLogDir)));
  next_log_number_ = flush.next_log;
  flush_pending_ = true;
  return flush;
}

Status Store::WriteLogPart(LogFlush* flush) {
  if (flush->log_bytes == 0) return Status::OK();
  TP_ASSIGN_OR_RETURN(std::string contents, ReadFileToString(flush->log_path));
  if (contents.size() < flush->log_bytes) return Status::Corruption(flush->log_path + ": shorter than its flush mark");
  contents.resize(flush->log_bytes);  // records appended after the mark go to the next log
  std::unique_ptr<WalReader> reader = WalReader::FromContents(std::move(contents), flush->log_path);
  EventBatch logged;
  uint64_t records = 0;
  TP_RETURN_IF_ERROR(ReadBatches(reader.get(), &logged, &records));
  if (logged.empty()) return Status::OK();
  TP_RETURN_IF_ERROR(PartWriter::WriteSorted(flush->part_path, logged, &flush->part.info));
  flush->has_events = true;
  return Status::OK();
}

Status Store::FinishLogFlush(const LogFlush& flush) {
  if (!flush_pending_ || flush.next_log != next_log_number_) {
    return Status::InvalidArgument("no such log flush is under way");
  }
  Manifest next = manifest_;
  if (flush.has_events) {
    next.parts.push_back(flush.part);
    ++next.data_version;
  }
  const uint64_t old_log = next.log_number;
  next.log_number = flush.next_log;
  // The old log is retired by the same commit (every record after the
  // flush mark is in the next log too), and deleted after it.
  log_.reset();
  TP_RETURN_IF_ERROR(CommitReplacing(std::move(next), {old_log}));
  log_ = std::move(next_log_);
  log_records_ = 0;  // a count since the open, as after FlushLog
  flush_pending_ = false;
  return Status::OK();
}

void Store::AbandonLogFlush() {
  if (next_log_) {
    next_log_.reset();
    (void)RemoveFile(LogPath(next_log_number_));
  }
  flush_pending_ = false;
}

Status Store::MergeParts(const std::vector<PartEntry>& inputs, std::vector<PartEntry>* outputs, const RowFilter& skip,
                         uint64_t* rows_skipped) {
  std::vector<std::unique_ptr<PartReader>> readers;
  std::vector<const PartReader*> views;
  uint64_t rows_in = 0;
  for (const PartEntry& p : inputs) {
    TP_ASSIGN_OR_RETURN(std::unique_ptr<PartReader> reader, PartReader::Open(PartPath(p.id)));
    rows_in += reader->rows();
    views.push_back(reader.get());
    readers.push_back(std::move(reader));
  }
  const size_t threads = DefaultThreadCount();
  std::vector<PartEntry> made(MergeOutputCount(rows_in, threads, kCompactPartRows));
  std::vector<std::string> paths;
  for (PartEntry& p : made) {
    TP_ASSIGN_OR_RETURN(p.id, NewId());
    paths.push_back(PartPath(p.id));
  }
  std::vector<PartInfo> infos;
  TP_RETURN_IF_ERROR(MergePartFiles(views, paths, skip, threads, &infos));
  uint64_t rows_out = 0;
  for (size_t i = 0; i < made.size(); ++i) {
    if (infos[i].rows == 0) continue;  // that range held nobody; no file was written
    made[i].info = infos[i];
    rows_out += infos[i].rows;
    outputs->push_back(made[i]);
  }
  *rows_skipped += rows_in - rows_out;
  return Status::OK();
}

Status Store::RewriteParts(const std::vector<PartEntry>& affected, const RowFilter& skip, Manifest* next,
                           uint64_t* rows_skipped, std::vector<uint64_t>* gone) {
  // Each rewritten part takes its old place, so arrival order (ties) holds.
  std::map<uint64_t, std::vector<PartEntry>> rewritten;
  for (const PartEntry& p : affected) {
    TP_RETURN_IF_ERROR(MergeParts({p}, &rewritten[p.id], skip, rows_skipped));
    gone->push_back(p.id);
  }
  *next = manifest_;  // MergeParts reserved ids
  std::vector<PartEntry> parts;
  for (const PartEntry& p : next->parts) {
    auto it = rewritten.find(p.id);
    if (it == rewritten.end()) {
      parts.push_back(p);
    } else {
      parts.insert(parts.end(), it->second.begin(), it->second.end());
    }
  }
  next->parts = std::move(parts);
  return Status::OK();
}

Status Store::Compact(CompactStats* stats) {
  TP_RETURN_IF_ERROR(FlushLog());
  stats->parts_before = manifest_.parts.size();
  if (manifest_.parts.size() <= 1) {
    stats->parts_after = manifest_.parts.size();
    for (const PartEntry& p : manifest_.parts) stats->rows += p.info.rows;
    return Status::OK();
  }
  std::vector<PartEntry> outputs;
  uint64_t skipped = 0;
  TP_RETURN_IF_ERROR(MergeParts(manifest_.parts, &outputs, RowFilter{}, &skipped));
  Manifest next = manifest_;
  std::vector<uint64_t> gone;
  for (const PartEntry& p : next.parts) gone.push_back(p.id);
  next.parts = outputs;
  TP_RETURN_IF_ERROR(CommitReplacing(std::move(next), gone));
  stats->parts_after = manifest_.parts.size();
  for (const PartEntry& p : manifest_.parts) stats->rows += p.info.rows;
  return Status::OK();
}

Status Store::MaybeMerge() {
  const size_t n = manifest_.parts.size();
  if (n <= kMaxPartsBeforeMerge) return Status::OK();
  // Merge about half the parts, those of the consecutive run (in manifest
  // order) with the fewest rows: cheap, keeps the part count bounded, and
  // keeps equal-timestamp events in arrival order, which the scan takes
  // from the manifest's part order (part_merge.h).
  const size_t width = n / 2 + 1;
  size_t best = 0;
  uint64_t best_rows = UINT64_MAX, rows = 0;
  for (size_t i = 0; i < n; ++i) {
    rows += manifest_.parts[i].info.rows;
    if (i >= width) rows -= manifest_.parts[i - width].info.rows;
    if (i + 1 >= width && rows < best_rows) {
      best_rows = rows;
      best = i + 1 - width;
    }
  }
  return MergeInPlace(best, width);
}

Status Store::MergeInPlace(size_t first, size_t count) {
  const auto begin = manifest_.parts.begin() + static_cast<long>(first);
  const std::vector<PartEntry> inputs(begin, begin + static_cast<long>(count));
  std::vector<PartEntry> outputs;
  uint64_t skipped = 0;
  TP_RETURN_IF_ERROR(MergeParts(inputs, &outputs, RowFilter{}, &skipped));
  Manifest next = manifest_;
  // Found again: MergeParts' id reservations may have committed meanwhile.
  const auto at = std::find_if(next.parts.begin(), next.parts.end(),
                               [&](const PartEntry& p) { return p.id == inputs[0].id; });
  const auto after = next.parts.erase(at, at + static_cast<long>(count));
  next.parts.insert(after, outputs.begin(), outputs.end());
  std::vector<uint64_t> gone;
  for (const PartEntry& p : inputs) gone.push_back(p.id);
  return CommitReplacing(std::move(next), gone);
}

Status Store::NoteBackgroundMerge() {
  return WriteFileAtomic(JoinPath(dir_, kMergingFile), "a background merge holds the write lock\n");
}

Status Store::ClearBackgroundMerge() { return RemoveFile(JoinPath(dir_, kMergingFile)); }

Status Store::MergeRun(const std::vector<uint64_t>& ids, CompactStats* stats) {
  stats->parts_before = stats->parts_after = manifest_.parts.size();
  stats->rows = 0;
  for (const PartEntry& p : manifest_.parts) stats->rows += p.info.rows;  // a merge keeps every row
  if (ids.size() < 2) return Status::OK();
  const auto& parts = manifest_.parts;
  const auto at = std::find_if(parts.begin(), parts.end(), [&](const PartEntry& p) { return p.id == ids[0]; });
  const auto first = static_cast<size_t>(at - parts.begin());
  if (at == parts.end() || first + ids.size() > parts.size()) return Status::OK();
  for (size_t i = 0; i < ids.size(); ++i) {
    if (parts[first + i].id != ids[i]) return Status::OK();
  }
  TP_RETURN_IF_ERROR(MergeInPlace(first, ids.size()));
  stats->parts_after = manifest_.parts.size();
  return Status::OK();
}

Status Store::DeleteCustomer(std::string_view customer_id, bool suppress, DeleteStats* stats) {
  if (customer_id.empty()) return Status::InvalidArgument("--customer: an empty customer id");
  // Suppressed first: a crash after this leaves the id suppressed and its
  // old events still stored, and running delete again finishes the job.
  if (suppress) {
    TP_RETURN_IF_ERROR(suppression_.Add(dir_, customer_id).status());
    stats->suppressed = true;
  } else {
    stats->suppressed = suppression_.Contains(customer_id);
  }
  TP_RETURN_IF_ERROR(FlushLog());
  const uint64_t hash = Hash64(customer_id);
  std::vector<PartEntry> affected;
  for (const PartEntry& p : manifest_.parts) {
    TP_ASSIGN_OR_RETURN(std::unique_ptr<PartReader> reader, PartReader::Open(PartPath(p.id)));
    DecodeContext ctx;
    bool found = false;
    for (size_t b = 0; b < reader->blocks().size() && !found; ++b) {
      const BlockInfo& info = reader->blocks()[b];
      if (hash < info.first_hash || hash > info.last_hash) continue;
      CustomerRuns runs;
      TP_RETURN_IF_ERROR(reader->DecodeCustomers(b, &ctx, &runs));
      for (size_t c = 0; c < runs.id.size() && !found; ++c) found = runs.id[c] == customer_id;
    }
    if (found) affected.push_back(p);
  }
  // Rejected rows keep raw input text: drop those whose parsed customer
  // field is the id (exactly: "C1" is not "C10"), and lower their loads'
  // rejected counts.
  const std::string rejected_dir = JoinPath(dir_, kRejectedDir);
  TP_ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(rejected_dir));
  std::map<uint64_t, uint64_t> rejected_removed;  // load id -> rows
  std::vector<std::pair<std::string, std::string>> rewritten_files;
  for (const std::string& name : names) {
    uint64_t load_id = 0;
    if (!ParseNumbered(name, "load-", ".ndjson", &load_id)) continue;
    const std::string path = JoinPath(rejected_dir, name);
    TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
    if (text.find(customer_id) == std::string::npos) continue;
    std::string kept;
    size_t start = 0, removed = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + start, end - start);
      // Lines written before rejected rows named their customer have no
      // such field: for them any mention of the id goes (erasure errs on
      // the side of forgetting).
      const std::optional<std::string> field = JsonStringField(line, "customer_id");
      const bool match = field.has_value() ? *field == customer_id
                                           : line.find(customer_id) != std::string_view::npos;
      if (match) {
        ++removed;
      } else {
        kept.append(line);
        kept += '\n';
      }
      start = end + 1;
    }
    if (removed == 0) continue;
    rejected_removed[load_id] += removed;
    stats->rejected_rows_deleted += removed;
    rewritten_files.emplace_back(path, std::move(kept));
  }
  Manifest next = manifest_;
  std::vector<uint64_t> gone;
  if (!affected.empty()) {
    RowFilter skip;
    skip.skip_customer = customer_id;
    TP_RETURN_IF_ERROR(RewriteParts(affected, skip, &next, &stats->events_deleted, &gone));
    ++next.data_version;
    stats->parts_rewritten = affected.size();
  }
  for (LoadEntry& l : next.loads) {
    auto it = rejected_removed.find(l.id);
    if (it != rejected_removed.end()) l.rejected -= std::min(l.rejected, it->second);
  }
  // The rejected-row files are replaced before the manifest that counts
  // them: a crash in between leaves a count too high, never a row kept.
  for (const auto& [path, kept] : rewritten_files) TP_RETURN_IF_ERROR(WriteFileAtomic(path, kept));
  if (!affected.empty() || !rejected_removed.empty()) TP_RETURN_IF_ERROR(CommitReplacing(std::move(next), gone));
  event_ids_loaded_ = false;  // the erased events' ids went with their parts
  AliasTable aliases(dir_);
  TP_ASSIGN_OR_RETURN(stats->aliases_deleted, aliases.RemoveCustomer(customer_id));
  TP_ASSIGN_OR_RETURN(stats->derived_values_deleted, DerivedTable::RemoveCustomer(dir_, customer_id));
  return Status::OK();
}

Status Store::Unload(uint64_t load_id, UnloadStats* stats) {
  const auto load = std::find_if(manifest_.loads.begin(), manifest_.loads.end(),
                                 [&](const LoadEntry& l) { return l.id == load_id; });
  if (load == manifest_.loads.end()) {
    return Status::NotFound("there is no load " + std::to_string(load_id) + " (`touchpoint loads` lists them)");
  }
  const std::string wanted = std::to_string(load_id);
  std::vector<PartEntry> affected;
  for (const PartEntry& p : manifest_.parts) {
    TP_ASSIGN_OR_RETURN(std::unique_ptr<PartReader> reader, PartReader::Open(PartPath(p.id)));
    if (reader->load_column() < 0) {
      ++stats->parts_without_loads;
      continue;
    }
    const auto& dict = reader->columns()[static_cast<size_t>(reader->load_column())].dictionary;
    if (std::find(dict.begin(), dict.end(), wanted) != dict.end()) affected.push_back(p);
  }
  if (affected.empty() && stats->parts_without_loads > 0 && load->accepted > 0) {
    return Status::NotSupported("load " + wanted + "'s rows are in parts written before part format 4, which do "
                                "not record each row's load; they cannot be told from other loads' rows");
  }
  Manifest next = manifest_;
  std::vector<uint64_t> gone;
  if (!affected.empty()) {
    RowFilter skip;
    skip.skip_load = load_id;
    TP_RETURN_IF_ERROR(RewriteParts(affected, skip, &next, &stats->events_removed, &gone));
    ++next.data_version;
    stats->parts_rewritten = affected.size();
  }
  std::erase_if(next.loads, [&](const LoadEntry& l) { return l.id == load_id; });
  TP_RETURN_IF_ERROR(CommitReplacing(std::move(next), gone));
  event_ids_loaded_ = false;
  return RemoveFile(RejectedPath(load_id));
}

Status Store::RebuildPart(uint64_t part_id) {
  const auto it = std::find_if(manifest_.parts.begin(), manifest_.parts.end(),
                               [&](const PartEntry& p) { return p.id == part_id; });
  if (it == manifest_.parts.end()) return Status::NotFound("part " + std::to_string(part_id) + " is not live");
  Manifest next;
  std::vector<uint64_t> gone;
  uint64_t skipped = 0;
  // A rewrite reads only the blocks' columns; the event-id set is made anew.
  TP_RETURN_IF_ERROR(RewriteParts({*it}, RowFilter{}, &next, &skipped, &gone));
  if (skipped != 0) return Status::Corruption("rebuilding part " + std::to_string(part_id) + " lost rows");
  TP_RETURN_IF_ERROR(CommitReplacing(std::move(next), gone));
  event_ids_loaded_ = false;
  return Status::OK();
}

Status Store::TruncateLiveLog(uint64_t offset) {
  log_.reset();
  event_ids_loaded_ = false;
  return TruncateFile(LogPath(manifest_.log_number), offset);
}

Result<std::shared_ptr<const Snapshot>> Store::GetSnapshot() const {
  Status last;
  for (int attempt = 0; attempt < kSnapshotRetries; ++attempt) {
    // Readers re-read the manifest: a writer in another process may have moved on.
    Manifest m = manifest_;
    const std::string manifest_path = JoinPath(dir_, kManifestFile);
    if (FileExists(manifest_path)) {
      TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(manifest_path));
      TP_ASSIGN_OR_RETURN(m, Manifest::Decode(text, manifest_path));
    }
    auto snap = std::make_shared<Snapshot>();
    snap->dir = dir_;
    snap->data_stamp = "v" + std::to_string(m.data_version);
    Status s;
    for (const PartEntry& p : m.parts) {
      auto reader = PartReader::Open(PartPath(p.id));
      if (!reader.ok()) {
        s = reader.status();
        break;
      }
      snap->parts.push_back(std::shared_ptr<const PartReader>(std::move(reader).value()));
    }
    if (s.ok() && FileExists(LogPath(m.log_number))) {
      EventBatch logged;
      uint64_t records = 0;
      s = ReadLog(LogPath(m.log_number), &logged, &records);
      if (s.ok() && !logged.empty()) {
        snap->data_stamp += ".log" + std::to_string(m.log_number) + "." + std::to_string(records);
        auto part = PartWriter::WriteToMemory(logged, LogPath(m.log_number));
        if (part.ok()) {
          snap->parts.push_back(std::move(part).value());
        } else {
          s = part.status();
        }
      }
    }
    if (s.code() == Status::Code::kIOError || s.code() == Status::Code::kNotFound) {
      last = s;  // a file vanished under us: take a fresh manifest
      continue;
    }
    TP_RETURN_IF_ERROR(s);
    TP_ASSIGN_OR_RETURN(snap->aliases, AliasTable(dir_).Load());
    return std::shared_ptr<const Snapshot>(std::move(snap));
  }
  return last;
}

}  // namespace touchpoint::store
