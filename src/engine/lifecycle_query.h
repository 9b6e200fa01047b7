// RunLifecycle: `touchpoint lifecycle` end to end: one parallel scan with
// the lifecycle kernel (kernels/lifecycle_consumer.h) over all history, then
// per-period stage counts, movements, activation and stickiness
// (docs/lifecycle.md), and, when asked, each customer's current stage.
#ifndef TOUCHPOINT_ENGINE_LIFECYCLE_QUERY_H_
#define TOUCHPOINT_ENGINE_LIFECYCLE_QUERY_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/analysis_request.h"
#include "kernels/lifecycle_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// --by cuts by the customer's first activity; the definitions give the
// activation event and window and the inactive events.
struct LifecycleRequest : AnalysisRequest {
  std::string period = "month";  // day, week or month
  std::optional<int> churn_after;  // periods; default kernels::DefaultChurnAfter
  // Keep every customer's stage in the last period (LifecycleReport::stages).
  bool collect_stages = false;
};

Result<kernels::LifecycleReport> RunLifecycle(std::shared_ptr<const store::Snapshot> snapshot,
                                              const LifecycleRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_LIFECYCLE_QUERY_H_
