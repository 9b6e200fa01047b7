// StoreInfo: what `touchpoint info` prints: events, customers, time range,
// events per type, channel and campaign, parts and bytes on disk. Counted with one
// scan, so it reflects aliases and log-resident events like every analysis.
#ifndef TOUCHPOINT_ENGINE_STORE_INFO_H_
#define TOUCHPOINT_ENGINE_STORE_INFO_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/store.h"
#include "util/status.h"

namespace touchpoint::engine {

struct StoreInfo {
  uint64_t events = 0;
  uint64_t customers = 0;
  int64_t min_ts = 0, max_ts = 0;
  std::vector<std::pair<std::string, uint64_t>> events_by_type;     // most frequent first
  std::vector<std::pair<std::string, uint64_t>> events_by_channel;  // "" = no channel
  std::vector<std::pair<std::string, uint64_t>> events_by_campaign;  // "" = no campaign
  std::vector<std::string> properties;
  size_t parts = 0;
  uint64_t part_bytes = 0;
  uint64_t log_events = 0;  // events still only in the write-ahead log
  uint64_t loads = 0;
  uint64_t rejected_rows = 0;
  uint64_t disk_bytes = 0;  // whole store directory
  std::string data_stamp;
};

Result<StoreInfo> ComputeStoreInfo(const store::Store& store);

// `touchpoint info --format json` and GET /api/info: one writer for both
// (times as ISO-8601 text, null for an empty store).
std::string StoreInfoJson(const StoreInfo& info);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_STORE_INFO_H_
