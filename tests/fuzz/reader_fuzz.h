// Shared body of the CSV and NDJSON fuzz targets: read arbitrary bytes as an
// input of the given format and check the reader's promises: no crash, and
// every row ends up accepted or rejected with a line number.
#ifndef TOUCHPOINT_TESTS_FUZZ_READER_FUZZ_H_
#define TOUCHPOINT_TESTS_FUZZ_READER_FUZZ_H_

#include <cstdint>
#include <cstdlib>
#include <string>

#include "ingest/event_reader.h"
#include "ingest/input_stream.h"

namespace touchpoint::fuzz {

inline int FuzzReader(const uint8_t* data, size_t size, ingest::InputFormat format) {
  auto input = ingest::InputStream::FromMemory(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  if (!input.ok()) return 0;
  ingest::ReadOptions options;
  options.format = format;
  options.batch_rows = 7;  // many batch boundaries
  uint64_t accepted = 0, rejected = 0;
  ingest::ReadCallbacks cb;
  cb.on_batch = [&](EventBatch& b) {
    accepted += b.size();
    for (size_t i = 0; i < b.size(); ++i) {
      if (b.customer_id.Get(i).empty() || b.event.Get(i).empty()) std::abort();  // validated away
    }
    return Status::OK();
  };
  cb.on_reject = [&](ingest::RejectedRow&& r) {
    ++rejected;
    if (r.line == 0 || r.reason.empty()) std::abort();
  };
  ingest::ReadStats stats;
  Status s = ingest::ReadEventsFrom(std::move(input).value(), "fuzz", options, cb, &stats);
  if (s.ok() && (stats.rows_accepted != accepted || stats.rows_rejected != rejected)) std::abort();
  return 0;
}

}  // namespace touchpoint::fuzz

#endif  // TOUCHPOINT_TESTS_FUZZ_READER_FUZZ_H_
