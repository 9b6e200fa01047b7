// RunSegments: customer segments (docs/prediction.md, "Segments"):
//   rfm         recency / frequency / monetary quintiles and named segments
//               of the customers with a purchase before the as-of date;
//   kmeans      k-means on standardised behaviour features, k by silhouette;
//   predictive  churn risk (engine/churn_query.h) x predicted value
//               (engine/clv_query.h) of the customers both score.
#ifndef TOUCHPOINT_ENGINE_SEGMENTS_QUERY_H_
#define TOUCHPOINT_ENGINE_SEGMENTS_QUERY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "engine/analysis_request.h"
#include "engine/churn_query.h"
#include "engine/clv_query.h"
#include "kernels/definitions.h"
#include "models/segments_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// --where and threads are AnalysisRequest's; the range's end is the default
// as-of date; --by is not supported.
struct SegmentsRequest : AnalysisRequest {
  std::string method = "rfm";  // rfm, kmeans, predictive
  std::optional<int64_t> as_of_ms;
  size_t min_k = 2, max_k = 8;
  uint64_t seed = 1;
  // predictive: the two analyses it joins (their range, where and threads
  // are taken from this request).
  ChurnRequest churn;
  ClvRequest clv;
  double risk_threshold = 0.5;  // risk at or above: at risk
};

// k-means fits on at most this many customers (evenly spaced in scan
// order), then assigns everyone to the nearest centre.
inline constexpr size_t kKMeansFitRows = 50000;

Result<models::SegmentsReport> RunSegments(std::shared_ptr<const store::Snapshot> snapshot,
                                           const SegmentsRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_SEGMENTS_QUERY_H_
