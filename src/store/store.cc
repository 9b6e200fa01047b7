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

// Reads the committed batches of one log file. A torn tail (crash mid-write)
// ends the log cleanly; it was never acknowledged.
Status ReadLog(const std::string& path, EventBatch* out, uint64_t* records) {
  TP_ASSIGN_OR_RETURN(std::unique_ptr<WalReader> reader, WalReader::Open(path));
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

}  // namespace

std::string Store::PartPath(uint64_t id) const { return JoinPath(JoinPath(dir_, kPartsDir), NumberedName("part-", id, ".tpp")); }
std::string Store::LogPath(uint64_t number) const { return JoinPath(JoinPath(dir_, kLogDir), NumberedName("log-", number, ".wal")); }
std::string Store::RejectedPath(uint64_t load_id) const {
  return JoinPath(JoinPath(dir_, kRejectedDir), NumberedName("load-", load_id, ".ndjson"));
}

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
    TP_RETURN_IF_ERROR(CreateDirIfMissing(dir));
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
      s->lock_.emplace(FileLock::Adopt(options.inherited_lock_fd));
    } else {
      auto lock = FileLock::Acquire(lock_path);
      // A background merge holds it: it ends on its own, so wait for it.
      if (!lock.ok() && lock.status().code() == Status::Code::kBusy && FileExists(merging_path)) {
        lock = FileLock::Acquire(lock_path, /*wait=*/true);
      }
      if (!lock.ok()) return lock.status();
      s->lock_.emplace(std::move(lock).value());
      // Holding the lock, no merge runs: a marker left by one that was killed goes.
      TP_RETURN_IF_ERROR(RemoveFile(merging_path));
    }
    for (std::string_view sub : {kPartsDir, kLogDir, kRejectedDir}) {
      TP_RETURN_IF_ERROR(CreateDirIfMissing(JoinPath(dir, sub)));
    }
    if (!FileExists(format_path)) {
      TP_RETURN_IF_ERROR(WriteFileAtomic(format_path, std::string(kStoreFormatLine) + "\n"));
    }
  }
  const std::string manifest_path = JoinPath(dir, kManifestFile);
  if (FileExists(manifest_path)) {
    TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(manifest_path));
    TP_ASSIGN_OR_RETURN(s->manifest_, Manifest::Decode(text, manifest_path));
  } else if (!options.read_only) {
    s->manifest_.log_number = s->manifest_.next_id++;
    TP_RETURN_IF_ERROR(s->CommitManifest(s->manifest_));
  }
  if (!options.read_only) TP_RETURN_IF_ERROR(s->Recover());
  return s;
}

Store::~Store() = default;

// Removes what a killed writer left behind: parts, logs and rejected-row
// files that no manifest names. Events in the live log stay there; readers
// replay it.
Status Store::Recover() {
  std::set<uint64_t> live_parts, live_loads;
  for (const PartEntry& p : manifest_.parts) live_parts.insert(p.id);
  for (const LoadEntry& l : manifest_.loads) live_loads.insert(l.id);
  auto sweep = [&](std::string_view sub, std::string_view prefix, std::string_view suffix,
                   const std::function<bool(uint64_t)>& live) -> Status {
    const std::string d = JoinPath(dir_, sub);
    TP_ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(d));
    for (const std::string& name : names) {
      uint64_t id = 0;
      bool numbered = ParseNumbered(name, prefix, suffix, &id);
      if (!numbered || !live(id)) TP_RETURN_IF_ERROR(RemoveFile(JoinPath(d, name)));
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
  return RemoveFile(JoinPath(dir_, std::string(kManifestFile) + ".tmp"));
}

Status Store::CommitManifest(Manifest next) {
  next.generation = manifest_.generation + 1;
  TP_RETURN_IF_ERROR(WriteFileAtomic(JoinPath(dir_, kManifestFile), next.Encode()));
  manifest_ = std::move(next);
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
  EventBatch logged;
  uint64_t records = 0;
  if (FileExists(LogPath(manifest_.log_number))) {
    TP_RETURN_IF_ERROR(ReadLog(LogPath(manifest_.log_number), &logged, &records));
  }
  for (size_t i = 0; i < logged.size(); ++i) {
    if (!logged.event_id.Get(i).empty()) all.push_back(Hash64(logged.event_id.Get(i)));
  }
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

Result<std::unique_ptr<LoadWriter>> Store::BeginLoad(std::string source, uint64_t content_hash, uint64_t input_bytes,
                                                     bool force) {
  if (options_.read_only) return Status::InvalidArgument("store opened read-only");
  if (content_hash != 0 && !force) {
    for (const LoadEntry& l : manifest_.loads) {
      if (l.content_hash == content_hash && l.input_bytes == input_bytes) {
        return Status::AlreadyExists("'" + source + "' has the same content as '" + l.source + "', loaded as load " +
                                     std::to_string(l.id) + " (" + std::to_string(l.accepted) +
                                     " rows); pass --force to load it again");
      }
    }
  }
  TP_RETURN_IF_ERROR(LoadEventIds());
  FoldAppendedIds();  // a load checks its ids against event_ids_ alone
  LoadEntry entry;
  entry.id = manifest_.next_id++;  // reserved in memory; made durable by the commit
  entry.content_hash = content_hash;
  entry.input_bytes = input_bytes;
  entry.source = std::move(source);
  return std::unique_ptr<LoadWriter>(new LoadWriter(this, std::move(entry)));
}

Status Store::Append(const EventBatch& batch, uint64_t* duplicates) {
  if (options_.read_only) return Status::InvalidArgument("store opened read-only");
  TP_RETURN_IF_ERROR(LoadEventIds());
  std::vector<uint64_t> new_ids;
  uint64_t dups = 0;
  std::vector<bool> keep = FilterDuplicateIds(batch, event_ids_, appended_ids_, &new_ids, &dups);
  if (duplicates != nullptr) *duplicates = dups;
  EventBatch kept;
  const EventBatch* to_log = &batch;
  if (dups > 0) {
    for (size_t i = 0; i < batch.size(); ++i) {
      if (keep[i]) kept.AppendFrom(batch, i);
    }
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
  Manifest next = manifest_;
  if (!logged.empty()) {
    PartEntry part;
    part.id = next.next_id++;
    TP_RETURN_IF_ERROR(PartWriter::WriteSorted(PartPath(part.id), logged, &part.info));
    next.parts.push_back(part);
  }
  next.log_number = next.next_id++;
  if (records > 0) ++next.data_version;
  log_.reset();
  log_records_ = 0;
  TP_RETURN_IF_ERROR(CommitManifest(std::move(next)));
  return RemoveFile(path);
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
  // Both ids are reserved in memory and made durable by the commit; an
  // unfinished flush's files are swept at the next open.
  flush.part.id = manifest_.next_id++;
  flush.part_path = PartPath(flush.part.id);
  flush.next_log = manifest_.next_id++;
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
  EventBatch logged, batch;
  std::string record;
  while (reader->ReadRecord(&record)) {
    WalPayload payload;
    TP_RETURN_IF_ERROR(DecodeWalPayload(record, &payload));
    batch.Clear();
    TP_RETURN_IF_ERROR(DecodeBatch(payload.body, &batch));
    logged.AppendRows(batch);
  }
  TP_RETURN_IF_ERROR(reader->status());
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
  next.log_number = flush.next_log;
  TP_RETURN_IF_ERROR(CommitManifest(std::move(next)));
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

Status Store::MergeParts(const std::vector<PartEntry>& inputs, std::vector<PartEntry>* outputs,
                         std::string_view skip_customer, uint64_t* rows_skipped) {
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
    p.id = manifest_.next_id++;
    paths.push_back(PartPath(p.id));
  }
  std::vector<PartInfo> infos;
  TP_RETURN_IF_ERROR(MergePartFiles(views, paths, skip_customer, threads, &infos));
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

Status Store::Compact(CompactStats* stats) {
  TP_RETURN_IF_ERROR(FlushLog());
  stats->parts_before = manifest_.parts.size();
  if (manifest_.parts.size() <= 1) {
    stats->parts_after = manifest_.parts.size();
    return Status::OK();
  }
  std::vector<PartEntry> outputs;
  uint64_t skipped = 0;
  TP_RETURN_IF_ERROR(MergeParts(manifest_.parts, &outputs, std::string_view(), &skipped));
  Manifest next = manifest_;
  std::vector<PartEntry> old = next.parts;
  next.parts = outputs;
  TP_RETURN_IF_ERROR(CommitManifest(std::move(next)));
  for (const PartEntry& p : old) TP_RETURN_IF_ERROR(RemoveFile(PartPath(p.id)));
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
  TP_RETURN_IF_ERROR(MergeParts(inputs, &outputs, std::string_view(), &skipped));
  Manifest next = manifest_;
  const auto at = next.parts.erase(next.parts.begin() + static_cast<long>(first),
                                   next.parts.begin() + static_cast<long>(first + count));
  next.parts.insert(at, outputs.begin(), outputs.end());
  TP_RETURN_IF_ERROR(CommitManifest(std::move(next)));
  for (const PartEntry& p : inputs) TP_RETURN_IF_ERROR(RemoveFile(PartPath(p.id)));
  return Status::OK();
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

Status Store::DeleteCustomer(std::string_view customer_id, DeleteStats* stats) {
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
  Manifest next = manifest_;
  if (!affected.empty()) {
    // Each rewritten part takes its old place, so arrival order (ties) holds.
    std::map<uint64_t, std::vector<PartEntry>> rewritten;
    for (const PartEntry& p : affected) {
      uint64_t skipped = 0;
      TP_RETURN_IF_ERROR(MergeParts({p}, &rewritten[p.id], customer_id, &skipped));
      stats->events_deleted += skipped;
    }
    next = manifest_;  // MergeParts advanced next_id
    std::set<uint64_t> gone;
    for (const PartEntry& p : affected) gone.insert(p.id);
    std::vector<PartEntry> parts;
    for (const PartEntry& p : next.parts) {
      if (gone.count(p.id) == 0) {
        parts.push_back(p);
      } else {
        parts.insert(parts.end(), rewritten[p.id].begin(), rewritten[p.id].end());
      }
    }
    next.parts = std::move(parts);
    ++next.data_version;
    stats->parts_rewritten = affected.size();
    TP_RETURN_IF_ERROR(CommitManifest(std::move(next)));
    for (uint64_t id : gone) TP_RETURN_IF_ERROR(RemoveFile(PartPath(id)));
  }
  // The event-id set still holds the deleted ids: a replay of them stays out,
  // which is what erasure wants.
  AliasTable aliases(dir_);
  TP_ASSIGN_OR_RETURN(stats->aliases_deleted, aliases.RemoveCustomer(customer_id));
  TP_ASSIGN_OR_RETURN(stats->derived_values_deleted, DerivedTable::RemoveCustomer(dir_, customer_id));
  // Rejected rows keep raw input text: drop any line that mentions the id.
  const std::string rejected_dir = JoinPath(dir_, kRejectedDir);
  TP_ASSIGN_OR_RETURN(std::vector<std::string> names, ListDir(rejected_dir));
  for (const std::string& name : names) {
    const std::string path = JoinPath(rejected_dir, name);
    TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
    if (text.find(customer_id) == std::string::npos) continue;
    std::string kept;
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string_view line(text.data() + start, end - start);
      if (line.find(customer_id) == std::string_view::npos) {
        kept.append(line);
        kept += '\n';
      } else {
        ++stats->rejected_rows_deleted;
      }
      start = end + 1;
    }
    TP_RETURN_IF_ERROR(WriteFileAtomic(path, kept));
  }
  return Status::OK();
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
