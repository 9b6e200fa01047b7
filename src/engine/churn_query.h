// RunChurn: churn risk end to end (docs/prediction.md, "Churn risk"): one
// scan gathers features and labels at three cut-offs one horizon apart
// (models/churn_consumer.h); gradient-boosted trees learn on the first,
// are evaluated on the second (AUC, top-decile precision and recall,
// calibration, SHAP drivers), and, refitted on the second, score every
// customer active at the as-of date. The two models are independent: with
// two or more threads they train at the same time, one thread each.
#ifndef TOUCHPOINT_ENGINE_CHURN_QUERY_H_
#define TOUCHPOINT_ENGINE_CHURN_QUERY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "engine/analysis_request.h"
#include "kernels/definitions.h"
#include "models/boosted_trees.h"
#include "models/churn_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// --where (which events the model sees) and threads are AnalysisRequest's;
// the range's end is the default as-of date; --by is not supported.
struct ChurnRequest : AnalysisRequest {
  std::optional<int64_t> as_of_ms;               // default: the end of the range
  int64_t horizon_ms = 30 * 86400 * 1000LL;      // churn = inactive this long after a cut-off
  int64_t lookback_ms = 90 * 86400 * 1000LL;     // active = some activity this long before it
  models::BoostingParams boosting;               // threads come from AnalysisRequest
  // Each model learns from at most this many customers of its window (an
  // even sample in scan order, which is hash order: random by customer).
  size_t max_training_rows = 50000;
};

// Each of the training and test windows needs this many churners and this
// many who stayed, or the analysis refuses.
inline constexpr uint64_t kMinChurnClass = 20;

// The drivers' SHAP values are computed on at most this many test customers
// (evenly spaced in scan order).
inline constexpr size_t kShapSampleRows = 2000;

Result<models::ChurnReport> RunChurn(std::shared_ptr<const store::Snapshot> snapshot, const ChurnRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_CHURN_QUERY_H_
