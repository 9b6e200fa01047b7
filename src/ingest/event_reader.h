// ReadEvents: turns one input (a CSV or NDJSON file, plain, gzip or zstd
// compressed, or stdin) into validated EventBatches and rejected rows.
//
// Every row ends in exactly one place: an accepted batch handed to
// `on_batch`, or a RejectedRow handed to `on_reject` with the source, line,
// column and reason. A bad row never stops the good ones; only an input that
// cannot be read (missing file, broken compression, missing required header)
// makes ReadEvents return an error. Single-threaded per call.
#ifndef TOUCHPOINT_INGEST_EVENT_READER_H_
#define TOUCHPOINT_INGEST_EVENT_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <memory>
#include <string>

#include "event/event_batch.h"
#include "event/schema.h"
#include "util/status.h"

namespace touchpoint::ingest {

enum class InputFormat { kAuto, kCsv, kNdjson };

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: from the extension (.csv/.ndjson/.jsonl, then .gz/.zst)
  // IANA zone for timestamps without an offset and date-only values; empty = UTC.
  std::string default_tz;
  FieldMapping mapping;
  size_t batch_rows = 1 << 18;  // rows per batch handed to on_batch
};

struct RejectedRow {
  std::string source;  // file path or "-" for stdin
  uint64_t line = 0;   // 1-based physical line where the record starts
  uint64_t byte_offset = 0;
  std::string column;  // the offending column ("" when the whole row is bad)
  std::string reason;  // e.g. "timestamp '2024-13-01' is not a valid date"
  std::string raw;     // the raw record text, truncated to a sane length
};

struct ReadStats {
  uint64_t bytes_read = 0;  // uncompressed bytes consumed
  uint64_t rows_accepted = 0;
  uint64_t rows_rejected = 0;
};

struct Progress {
  uint64_t compressed_bytes_done = 0;  // of the file on disk (for time-left)
  uint64_t compressed_bytes_total = 0;  // 0 when unknown (stdin)
  uint64_t rows_done = 0;
};

struct ReadCallbacks {
  // Receives each full batch; the reader reuses it after the call returns.
  // A non-OK status stops reading and is returned by ReadEvents.
  std::function<Status(EventBatch&)> on_batch;
  std::function<void(RejectedRow&&)> on_reject;
  std::function<void(const Progress&)> on_progress;  // optional; called a few times a second at most
};

// `path` is a file path or "-" for standard input.
Status ReadEvents(const std::string& path, const ReadOptions& options, const ReadCallbacks& callbacks,
                  ReadStats* stats);

class InputStream;
// As ReadEvents, from an open stream; `name` picks the format as a path would.
Status ReadEventsFrom(std::unique_ptr<InputStream> input, const std::string& name, const ReadOptions& options,
                      const ReadCallbacks& callbacks, ReadStats* stats);

}  // namespace touchpoint::ingest

#endif  // TOUCHPOINT_INGEST_EVENT_READER_H_
