// Helpers shared by tests: temporary directories and small event batches.
#ifndef TOUCHPOINT_TESTS_TEST_UTIL_H_
#define TOUCHPOINT_TESTS_TEST_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <string>

#include "event/event_batch.h"

namespace touchpoint::testing {

// The build tree (for helper binaries such as crash_writer).
inline std::string BinaryDir() { return TP_BINARY_DIR; }
// ../shared/data (real public datasets); TP_SHARED_DATA overrides. May not
// exist: tests that need it skip with a message.
inline std::string SharedDataDir() {
  const char* env = std::getenv("TP_SHARED_DATA");
  return env != nullptr ? env : std::string(TP_SOURCE_DIR) + "/../shared/data";
}

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tp_test_XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A row with the fields tests usually care about.
inline void AddEvent(EventBatch* b, const std::string& customer, int64_t ts, const std::string& event,
                     const std::string& channel = "", double revenue = kAbsent, const std::string& event_id = "") {
  EventRow row;
  row.customer_id = customer;
  row.timestamp_ms = ts;
  row.event = event;
  row.channel = channel;
  row.revenue = revenue;
  row.event_id = event_id;
  b->Append(row);
}

}  // namespace touchpoint::testing

#endif  // TOUCHPOINT_TESTS_TEST_UTIL_H_
