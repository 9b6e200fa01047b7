// RunLifecycle: `touchpoint lifecycle` end to end: one parallel scan with
// the lifecycle kernel (kernels/lifecycle_consumer.h) over all history, then
// per-period stage counts, movements, activation and stickiness
// (docs/lifecycle.md).
#ifndef TOUCHPOINT_ENGINE_LIFECYCLE_QUERY_H_
#define TOUCHPOINT_ENGINE_LIFECYCLE_QUERY_H_

#include <memory>
#include <optional>
#include <string>

#include "engine/analysis_request.h"
#include "kernels/definitions.h"
#include "kernels/lifecycle_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// The reported range, --by (of the customer's first event), --where and
// threads are AnalysisRequest's.
struct LifecycleRequest : AnalysisRequest {
  std::string period = "month";  // day, week or month
  std::string tz;
  std::optional<int> churn_after;  // periods; default kernels::DefaultChurnAfter
  // Activation event and window, inactive events (config defaults).
  kernels::Definitions definitions;
  // Set when the user named the activation event: it must exist in the store.
  bool activation_event_given = false;
};

Result<kernels::LifecycleReport> RunLifecycle(std::shared_ptr<const store::Snapshot> snapshot,
                                              const LifecycleRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_LIFECYCLE_QUERY_H_
