// AnalysisRequest: what every analysis request says, the same way for all
// of them (docs/api.md, "Parameters every analysis accepts"): the range,
// the reporting zone, the cut, the filters, the definitions and the thread
// count. Each analysis's request derives from it and adds its own
// parameters; AnalysisScan reads these in one place. Plain data; copyable.
#ifndef TOUCHPOINT_ENGINE_ANALYSIS_REQUEST_H_
#define TOUCHPOINT_ENGINE_ANALYSIS_REQUEST_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kernels/definitions.h"

namespace touchpoint::engine {

struct AnalysisRequest {
  std::optional<int64_t> from_ms, to_ms;  // [from, to); each defaults to the data's span
  std::string tz;                         // reporting zone (IANA); "" = UTC
  std::vector<std::string> by;            // up to two columns, properties or derived:NAME
  std::vector<std::string> where;         // kernels/event_filter.h expressions, ANDed
  kernels::Definitions definitions;       // config, then preset, then flags
  size_t threads = 0;                     // scan threads; 0 = one per hardware thread
  // Events the user named in definition parameters (--conversion,
  // --activation): checked against the store before the scan, as
  // {parameter, event}. Defaults (purchase, activation) are not: a store
  // without purchases still answers.
  std::vector<std::pair<std::string, std::string>> named_events;
};

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ANALYSIS_REQUEST_H_
