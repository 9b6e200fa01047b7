// RowSink: where both readers put rows. It validates each RawRow, appends
// good ones to the current batch (handing full batches on), reports bad ones
// as RejectedRows, counts, and paces progress reports. Not thread-safe.
#ifndef TOUCHPOINT_INGEST_ROW_SINK_H_
#define TOUCHPOINT_INGEST_ROW_SINK_H_

#include <chrono>
#include <string>
#include <string_view>

#include "ingest/event_reader.h"
#include "ingest/input_stream.h"
#include "ingest/row_validator.h"

namespace touchpoint::ingest {

class RowSink {
 public:
  RowSink(const ReadOptions& options, const date::time_zone* zone, const ReadCallbacks& callbacks,
          const InputStream& input, ReadStats* stats);

  EventBatch& batch() { return batch_; }
  // The batch's index of property `name`, stable until the batch is handed on.
  uint32_t Property(std::string_view name);

  // Validates and appends; a bad row becomes a RejectedRow.
  Status Add(const RawRow& row, uint64_t line, uint64_t offset, std::string_view raw);
  // A row that could not even be split into fields (`customer_id`: its
  // customer field when one could be told, else "").
  void Reject(uint64_t line, uint64_t offset, std::string column, std::string reason, std::string_view raw,
              std::string_view customer_id = {});
  // Tells the caller something that rejects no row.
  void Warn(std::string message);
  // Hands on the last, partial batch, and warns of --map event rules no row used.
  Status Finish();
  // Called by readers after each row; reports progress a few times a second.
  void Tick();
  // A hook run whenever a fresh batch starts (readers re-register properties).
  void set_on_new_batch(std::function<void()> f) { on_new_batch_ = std::move(f); }

 private:
  Status Flush();

  const ReadOptions& options_;
  const ReadCallbacks& callbacks_;
  const InputStream& input_;
  ReadStats* stats_;
  RowValidator validator_;
  EventBatch batch_;
  EventRow row_;
  std::string column_, reason_;
  std::function<void()> on_new_batch_;
  uint64_t ticks_ = 0;
  std::chrono::steady_clock::time_point last_progress_;
};

}  // namespace touchpoint::ingest

#endif  // TOUCHPOINT_INGEST_ROW_SINK_H_
