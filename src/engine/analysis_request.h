// AnalysisRequest: what every analysis request (metrics, funnel, retention,
// paths, attribution, lifecycle) says about its scan: the time range, the
// --by cut, the --where filter and the thread count. Each request derives
// from it and adds its own options, so the CLI fills these in one place
// (cli/analysis_flags.h) and AnalysisScan defaults the range in one place.
// Plain data; copyable.
#ifndef TOUCHPOINT_ENGINE_ANALYSIS_REQUEST_H_
#define TOUCHPOINT_ENGINE_ANALYSIS_REQUEST_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace touchpoint::engine {

struct AnalysisRequest {
  std::optional<int64_t> from_ms, to_ms;  // [from, to); each defaults to the data's span
  std::string by;                         // a column, property or derived:NAME; "" = no cut
  std::string where;                      // kernels/event_filter.h; "" = every event
  size_t threads = 0;                     // scan threads; 0 = one per hardware thread
};

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ANALYSIS_REQUEST_H_
