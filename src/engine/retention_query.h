// RunRetention: `touchpoint retention` end to end: one scan with the
// retention kernel, then the matrix with percentages, complete periods and
// the size-weighted average curve (docs/retention.md).
#ifndef TOUCHPOINT_ENGINE_RETENTION_QUERY_H_
#define TOUCHPOINT_ENGINE_RETENTION_QUERY_H_

#include <memory>
#include <optional>
#include <string>

#include "engine/analysis_request.h"
#include "kernels/retention_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// The range bounds the cohorts' starts; --by cuts by the cohort event; the
// definitions' inactive events are neither cohort starts nor returns.
struct RetentionRequest : AnalysisRequest {
  std::string cohort = "first_seen";  // or an event name
  std::string return_event = "any";   // or an event name
  std::string period = "week";
  std::optional<int> periods;  // columns; default: up to the end of the data
  bool unbounded = false;
};

Result<kernels::RetentionReport> RunRetention(std::shared_ptr<const store::Snapshot> snapshot, const RetentionRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_RETENTION_QUERY_H_
