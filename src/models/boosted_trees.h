// BoostedTrees: a gradient-boosted tree classifier (XGBoost's C API, binary
// logistic objective) on a dense float matrix with NaN for missing values:
// train, predict probabilities, and SHAP feature contributions (XGBoost's
// exact TreeSHAP). Errors from XGBoost come back as Status naming the call.
// Owns the booster; move-only. Predict and Contributions may be called from
// one thread at a time.
#ifndef TOUCHPOINT_MODELS_BOOSTED_TREES_H_
#define TOUCHPOINT_MODELS_BOOSTED_TREES_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/status.h"

namespace touchpoint::models {

struct BoostingParams {
  int rounds = 40;
  int max_depth = 4;
  double learning_rate = 0.3;
  double subsample = 0.8;
  double min_child_weight = 5;
  uint64_t seed = 1;
  // XGBoost's OpenMP workers spin while they wait: on a machine busy with
  // other work two threads ran training ten times slower than one (bench/
  // RESULTS.md, "Prediction"), so one is the default.
  size_t threads = 1;
};

class BoostedTrees {
 public:
  // x is rows x cols, row-major; y holds 0 / 1.
  static Result<BoostedTrees> Train(const std::vector<float>& x, const std::vector<float>& y, size_t rows, size_t cols,
                                    const BoostingParams& params);
  BoostedTrees(BoostedTrees&& other) noexcept;
  BoostedTrees& operator=(BoostedTrees&& other) noexcept;
  BoostedTrees(const BoostedTrees&) = delete;
  BoostedTrees& operator=(const BoostedTrees&) = delete;
  ~BoostedTrees();

  // P(label = 1) per row.
  Result<std::vector<float>> Predict(const std::vector<float>& x, size_t rows) const;
  // rows x (cols + 1) SHAP values on the log-odds scale, the last column the
  // bias; each row sums to the prediction's log-odds.
  Result<std::vector<float>> Contributions(const std::vector<float>& x, size_t rows) const;

 private:
  BoostedTrees(void* booster, size_t cols) : booster_(booster), cols_(cols) {}
  Result<std::vector<float>> Run(const std::vector<float>& x, size_t rows, int type, size_t width) const;
  void* booster_ = nullptr;  // BoosterHandle
  size_t cols_ = 0;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_BOOSTED_TREES_H_
