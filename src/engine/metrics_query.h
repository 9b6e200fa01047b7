// RunMetrics: `touchpoint metrics` end to end: one parallel scan of the
// store computing the whole measure catalogue (kernels/measure_consumer.h),
// then intervals, benchmark bands, and, with a comparison range, the
// significance of every change and its decomposition by segment.
#ifndef TOUCHPOINT_ENGINE_METRICS_QUERY_H_
#define TOUCHPOINT_ENGINE_METRICS_QUERY_H_

#include <memory>
#include <string>

#include "engine/analysis_request.h"
#include "kernels/measure_spec.h"
#include "kernels/metrics_report.h"
#include "kernels/period_grid.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

struct MetricsRequest : AnalysisRequest {
  kernels::Interval interval = kernels::Interval::kNone;
  kernels::CutScope by_scope = kernels::CutScope::kMeasure;  // how --by splits (docs/metrics.md, "Cuts")
  // Comparison: "previous" (the equally long range just before) or "FROM..TO".
  std::string compare;
};

Result<kernels::MetricsReport> RunMetrics(std::shared_ptr<const store::Snapshot> snapshot,
                                          const MetricsRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_METRICS_QUERY_H_
