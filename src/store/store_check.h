// CheckStore and RepairStore: `touchpoint check [--repair]`.
//
// CheckStore verifies every checksum the store keeps (the MANIFEST, each
// live part's footer, chunks and event-id set, the live log's records, the
// suppression list) and lists files the manifest does not name; it changes
// nothing, like SQLite's PRAGMA integrity_check. It takes no lock, so a
// writer running meanwhile may make it report a file that just went.
//
// RepairStore does only what loses nothing that is still readable, after
// saying what it will do (LevelDB's repair is the model):
//  - a part whose event-id set is damaged but whose rows are intact is
//    rewritten with a set built anew from its event_id column;
//  - a damaged log record and everything after it in the log are moved to
//    STORE/lost/ and the log is cut at the end of the last good record;
//  - files the manifest does not name are moved to STORE/lost/.
// Damaged rows (a part's chunk) cannot be rebuilt: they are reported and
// left for the user (a backup, or `touchpoint unload`).
#ifndef TOUCHPOINT_STORE_STORE_CHECK_H_
#define TOUCHPOINT_STORE_STORE_CHECK_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "store/store.h"
#include "util/status.h"

namespace touchpoint::store {

enum class CheckFix : uint8_t {
  kNone,            // nothing safe to do
  kRebuildIdSet,    // RebuildPart
  kMoveLogTail,     // move [offset, end) of the live log to lost/, cut the log
  kMoveStrayFile,   // move the file to lost/
};

struct CheckIssue {
  std::string file;     // relative to the store: "parts/part-00000012.tpp"
  std::string problem;  // what is wrong
  CheckFix fix = CheckFix::kNone;
  uint64_t part_id = 0;     // kRebuildIdSet
  uint64_t log_offset = 0;  // kMoveLogTail: the end of the last good record
};

struct CheckReport {
  uint64_t manifest_generation = 0;
  size_t parts = 0;
  uint64_t blocks = 0;
  uint64_t rows = 0;
  uint64_t event_ids = 0;
  uint64_t log_records = 0;
  size_t loads = 0;
  size_t suppressed = 0;
  std::vector<CheckIssue> issues;
  bool ok() const { return issues.empty(); }
};

// Checks the store at `dir` (see above). An error Status only when the
// check itself cannot run (no store there); every fault found is an issue.
Result<CheckReport> CheckStore(const std::string& dir);

// Repairs what `report` found that can be repaired safely, telling `say`
// before each step. REQUIRES: `store` opened writable on the same store.
// `*repaired` counts the issues dealt with.
Status RepairStore(Store* store, const CheckReport& report, const std::function<void(const std::string&)>& say,
                   size_t* repaired);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_STORE_CHECK_H_
