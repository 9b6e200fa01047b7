// The query endpoints the server answers until the analysis registry (the
// analysis-contract issue) generates `/api/NAME` for every analysis:
//   GET /api/metrics   engine::RunMetrics + report::MetricsJson, the CLI's
//                      `touchpoint metrics --format json` (or csv)
//   GET /api/segments  the store's derived columns and their values, for
//                      the dashboard's segment filter
// Kept apart on purpose: the registry replaces this file, and nothing else
// in the server depends on how these answers are made. Thread-safe: each
// call opens its own read-only view of the store.
#ifndef TOUCHPOINT_SERVER_INTERIM_API_H_
#define TOUCHPOINT_SERVER_INTERIM_API_H_

#include <map>
#include <string>

#include "engine/config.h"

namespace touchpoint::server {

struct ApiAnswer {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// Query parameters by name; a repeated parameter keeps its last value.
using QueryParams = std::map<std::string, std::string>;

// The CLI's flags without the dashes: from, to, tz, interval, compare, by,
// where, definitions, session_timeout, conversion_events, activation_event,
// activation_days, csat_min, ces_lower_is_easier, format (json|csv),
// threads. An unknown or bad parameter is a 400 naming it.
ApiAnswer MetricsApi(const std::string& db, const engine::Config& config, const QueryParams& params);

ApiAnswer SegmentsApi(const std::string& db);

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_INTERIM_API_H_
