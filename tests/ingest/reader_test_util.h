// Runs ReadEvents on text written to a temp file and collects the result.
#ifndef TOUCHPOINT_TESTS_INGEST_READER_TEST_UTIL_H_
#define TOUCHPOINT_TESTS_INGEST_READER_TEST_UTIL_H_

#include <string>
#include <vector>

#include "event/event_batch.h"
#include "ingest/event_reader.h"
#include "test_util.h"
#include "util/file.h"

namespace touchpoint::ingest {

struct ReadOutcome {
  Status status;
  EventBatch rows;  // every accepted row, all batches
  std::vector<RejectedRow> rejected;
  std::vector<std::string> warnings;
  ReadStats stats;

  std::string Property(const std::string& name, size_t row) const {
    for (const auto& p : rows.properties) {
      if (p.name == name) return std::string(p.values.Get(row));
    }
    return "";
  }
};

inline ReadOutcome ReadFile(const std::string& path, ReadOptions options = ReadOptions{}) {
  ReadOutcome out;
  ReadCallbacks cb;
  cb.on_batch = [&](EventBatch& b) {
    for (size_t i = 0; i < b.size(); ++i) out.rows.AppendFrom(b, i);
    return Status::OK();
  };
  cb.on_reject = [&](RejectedRow&& r) { out.rejected.push_back(std::move(r)); };
  cb.on_warning = [&](std::string w) { out.warnings.push_back(std::move(w)); };
  out.status = ReadEvents(path, options, cb, &out.stats);
  return out;
}

inline ReadOutcome ReadText(const touchpoint::testing::TempDir& dir, const std::string& name, std::string_view text,
                            ReadOptions options = ReadOptions{}) {
  EXPECT_TRUE(WriteFileSynced(dir.Sub(name), text).ok());
  return ReadFile(dir.Sub(name), std::move(options));
}

}  // namespace touchpoint::ingest

#endif  // TOUCHPOINT_TESTS_INGEST_READER_TEST_UTIL_H_
