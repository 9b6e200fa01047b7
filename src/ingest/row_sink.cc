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
      validator_(options, zone),
      last_progress_(std::chrono::steady_clock::now()) {}

uint32_t RowSink::Property(std::string_view name) { return batch_.PropertyIndex(name); }

Status RowSink::Add(const RawRow& row, uint64_t line, uint64_t offset, std::string_view raw) {
  int bad_property = -1;
  if (!validator_.Validate(row, &row_, &column_, &reason_, &bad_property)) {
    if (bad_property >= 0) column_ = batch_.properties[row.properties[static_cast<size_t>(bad_property)].first].name;
    Reject(line, offset, column_, reason_, raw, row.value[static_cast<int>(Role::kCustomerId)]);
    return Status::OK();
  }
  batch_.Append(row_);
  ++stats_->rows_accepted;
  if (batch_.size() >= options_.batch_rows) return Flush();
  return Status::OK();
}

void RowSink::Reject(uint64_t line, uint64_t offset, std::string column, std::string reason, std::string_view raw,
                     std::string_view customer_id) {
  ++stats_->rows_rejected;
  if (!callbacks_.on_reject) return;
  RejectedRow r;
  r.source = input_.name() == "stdin" ? "-" : input_.name();
  r.line = line;
  r.byte_offset = offset;
  r.column = std::move(column);
  r.reason = std::move(reason);
  r.raw = std::string(raw.substr(0, kMaxRawBytes));
  r.customer_id = std::string(customer_id);
  callbacks_.on_reject(std::move(r));
}

void RowSink::Warn(std::string message) {
  if (callbacks_.on_warning) callbacks_.on_warning(input_.name() + ": " + message);
}

Status RowSink::Flush() {
  if (batch_.empty()) return Status::OK();
  const EventBatch::Shape shape = batch_.GetShape();
  Status s = callbacks_.on_batch ? callbacks_.on_batch(batch_) : Status::OK();
  batch_ = EventBatch();
  if (on_new_batch_) on_new_batch_();
  // The next batch is like this one: room for it at once.
  batch_.Reserve(shape);
  return s;
}

Status RowSink::Finish() {
  for (const std::string& theirs : validator_.UnusedEventRules()) {
    Warn("no row has the event '" + theirs + "' that --map event:" + theirs + "=" +
         std::string(options_.mapping.Event(theirs)) + " renames");
  }
  return Flush();
}

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
