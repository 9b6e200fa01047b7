// RecommendReport: the result of the recommender (engine/recommend_query.h):
// the holdout evaluation against the most-popular baseline, and each
// requested customer's top items from the model trained on all purchases.
// JSON in report/recommend_format.h (docs/prediction.md). Plain data.
#ifndef TOUCHPOINT_MODELS_RECOMMEND_REPORT_H_
#define TOUCHPOINT_MODELS_RECOMMEND_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/result_header.h"

namespace touchpoint::models {

struct RecommendEvaluation {
  std::string holdout_from;      // ISO: purchases from here on are the holdout
  uint64_t customers = 0;        // with items before and a new item after the cut-off
  uint64_t hits = 0, popular_hits = 0;
  double hit_rate = 0, popular_hit_rate = 0;  // share of customers with a hit in their top k
  double lift = 0;               // hit_rate / popular_hit_rate
  size_t k = 10;
};

struct RecommendReport {
  kernels::ResultHeader header;  // range, zone, scanned events, wall time
  std::string item_property;  // product or item
  uint64_t items = 0, customers = 0, purchases = 0;
  RecommendEvaluation evaluation;
  size_t top = 10;
  // Per customer: their top items, best first.
  std::vector<std::string> customer_id;
  std::vector<std::vector<std::string>> recommendations;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_RECOMMEND_REPORT_H_
