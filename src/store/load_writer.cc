#include "store/load_writer.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <iterator>
#include <mutex>

#include "store/event_id_filter.h"
#include "store/part_merge.h"
#include "store/part_order.h"
#include "store/store.h"
#include "util/hash.h"

namespace touchpoint::store {

// Memory of a part beyond its rows' batches: the slack of the parser's
// growing buffers, each batch's sorted copy while it is made, the runs'
// customer hashes, the merge order and the event-id sets (measured on
// generated data: a peak of 1.32 x the batch bytes at 130).
constexpr uint64_t kPartOverheadPercent = 150;
// Fewer bytes than any row takes in a batch (offsets alone are 100), to
// size a part's event-id set once.
constexpr uint64_t kMinBytesPerRow = 128;

// One part: its thread takes batches as they arrive and sorts each into
// part order, then, once the part is closed, merges and writes them.
struct LoadWriter::PartJob {
  std::string path;
  uint64_t load_id = 0;
  const SuppressionList* suppression = nullptr;  // the store's; read-only meanwhile
  PartInfo info;
  uint64_t duplicates = 0, erased = 0;

  // Called by the LoadWriter.
  void Push(EventBatch&& batch) {
    std::lock_guard lock(mu_);
    incoming_.push_back(std::move(batch));
    cv_.notify_one();
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    cv_.notify_one();
  }
  // Called by the job's thread, until it returns.
  Status Run() {
    EventBatch batch;
    while (Pop(&batch)) {
      SortRun(batch);
      batch = EventBatch();
    }
    if (runs_.empty()) return Status::OK();  // every row dropped: no file
    std::vector<const EventBatch*> views;
    std::vector<const std::vector<uint64_t>*> hashes;
    for (size_t i = 0; i < runs_.size(); ++i) {
      views.push_back(&runs_[i]);
      hashes.push_back(&run_hashes_[i]);
    }
    const std::vector<RowRef> order = MergeSortedRuns(views, &hashes);
    run_hashes_.clear();
    TP_ASSIGN_OR_RETURN(std::unique_ptr<PartWriter> writer, PartWriter::Create(path));
    writer->set_default_load(load_id);
    TP_RETURN_IF_ERROR(writer->AddRows(views, order));
    Status s = writer->Finish(&info);
    runs_.clear();  // the rows go as soon as they are written
    return s;
  }

 private:
  bool Pop(EventBatch* out) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return !incoming_.empty() || closed_; });
    if (incoming_.empty()) return false;
    *out = std::move(incoming_.front());
    incoming_.pop_front();
    return true;
  }

  // Drops erased customers' rows and repeats of an event id earlier in the
  // part (the earliest arrival stays), and keeps the rest sorted.
  void SortRun(const EventBatch& batch) {
    std::vector<RowRef> kept;
    kept.reserve(batch.size());
    // Erased customers' rows go first; then the kept rows' event-id hashes
    // go into the part's set in one pass.
    std::vector<bool> erased_row;
    if (!suppression->empty()) {
      erased_row.assign(batch.size(), false);
      for (uint32_t i = 0; i < batch.size(); ++i) erased_row[i] = suppression->Contains(batch.customer_id.Get(i));
    }
    std::vector<uint32_t> with_id;
    std::vector<uint64_t> id_hashes;
    for (uint32_t i = 0; i < batch.size(); ++i) {
      const std::string_view id = batch.event_id.Get(i);
      if (id.empty() || (!erased_row.empty() && erased_row[i])) continue;
      with_id.push_back(i);
      id_hashes.push_back(Hash64(id));
    }
    std::vector<bool> fresh;
    ids_.InsertMany(id_hashes.data(), id_hashes.size(), &fresh);
    size_t next_id = 0;
    for (uint32_t i = 0; i < batch.size(); ++i) {
      if (!erased_row.empty() && erased_row[i]) {
        ++erased;
        continue;
      }
      const bool has_id = next_id < with_id.size() && with_id[next_id] == i;
      const bool repeat = has_id && !fresh[next_id];
      next_id += has_id;
      if (repeat) {
        ++duplicates;
        continue;
      }
      kept.push_back(RowRef{0, i});
    }
    if (kept.empty()) return;
    std::vector<uint64_t> hashes;
    const std::vector<RowRef> order = SortIntoPartOrder({&batch}, kept, &hashes);
    std::vector<uint32_t> rows(order.size());
    for (size_t k = 0; k < order.size(); ++k) rows[k] = order[k].row;
    runs_.push_back(batch.Permuted(rows));
    run_hashes_.push_back(std::move(hashes));
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<EventBatch> incoming_;
  bool closed_ = false;

 public:
  HashSet64 ids_;  // sized by the LoadWriter for a part's rows

 private:
  std::deque<EventBatch> runs_;  // sorted, arrival order; a deque keeps them in place
  std::deque<std::vector<uint64_t>> run_hashes_;
};

LoadWriter::LoadWriter(Store* store, LoadEntry entry, bool force)
    : store_(store), entry_(std::move(entry)), force_(force) {
  set_memory_budget(kDefaultLoadMemory);
}

LoadWriter::~LoadWriter() {
  (void)CutPart();
  (void)WaitForPendingParts(0);
  if (committed_) return;
  // Not committed: nothing of this load may survive.
  for (const PartEntry& p : parts_) (void)RemoveFile(store_->PartPath(p.id));
  rejected_.reset();
  (void)RemoveFile(store_->RejectedPath(entry_.id));
}

void LoadWriter::set_memory_budget(uint64_t bytes) {
  // The buffer that fills and each part being written hold one part's rows.
  const uint64_t parts_held = kPartWritesInFlight + 1;
  part_bytes_ = std::max(kMinLoadMemory, bytes) * 100 / kPartOverheadPercent / parts_held;
}

Status LoadWriter::Add(const EventBatch& batch) {
  EventBatch copy;
  copy.AppendRows(batch);
  return Add(std::move(copy));
}

Status LoadWriter::Add(EventBatch&& batch) {
  if (batch.empty()) return Status::OK();
  if (!filling_) {
    PartEntry part;
    TP_ASSIGN_OR_RETURN(part.id, store_->NewId());
    parts_.push_back(part);  // registered first, so a failed write is cleaned up
    filling_ = std::make_shared<PartJob>();
    filling_->path = store_->PartPath(part.id);
    filling_->load_id = entry_.id;
    filling_->suppression = &store_->suppression_;
    filling_->ids_ = HashSet64(part_bytes_ / kMinBytesPerRow);
    filling_done_ = std::async(std::launch::async, [job = filling_] { return job->Run(); });
  }
  buffered_bytes_ += batch.ApproximateBytes();
  filling_->Push(std::move(batch));
  if (buffered_bytes_ >= part_bytes_) return CutPart();
  return Status::OK();
}

Status LoadWriter::WaitForPendingParts(size_t max_in_flight) {
  Status first_error;
  while (pending_.size() > max_in_flight || (!first_error.ok() && !pending_.empty())) {
    PendingPart p = std::move(pending_.front());
    pending_.pop_front();
    Status s = p.done.get();
    if (s.ok()) {
      parts_[p.index].info = p.job->info;
      accepted_ += p.job->info.rows;
      duplicates_ += p.job->duplicates;
      erased_ += p.job->erased;
    } else if (first_error.ok()) {
      first_error = s;
    }
  }
  return first_error;
}

Status LoadWriter::CutPart() {
  if (!filling_) return Status::OK();
  filling_->Close();
  pending_.push_back(PendingPart{parts_.size() - 1, std::move(filling_), std::move(filling_done_)});
  filling_.reset();
  buffered_bytes_ = 0;
  // At most kPartWritesInFlight parts are written while the next one fills.
  return WaitForPendingParts(kPartWritesInFlight);
}

Status LoadWriter::AddRejected(std::string_view customer_id, std::string_view json_line) {
  if (!customer_id.empty() && store_->suppression_.Contains(customer_id)) {
    ++erased_;
    return Status::OK();
  }
  if (!rejected_) {
    TP_ASSIGN_OR_RETURN(AppendFile f, AppendFile::Open(store_->RejectedPath(entry_.id)));
    rejected_.emplace(std::move(f));
  }
  ++rejected_count_;
  TP_RETURN_IF_ERROR(rejected_->Append(json_line));
  return rejected_->Append("\n");
}

void LoadWriter::SetContent(uint64_t content_hash, uint64_t input_bytes) {
  entry_.content_hash = content_hash;
  entry_.input_bytes = input_bytes;
}

Status LoadWriter::DropRepeatsAcrossParts() {
  uint64_t load_ids = 0, stored_ids = 0;
  std::vector<std::unique_ptr<PartReader>> readers;
  std::vector<const PartReader*> views;
  for (const PartEntry& p : store_->manifest_.parts) {
    TP_ASSIGN_OR_RETURN(std::unique_ptr<PartReader> r, PartReader::Open(store_->PartPath(p.id)));
    stored_ids += r->event_id_count();
    views.push_back(r.get());
    readers.push_back(std::move(r));
  }
  const size_t first_new = views.size();
  std::vector<size_t> written;  // index into parts_ of each load part read
  for (size_t i = 0; i < parts_.size(); ++i) {
    if (parts_[i].info.rows == 0) continue;
    TP_ASSIGN_OR_RETURN(std::unique_ptr<PartReader> r, PartReader::Open(store_->PartPath(parts_[i].id)));
    load_ids += r->event_id_count();
    views.push_back(r.get());
    readers.push_back(std::move(r));
    written.push_back(i);
  }
  // Appends not yet flushed into a part are in the live log only.
  std::vector<uint64_t> logged;
  if (load_ids > 0) TP_RETURN_IF_ERROR(store_->LogEventIdHashes(&logged));
  // Nothing to compare: no ids, or one part against an empty store.
  if (load_ids == 0 || (stored_ids == 0 && written.size() < 2 && logged.empty())) return Status::OK();
  auto found = FindRepeatedIds(views, first_new);
  if (!found.ok() && found.status().code() == Status::Code::kCorruption) {
    return Status::Corruption(found.status().message() + "; nothing was loaded (`touchpoint check --repair` rebuilds "
                              "a damaged event-id set from the part's rows)");
  }
  TP_ASSIGN_OR_RETURN(std::vector<std::vector<uint64_t>> repeats, std::move(found));
  if (!logged.empty()) {
    DecodeContext ctx;
    std::vector<uint64_t> ids, in_log;
    for (size_t k = 0; k < written.size(); ++k) {
      TP_RETURN_IF_ERROR(views[first_new + k]->ReadEventIdHashes(&ctx, &ids));
      in_log.clear();
      std::set_intersection(ids.begin(), ids.end(), logged.begin(), logged.end(), std::back_inserter(in_log));
      MergeSortedIds(std::move(in_log), &repeats[first_new + k]);
    }
  }
  for (size_t k = 0; k < written.size(); ++k) {
    const std::vector<uint64_t>& drop = repeats[first_new + k];
    if (drop.empty()) continue;
    PartEntry& part = parts_[written[k]];
    PartEntry rewritten;
    TP_ASSIGN_OR_RETURN(rewritten.id, store_->NewId());
    RowFilter skip;
    skip.skip_event_ids = &drop;
    std::vector<PartInfo> infos;
    TP_RETURN_IF_ERROR(MergePartFiles({views[first_new + k]}, {store_->PartPath(rewritten.id)}, skip, 1, &infos));
    // Each id is in a part once, so each repeat is one row.
    duplicates_ += part.info.rows - infos[0].rows;
    accepted_ -= part.info.rows - infos[0].rows;
    rewritten.info = infos[0];
    const uint64_t old_id = part.id;
    part = rewritten;
    TP_RETURN_IF_ERROR(RemoveFile(store_->PartPath(old_id)));
  }
  return Status::OK();
}

Status LoadWriter::Commit(LoadEntry* entry) {
  TP_RETURN_IF_ERROR(CutPart());
  TP_RETURN_IF_ERROR(WaitForPendingParts(0));
  if (!force_) TP_RETURN_IF_ERROR(store_->CheckNotLoaded(entry_.source, entry_.content_hash, entry_.input_bytes));
  TP_RETURN_IF_ERROR(DropRepeatsAcrossParts());
  // Parts that kept no row wrote no file.
  std::erase_if(parts_, [](const PartEntry& p) { return p.info.rows == 0; });
  if (rejected_) TP_RETURN_IF_ERROR(rejected_->Sync());
  TP_RETURN_IF_ERROR(SyncDir(JoinPath(store_->dir(), "parts")));
  entry_.accepted = accepted_;
  entry_.rejected = rejected_count_;
  entry_.duplicates = duplicates_;
  entry_.erased = erased_;
  entry_.loaded_at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  Manifest next = store_->manifest_;
  next.parts.insert(next.parts.end(), parts_.begin(), parts_.end());
  next.loads.push_back(entry_);
  if (!parts_.empty()) ++next.data_version;
  TP_RETURN_IF_ERROR(store_->CommitManifest(std::move(next)));
  committed_ = true;
  store_->event_ids_loaded_ = false;  // appends reload the set with this load's ids
  if (entry != nullptr) *entry = entry_;
  return Status::OK();
}

}  // namespace touchpoint::store
