#include "store/load_writer.h"

#include <chrono>

#include "store/event_id_filter.h"
#include "store/part_order.h"
#include "store/store.h"

namespace touchpoint::store {

LoadWriter::LoadWriter(Store* store, LoadEntry entry) : store_(store), entry_(std::move(entry)) {}

LoadWriter::~LoadWriter() {
  (void)WaitForPendingParts(0);
  if (committed_) return;
  // Not committed: nothing of this load may survive.
  for (const PartEntry& p : parts_) (void)RemoveFile(store_->PartPath(p.id));
  rejected_.reset();
  (void)RemoveFile(store_->RejectedPath(entry_.id));
}

Status LoadWriter::Add(const EventBatch& batch) {
  EventBatch copy;
  copy.AppendRows(batch);
  return Add(std::move(copy));
}

Status LoadWriter::Add(EventBatch&& batch) {
  std::vector<uint64_t> new_ids;
  uint64_t dups = 0;
  std::vector<bool> keep = FilterDuplicateIds(batch, store_->event_ids_, load_event_ids_, &new_ids, &dups);
  duplicates_ += dups;
  if (!new_ids.empty()) MergeSortedIds(std::move(new_ids), &load_event_ids_);
  // Each batch is sorted here, on arrival, while it is small enough to stay
  // in cache; the part write then merges sorted runs front to back.
  std::shared_ptr<EventBatch> rows;
  if (dups > 0) {
    EventBatch kept;
    kept.AppendRows(batch, &keep);
    rows = std::make_shared<EventBatch>(SortedForPart(kept));
  } else {
    rows = std::make_shared<EventBatch>(SortedForPart(batch));
  }
  accepted_ += rows->size();
  buffered_rows_ += rows->size();
  if (!rows->empty()) buffer_.push_back(std::move(rows));
  if (buffered_rows_ >= kLoadPartRows) return CutPart();
  return Status::OK();
}

Status LoadWriter::WaitForPendingParts(size_t max_in_flight) {
  Status first_error;
  while (pending_.size() > max_in_flight || (!first_error.ok() && !pending_.empty())) {
    PendingPart p = std::move(pending_.front());
    pending_.pop_front();
    Status s = p.done.get();
    if (s.ok()) {
      parts_[p.index].info = *p.info;
    } else if (first_error.ok()) {
      first_error = s;
    }
  }
  return first_error;
}

Status LoadWriter::CutPart() {
  TP_RETURN_IF_ERROR(WaitForPendingParts(kPartWritesInFlight - 1));
  if (buffer_.empty()) return Status::OK();
  PartEntry part;
  part.id = store_->manifest_.next_id++;
  parts_.push_back(part);  // registered first, so a failed write is cleaned up
  auto batches = std::make_shared<std::vector<std::shared_ptr<const EventBatch>>>(std::move(buffer_));
  buffer_.clear();
  buffered_rows_ = 0;
  const std::string path = store_->PartPath(part.id);
  auto info = std::make_shared<PartInfo>();
  std::future<Status> done = std::async(std::launch::async, [batches, path, info] {
    std::vector<const EventBatch*> views;
    for (const auto& b : *batches) views.push_back(b.get());
    return PartWriter::WriteMerged(path, views, info.get());
  });
  pending_.push_back(PendingPart{parts_.size() - 1, info, std::move(done)});
  return Status::OK();
}

Status LoadWriter::AddRejected(std::string_view json_line) {
  if (!rejected_) {
    TP_ASSIGN_OR_RETURN(AppendFile f, AppendFile::Open(store_->RejectedPath(entry_.id)));
    rejected_.emplace(std::move(f));
  }
  ++rejected_count_;
  TP_RETURN_IF_ERROR(rejected_->Append(json_line));
  return rejected_->Append("\n");
}

Status LoadWriter::Commit(LoadEntry* entry) {
  TP_RETURN_IF_ERROR(CutPart());
  TP_RETURN_IF_ERROR(WaitForPendingParts(0));
  if (rejected_) TP_RETURN_IF_ERROR(rejected_->Sync());
  TP_RETURN_IF_ERROR(SyncDir(JoinPath(store_->dir(), "parts")));
  entry_.accepted = accepted_;
  entry_.rejected = rejected_count_;
  entry_.duplicates = duplicates_;
  entry_.loaded_at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
  Manifest next = store_->manifest_;
  next.parts.insert(next.parts.end(), parts_.begin(), parts_.end());
  next.loads.push_back(entry_);
  if (!parts_.empty()) ++next.data_version;
  TP_RETURN_IF_ERROR(store_->CommitManifest(std::move(next)));
  committed_ = true;
  MergeSortedIds(std::move(load_event_ids_), &store_->event_ids_);
  if (entry != nullptr) *entry = entry_;
  // Keep the part count bounded; the load is already durable either way.
  return store_->MaybeMerge();
}

}  // namespace touchpoint::store
