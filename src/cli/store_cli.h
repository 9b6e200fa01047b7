// Helpers shared by the store commands (ingest, info, loads, check,
// compact, delete, unload): usage errors and a writable store opened the
// way every writer opens it (telling the user when it waits for a
// background merge).
#ifndef TOUCHPOINT_CLI_STORE_CLI_H_
#define TOUCHPOINT_CLI_STORE_CLI_H_

#include <cstdio>
#include <memory>
#include <string>

#include "cli/cli_util.h"
#include "store/store.h"
#include "util/status.h"

namespace touchpoint::cli {

// As Fail, for a bad flag or flag value: exit status kExitUsage.
inline int FailUsage(const Status& status) {
  Fail(status);
  return kExitUsage;
}

inline store::StoreOptions WriterOptions(int64_t merge_wait_ms = store::kDefaultMergeWaitMs) {
  store::StoreOptions options;
  options.merge_wait_ms = merge_wait_ms;
  options.on_wait = [](const std::string& message) { std::fprintf(stderr, "touchpoint: %s\n", message.c_str()); };
  return options;
}

// Opens an existing store for writing (never creates one).
inline Result<std::unique_ptr<store::Store>> OpenStoreToChange(const std::string& dir) {
  if (dir.empty()) return Status::InvalidArgument("--db DIR is required");
  store::StoreOptions options = WriterOptions();
  options.create_if_missing = false;
  return store::Store::Open(dir, options);
}

}  // namespace touchpoint::cli

#endif  // TOUCHPOINT_CLI_STORE_CLI_H_
