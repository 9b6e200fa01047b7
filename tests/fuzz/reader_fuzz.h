// Shared body of the CSV and NDJSON fuzz targets: read arbitrary bytes as an
// input of the given format and check the reader's promises: no crash, and
// every row ends up accepted or rejected with a line number, every accepted
// time inside the plausible range, every rejected row's text whole.
//
// The first byte, when there are at least two, picks the read options, so
// the fuzzer walks every path: the delimiter (sniffed, , ; tab | or
// whitespace), headerless input with --columns, a --set constant, a
// strftime --timestamp-format, a zone with DST gaps (Europe/Berlin).
#ifndef TOUCHPOINT_TESTS_FUZZ_READER_FUZZ_H_
#define TOUCHPOINT_TESTS_FUZZ_READER_FUZZ_H_

#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/event_reader.h"
#include "ingest/input_stream.h"

namespace touchpoint::fuzz {

inline void PickOptions(uint8_t pick, ingest::ReadOptions* options) {
  static constexpr ingest::Delimiter kDelimiters[] = {ingest::Delimiter::kSniff,     ingest::Delimiter::kComma,
                                                      ingest::Delimiter::kSemicolon, ingest::Delimiter::kTab,
                                                      ingest::Delimiter::kPipe,      ingest::Delimiter::kWhitespace};
  options->delimiter = kDelimiters[pick % 6];
  if (pick & 0x08) {
    options->has_header = false;
    options->columns = {"timestamp", "customer_id", "event", "revenue"};
  }
  if (pick & 0x10) options->constants.emplace_back("event", "purchase");
  if (pick & 0x20) options->timestamp_format = (pick & 0x40) ? "%m/%d/%Y %H:%M" : "%Y%m%d %I:%M:%S %p %z";
  if (pick & 0x80) options->default_tz = "Europe/Berlin";
}

inline int FuzzReader(const uint8_t* data, size_t size, ingest::InputFormat format) {
  ingest::ReadOptions options;
  options.format = format;
  options.batch_rows = 7;  // many batch boundaries
  options.now_ms = 1735689600000;  // 2025-01-01: the plausible range is fixed
  if (size >= 2) {
    PickOptions(data[0], &options);
    ++data;
    --size;
  }
  auto input = ingest::InputStream::FromMemory(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!input.ok()) return 0;
  uint64_t accepted = 0, rejected = 0;
  ingest::ReadCallbacks cb;
  cb.on_batch = [&](EventBatch& b) {
    accepted += b.size();
    for (size_t i = 0; i < b.size(); ++i) {
      if (b.customer_id.Get(i).empty() || b.event.Get(i).empty()) std::abort();  // validated away
      if (b.timestamp_ms[i] < options.min_timestamp_ms || b.timestamp_ms[i] > options.now_ms + options.max_future_ms) {
        std::abort();  // implausible times are rejected
      }
    }
    return Status::OK();
  };
  cb.on_reject = [&](ingest::RejectedRow&& r) {
    ++rejected;
    if (r.line == 0 || r.reason.empty() || r.raw.size() > ingest::kMaxRawBytes) std::abort();
  };
  ingest::ReadStats stats;
  Status s = ingest::ReadEventsFrom(std::move(input).value(), "fuzz", options, cb, &stats);
  if (s.ok() && (stats.rows_accepted != accepted || stats.rows_rejected != rejected)) std::abort();
  return 0;
}

}  // namespace touchpoint::fuzz

#endif  // TOUCHPOINT_TESTS_FUZZ_READER_FUZZ_H_
