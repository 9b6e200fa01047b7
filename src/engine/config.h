// Config: the one configuration file (TOML) that holds mappings, definitions
// and server settings. It lives in the store directory as touchpoint.toml;
// `--config FILE` points elsewhere; command-line flags override it.
// docs/config.md documents every key. Plain data; copyable.
#ifndef TOUCHPOINT_ENGINE_CONFIG_H_
#define TOUCHPOINT_ENGINE_CONFIG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "event/schema.h"
#include "kernels/definitions.h"
#include "util/status.h"

namespace touchpoint::engine {

inline constexpr const char* kConfigFileName = "touchpoint.toml";
// The smallest [ingest] memory accepted (store/load_writer.h kMinLoadMemory).
inline constexpr uint64_t kMinIngestMemory = 32ull << 20;

// [server]: what `touchpoint serve` reads (docs/server.md); flags win. A
// zero or empty value means "use the server's default".
struct ServerConfig {
  std::string listen;      // HOST:PORT
  std::string ingest_key;  // write-only key for the collection endpoints
  std::string query_key;   // secret key for the query API and the dashboard
  int64_t max_body_bytes = 0;
  int64_t max_batch_events = 0;
  int64_t max_pending_events = 0;
  int64_t threads = 0;
  int64_t flush_log_events = 0;
  int64_t flush_log_after_s = 0;
};

struct Config {
  std::string source;  // the file it came from, "" for defaults
  // [mapping]
  FieldMapping mapping;
  // [ingest]
  std::string ingest_tz;  // zone for timestamps without offset; "" = UTC
  bool merge_after_load = true;  // merge a load's parts in the background (docs/store.md)
  uint64_t ingest_memory = 256ull << 20;  // bytes of rows a load holds (store/load_writer.h)
  int64_t ingest_min_timestamp_ms = 631152000000;  // rows before this are implausible (1990-01-01)
  int64_t ingest_max_future_ms = 86400000;          // ... and after now plus this (1 day)
  int64_t ingest_merge_wait_ms = 600000;            // a writer waits this long for a background merge
  // [metrics]: the reporting zone, and the measure definitions every
  // analysis starts from (before the preset and flags); their defaults are
  // kernels::Definitions' own, defined once there.
  std::string report_tz;
  kernels::Definitions definitions;
  // [server]
  ServerConfig server;
};

// "256MiB", "1GiB", "512MB", "1000000" (bytes): the [ingest] memory value.
Result<uint64_t> ParseByteSize(std::string_view text);

// The measure definitions the config asks for (before flags and presets).
inline const kernels::Definitions& DefinitionsFromConfig(const Config& config) { return config.definitions; }

// Loads `path`; when `path` is empty, loads <store_dir>/touchpoint.toml if it
// exists, else returns the defaults. Unknown keys are errors (naming the key
// and line), so a typo never silently falls back to a default.
Result<Config> LoadConfig(const std::string& path, const std::string& store_dir);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_CONFIG_H_
