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
#include <string>
#include <utility>
#include <vector>

#include "event/event_batch.h"
#include "event/schema.h"
#include "util/status.h"

namespace touchpoint::ingest {

enum class InputFormat { kAuto, kCsv, kNdjson };

// How a CSV line splits into fields. kSniff: from the header line (a comma
// when it has one, else the most frequent of ; tab |, else runs of spaces).
enum class Delimiter { kSniff, kComma, kSemicolon, kTab, kPipe, kWhitespace };

// The default plausible time range: on or after 1990-01-01, and at most a
// day ahead of the clock ([ingest] min_timestamp / max_future).
inline constexpr int64_t kDefaultMinTimestampMs = 631152000000;  // 1990-01-01T00:00:00Z
inline constexpr int64_t kDefaultMaxFutureMs = 86400000;         // one day

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: from the extension (.csv/.ndjson/.jsonl, then .gz/.zst)
  // IANA zone for timestamps without an offset and date-only values; empty = UTC.
  std::string default_tz;
  FieldMapping mapping;
  size_t batch_rows = 1 << 16;  // rows per batch handed to on_batch
  // CSV layout: the delimiter; whether the first line is a header; column
  // names (replacing the header's, or naming a headerless file's columns).
  Delimiter delimiter = Delimiter::kSniff;
  bool has_header = true;
  std::vector<std::string> columns;
  // Constant columns (--set COLUMN=VALUE): the value of every row, named
  // like an input column (before the mapping).
  std::vector<std::pair<std::string, std::string>> constants;
  // A strftime-style layout for the timestamp column (util/time_format.h);
  // empty: the forms ParseTimestamp reads.
  std::string timestamp_format;
  // Rows whose time is before min_timestamp_ms, or after the clock plus
  // max_future_ms, are rejected as implausible (a 1970 default, a typo).
  int64_t min_timestamp_ms = kDefaultMinTimestampMs;
  int64_t max_future_ms = kDefaultMaxFutureMs;
  int64_t now_ms = 0;  // the clock, for tests; 0 = the system clock
};

struct RejectedRow {
  std::string source;  // file path or "-" for stdin
  uint64_t line = 0;   // 1-based physical line where the record starts
  uint64_t byte_offset = 0;
  std::string column;  // the offending column ("" when the whole row is bad)
  std::string reason;  // e.g. "timestamp '2024-13-01' is not a valid date"
  std::string raw;     // the raw record text, whole up to kMaxRawBytes
  // The row's customer field as parsed ("" when the row could not be split
  // into fields), so erasure can find the row by exact id.
  std::string customer_id;
};

// Raw text kept per rejected row.
inline constexpr size_t kMaxRawBytes = 1 << 20;

struct ReadStats {
  uint64_t bytes_read = 0;  // uncompressed bytes consumed
  uint64_t rows_accepted = 0;
  uint64_t rows_rejected = 0;
  // XXH3 of the uncompressed bytes, hashed while they were parsed: the
  // identity that makes a second load of the same content a repeat,
  // whatever the file was called or compressed with, a pipe included.
  uint64_t content_hash = 0;
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
  // Things worth saying that reject no row (a --map rule the input never
  // used); optional.
  std::function<void(std::string)> on_warning;
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
