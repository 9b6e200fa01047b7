#include "store/load_writer.h"

#include <chrono>

#include "store/event_id_filter.h"
#include "store/store.h"

namespace touchpoint::store {

LoadWriter::LoadWriter(Store* store, LoadEntry entry) : store_(store), entry_(std::move(entry)) {}

LoadWriter::~LoadWriter() {
  if (committed_) return;
  // Not committed: nothing of this load may survive.
  for (const PartEntry& p : parts_) (void)RemoveFile(store_->PartPath(p.id));
  rejected_.reset();
  (void)RemoveFile(store_->RejectedPath(entry_.id));
}

Status LoadWriter::Add(const EventBatch& batch) {
  std::vector<uint64_t> new_ids;
  uint64_t dups = 0;
  std::vector<bool> keep = FilterDuplicateIds(batch, store_->event_ids_, load_event_ids_, &new_ids, &dups);
  duplicates_ += dups;
  if (!new_ids.empty()) MergeSortedIds(std::move(new_ids), &load_event_ids_);
  if (dups == 0 && buffer_.empty() && batch.size() >= kLoadPartRows) {
    accepted_ += batch.size();
    buffer_ = batch;
    return CutPart();
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (!keep[i]) continue;
    buffer_.AppendFrom(batch, i);
    ++accepted_;
    if (buffer_.size() >= kLoadPartRows) TP_RETURN_IF_ERROR(CutPart());
  }
  return Status::OK();
}

Status LoadWriter::CutPart() {
  if (buffer_.empty()) return Status::OK();
  PartEntry part;
  part.id = store_->manifest_.next_id++;
  parts_.push_back(part);  // registered first, so a failed write is cleaned up
  TP_RETURN_IF_ERROR(PartWriter::WriteSorted(store_->PartPath(part.id), buffer_, &parts_.back().info));
  buffer_.Clear();
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
