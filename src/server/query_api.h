// QueryApi: every analysis of the registry (engine/analysis_registry.h) at
// GET /api/NAME, with the CLI's flags as query parameters (named without
// the dashes: /api/funnel?steps=page_view,signup,purchase&window=7d&by=channel;
// repeat a parameter to repeat a flag), answering exactly what
// `touchpoint NAME --format json` prints (format=csv: the CLI's CSV). A bad
// parameter or an unknown name is a 400 with the CLI's message; parameters
// that would write files (--customers, --dropped-out) are not taken here.
// Identical requests on unchanged data (the same data stamp) are answered
// from a small cache. Also GET /api/derived: the derived columns and their
// values (`touchpoint derived --list`), for the dashboard's segment filter; and GET /api/info: what
// `touchpoint info --format json` prints (events by type, channel and
// campaign, properties, time range), for its lists of names; and GET
// /api/report: the shareable HTML report of `touchpoint report`.
//
// Thread-safe: each request opens its own read-only view of the store; the
// cache is locked.
#ifndef TOUCHPOINT_SERVER_QUERY_API_H_
#define TOUCHPOINT_SERVER_QUERY_API_H_

#include <cstddef>
#include <list>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/config.h"

namespace touchpoint::server {

struct ApiAnswer {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// Query parameters in the order given; a name may repeat.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

class QueryApi {
 public:
  // Answers kept for repeated requests (the dashboard asks the same
  // overview again on every filter change back).
  static constexpr size_t kCacheEntries = 64;

  QueryApi(std::string db, engine::Config config) : db_(std::move(db)), config_(std::move(config)) {}

  // GET /api/NAME. `params` excludes the query key.
  ApiAnswer Analysis(std::string_view name, const QueryParams& params);
  // GET /api/derived.
  ApiAnswer Derived() const;
  // GET /api/info.
  ApiAnswer Info();
  // GET /api/report: `touchpoint report`'s HTML (server/html_report.h) for
  // the common parameters (from, to, tz, where, definitions) and steps,
  // window, title.
  ApiAnswer Report(const QueryParams& params) const;

 private:
  // The cached answer for `key`, if any (and marks it most recently used).
  bool FromCache(const std::string& key, ApiAnswer* answer);
  void Remember(std::string key, const ApiAnswer& answer);

  const std::string db_;
  const engine::Config config_;
  std::mutex mu_;
  // Most recently used first: (key, answer).
  std::list<std::pair<std::string, ApiAnswer>> cache_;
};

// The OpenAPI 3.1 document's query part: one GET path per registered
// analysis with its parameters (server/openapi.h adds the rest).
std::string AnalysisPathsJson();

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_QUERY_API_H_
