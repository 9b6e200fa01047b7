// RunMetrics: `touchpoint metrics` end to end: one parallel scan of the
// store computing the whole measure catalogue (kernels/measure_consumer.h),
// then intervals, benchmark bands, and, with a comparison range, the
// significance of every change and its decomposition by segment.
#ifndef TOUCHPOINT_ENGINE_METRICS_QUERY_H_
#define TOUCHPOINT_ENGINE_METRICS_QUERY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "kernels/definitions.h"
#include "kernels/metrics_report.h"
#include "kernels/period_grid.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

struct MetricsRequest {
  std::optional<int64_t> from_ms, to_ms;  // default: the data's whole time range
  std::string tz;                         // reporting zone; "" = UTC
  kernels::Interval interval = kernels::Interval::kNone;
  std::string by;
  std::string where;
  // Comparison: "previous" (the equally long range just before) or "FROM..TO".
  std::string compare;
  kernels::Definitions definitions;
  size_t threads = 0;
};

Result<kernels::MetricsReport> RunMetrics(std::shared_ptr<const store::Snapshot> snapshot,
                                          const MetricsRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_METRICS_QUERY_H_
