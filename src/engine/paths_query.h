// RunPaths: `touchpoint paths` end to end (docs/paths.md): one parallel scan
// with the journeys kernel (kernels/paths_consumer.h), then top paths,
// transitions, touchpoints, exits, the Sankey graph and the funnel chart.
#ifndef TOUCHPOINT_ENGINE_PATHS_QUERY_H_
#define TOUCHPOINT_ENGINE_PATHS_QUERY_H_

#include <memory>
#include <string>

#include "engine/analysis_request.h"
#include "kernels/paths_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// --by cuts by the path's first event; the definitions give the session
// rules and the conversion events; the reporting zone is where sessions
// split at midnight (matomo preset).
struct PathsRequest : AnalysisRequest {
  std::string touchpoint = "event";  // event, channel:event, channel, page, campaign
  std::string scope = "session";     // session or customer
  bool collapse = true;
  int depth = 5;
  size_t top = 20;
  std::string start, end;  // a touchpoint label; at most one
  bool include_inactive = false;  // impressions, email_sent... as touchpoints
};

Result<kernels::PathsReport> RunPaths(std::shared_ptr<const store::Snapshot> snapshot, const PathsRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_PATHS_QUERY_H_
