#include "ingest/row_sink.h"

namespace touchpoint::ingest {
namespace {

constexpr uint64_t kTickRows = 1 << 16;  // rows between clock checks
constexpr auto kProgressEvery = std::chrono::milliseconds(250);

}  // namespace

RowSink::RowSink(const ReadOptions& options, const date::time_zone* zone, const ReadCallbacks& callbacks,
                 const InputStream& input, ReadStats* stats)
    : options_(options),
      callbacks_(callbacks),
      input_(input),
      stats_(stats),
      validator_(options.mapping, zone),
      last_progress_(std::chrono::steady_clock::now()) {}

uint32_t RowSink::Property(std::string_view name) {
  auto it = property_index_.find(std::string(name));
  if (it != property_index_.end()) return it->second;
  uint32_t index = batch_.PropertyIndex(name);
  property_index_.emplace(std::string(name), index);
  return index;
}

Status RowSink::Add(const RawRow& row, uint64_t line, uint64_t offset, std::string_view raw) {
  if (!validator_.Validate(row, &row_, &column_, &reason_)) {
    Reject(line, offset, column_, reason_, raw);
    return Status::OK();
  }
  batch_.Append(row_);
  ++stats_->rows_accepted;
  if (batch_.size() >= options_.batch_rows) return Flush();
  return Status::OK();
}

void RowSink::Reject(uint64_t line, uint64_t offset, std::string column, std::string reason, std::string_view raw) {
  ++stats_->rows_rejected;
  if (!callbacks_.on_reject) return;
  RejectedRow r;
  r.source = input_.name() == "stdin" ? "-" : input_.name();
  r.line = line;
  r.byte_offset = offset;
  r.column = std::move(column);
  r.reason = std::move(reason);
  r.raw = std::string(raw.substr(0, kMaxRawBytes));
  callbacks_.on_reject(std::move(r));
}

Status RowSink::Flush() {
  if (batch_.empty()) return Status::OK();
  Status s = callbacks_.on_batch ? callbacks_.on_batch(batch_) : Status::OK();
  batch_ = EventBatch();
  property_index_.clear();
  if (on_new_batch_) on_new_batch_();
  return s;
}

Status RowSink::Finish() { return Flush(); }

void RowSink::Tick() {
  if (++ticks_ % kTickRows != 0 || !callbacks_.on_progress) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_progress_ < kProgressEvery) return;
  last_progress_ = now;
  Progress p;
  p.compressed_bytes_done = input_.raw_bytes_done();
  p.compressed_bytes_total = input_.raw_bytes_total();
  p.rows_done = stats_->rows_accepted + stats_->rows_rejected;
  callbacks_.on_progress(p);
}

}  // namespace touchpoint::ingest
