// ChurnConsumer: the churn model's data in one pass of the scan
// (docs/prediction.md, "Churn risk"). For three cut-offs, one horizon apart:
//   train  as_of - 2 horizon: features before it, label from the horizon after
//   test   as_of - horizon:   the same one horizon later (the time-based split)
//   score  as_of:             features only; the risk the report gives
// a customer is in a set when they were active in the lookback window before
// its cut-off; their label is 1 (churned) when they have no activity in the
// horizon after it, or cancel a subscription in it.
//
// The spec is owned by the caller and outlives the consumers; a consumer is
// used by one thread at a time (scan::CustomerConsumer).
#ifndef TOUCHPOINT_MODELS_CHURN_CONSUMER_H_
#define TOUCHPOINT_MODELS_CHURN_CONSUMER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "util/status.h"
#include "kernels/event_filter.h"
#include "models/churn_features.h"
#include "models/filtered_view.h"
#include "kernels/analysis_consumer.h"
#include "scan/scan_spec.h"

namespace touchpoint::models {

enum ChurnSet : int { kTrainSet = 0, kTestSet, kScoreSet, kChurnSets };

struct ChurnSpec {
  int64_t as_of_ms = 0;
  int64_t horizon_ms = 30 * 86400 * 1000LL;
  int64_t lookback_ms = 90 * 86400 * 1000LL;  // "active before the cut-off"
  const kernels::EventFilter* where = nullptr;
  ChurnFeatureSpec features;

  // Derived by Prepare.
  int64_t cutoff[kChurnSets] = {};
  std::vector<std::string> derived;

  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
};

// One set's rows: features row-major (rows x features), labels (train and
// test), customer ids (score).
struct ChurnRows {
  std::vector<float> x;
  std::vector<float> label;
  std::vector<std::string> customer_id;
  size_t rows = 0;
};

class ChurnConsumer : public kernels::AnalysisConsumer<ChurnConsumer> {
 public:
  explicit ChurnConsumer(const ChurnSpec& spec) : spec_(spec) {}
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(ChurnConsumer& other);

  ChurnRows& set(ChurnSet s) { return sets_[s]; }

 private:
  const ChurnSpec& spec_;
  ChurnRows sets_[kChurnSets];
  FilteredView filter_;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_CHURN_CONSUMER_H_
