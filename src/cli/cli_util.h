// Small helpers shared by the CLI commands: exit statuses, error printing,
// store and snapshot opening, writing a command's output, the terminal's
// width.
#ifndef TOUCHPOINT_CLI_CLI_UTIL_H_
#define TOUCHPOINT_CLI_CLI_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "report/format.h"
#include "store/store.h"
#include "util/status.h"

namespace touchpoint::cli {

// Exit statuses, the same for every command (docs/api.md, "Exit statuses").
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;    // data or store errors
inline constexpr int kExitUsage = 2;    // usage errors, unknown names included
inline constexpr int kExitFlagged = 3;  // alerts fired, or --strict rejected rows

// The exit status of a failed command: kExitUsage for Status::Usage, else
// kExitError.
int ExitCodeFor(const Status& status);
// Prints "touchpoint: <message>" to stderr and returns ExitCodeFor(status).
int Fail(const Status& status);
// Opens an existing store (never creates one; ingest does).
Result<std::unique_ptr<store::Store>> OpenStore(const std::string& dir, bool writable);

// An open store and one snapshot of it, kept together for as long as a
// command reads the snapshot.
struct StoreSnapshot {
  std::unique_ptr<store::Store> store;
  std::shared_ptr<const store::Snapshot> snapshot;
};
// OpenStore, then the store's current snapshot.
Result<StoreSnapshot> OpenSnapshot(const std::string& dir, bool writable = false);

// Writes a command's output to stdout and returns kExitOk.
int PrintOutput(const std::string& text);
// The width tables fit: the terminal's when stdout is one, else $COLUMNS,
// else report::kDefaultWidth.
size_t TerminalWidth();

inline std::string WithThousands(uint64_t n) { return report::Thousands(n); }
inline std::string HumanBytes(uint64_t bytes) { return report::Bytes(bytes); }

}  // namespace touchpoint::cli

#endif  // TOUCHPOINT_CLI_CLI_UTIL_H_
