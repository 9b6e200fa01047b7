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
  // [metrics] (read by the measure catalogue)
  std::string report_tz;
  int64_t session_timeout_s = 1800;
  std::vector<std::string> conversion_events = {"purchase"};
  std::string activation_event = "activation";
  int activation_window_days = 7;
  int churn_inactivity_days = 30;
  double csat_satisfied_min = 4;
  bool ces_higher_is_easier = true;
  std::vector<std::string> inactive_events;  // events that do not count as activity
};

// "256MiB", "1GiB", "512MB", "1000000" (bytes): the [ingest] memory value.
Result<uint64_t> ParseByteSize(std::string_view text);

// The measure definitions the config asks for (before flags and presets).
kernels::Definitions DefinitionsFromConfig(const Config& config);

// Loads `path`; when `path` is empty, loads <store_dir>/touchpoint.toml if it
// exists, else returns the defaults. Unknown keys are errors (naming the key
// and line), so a typo never silently falls back to a default.
Result<Config> LoadConfig(const std::string& path, const std::string& store_dir);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_CONFIG_H_
