// Small helpers shared by the CLI commands: error printing, store and
// snapshot opening, writing a command's output, human-readable numbers.
#ifndef TOUCHPOINT_CLI_CLI_UTIL_H_
#define TOUCHPOINT_CLI_CLI_UTIL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "store/store.h"
#include "util/status.h"

namespace touchpoint::cli {

// Exit statuses. 1: the command failed; 2: bad usage (CLI11's own);
// 3: the command ran but found what the user asked to fail on (--strict).
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;
inline constexpr int kExitFlagged = 3;

// Prints "touchpoint: <message>" to stderr and returns kExitError.
int Fail(const Status& status);
Result<std::unique_ptr<store::Store>> OpenStore(const std::string& dir, bool writable);

// An open store and one snapshot of it, kept together for as long as a
// command reads the snapshot.
struct StoreSnapshot {
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const store::Snapshot> snapshot;
};
// OpenStore, then the store's current snapshot.
Result<StoreSnapshot> OpenSnapshot(const std::string& dir, bool writable = false);

// Runs an analysis query (engine::RunFunnel, RunRetention...) on a snapshot
// of the store at `dir`, opened read-only for the query's length.
template <typename Report, typename Request>
Result<Report> RunOnStore(const std::string& dir,
                          Result<Report> (*query)(std::shared_ptr<const store::Snapshot>, const Request&),
                          const Request& request) {
  TP_ASSIGN_OR_RETURN(StoreSnapshot opened, OpenSnapshot(dir));
  return query(opened.snapshot, request);
}

// Writes a command's output to stdout and returns kExitOk.
int PrintOutput(const std::string& text);
std::string HumanBytes(uint64_t bytes);
// Parses --from / --to flags (empty = unset) as timestamps in `tz`.
Status ParseRangeFlags(const std::string& from, const std::string& to, const std::string& tz,
                       std::optional<int64_t>* from_ms, std::optional<int64_t>* to_ms);
std::string WithThousands(uint64_t n);

}  // namespace touchpoint::cli

#endif  // TOUCHPOINT_CLI_CLI_UTIL_H_
