#include "cli/cli_util.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "report/text_table.h"

namespace touchpoint::cli {

int ExitCodeFor(const Status& status) {
  return status.code() == Status::Code::kUsage ? kExitUsage : kExitError;
}

int Fail(const Status& status) {
  const std::string text = status.code() == Status::Code::kUsage ? status.message() : status.ToString();
  std::fprintf(stderr, "touchpoint: %s\n", text.c_str());
  return ExitCodeFor(status);
}

Result<std::unique_ptr<store::Store>> OpenStore(const std::string& dir, bool writable) {
  if (dir.empty()) return Status::Usage("--db DIR is required");
  store::StoreOptions options;
  options.read_only = !writable;
  // Only ingest creates a store: a mistyped --db elsewhere is an error, not
  // a new empty store.
  options.create_if_missing = false;
  return store::Store::Open(dir, options);
}

Result<StoreSnapshot> OpenSnapshot(const std::string& dir, bool writable) {
  StoreSnapshot out;
  TP_ASSIGN_OR_RETURN(out.store, OpenStore(dir, writable));
  TP_ASSIGN_OR_RETURN(out.snapshot, out.store->GetSnapshot());
  return out;
}

int PrintOutput(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

size_t TerminalWidth() {
  winsize ws{};
  if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    const long n = std::strtol(columns, nullptr, 10);
    if (n >= 20 && n <= 10000) return static_cast<size_t>(n);
  }
  return report::kDefaultWidth;
}

}  // namespace touchpoint::cli
