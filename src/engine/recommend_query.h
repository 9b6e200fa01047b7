// RunRecommend: product recommendations by item-to-item collaborative
// filtering (docs/prediction.md, "Recommendations"): one scan gathers each
// customer's purchased items (the `product` or `item` property); a model
// trained on the purchases before the holdout is scored on the items
// customers bought for the first time in it (hit rate at k, against the
// most-popular baseline); the model trained on everything recommends.
#ifndef TOUCHPOINT_ENGINE_RECOMMEND_QUERY_H_
#define TOUCHPOINT_ENGINE_RECOMMEND_QUERY_H_

#include <cstdint>
#include <memory>
#include <string>

#include "engine/analysis_request.h"
#include "models/recommend_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// The range, --where (which purchases count) and threads are
// AnalysisRequest's; --by is not supported.
struct RecommendRequest : AnalysisRequest {
  std::string customer;  // "" = every customer with a purchase
  size_t top = 10;
  int64_t holdout_ms = 30 * 86400 * 1000LL;  // the last part of the range held out
  size_t evaluate_k = 10;
};

Result<models::RecommendReport> RunRecommend(std::shared_ptr<const store::Snapshot> snapshot,
                                             const RecommendRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_RECOMMEND_QUERY_H_
