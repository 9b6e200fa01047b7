#include "kernels/attribution_models.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace touchpoint::kernels {

std::string_view AttributionModelName(AttributionModel model) {
  switch (model) {
    case AttributionModel::kFirstTouch:
      return "first_touch";
    case AttributionModel::kLastTouch:
      return "last_touch";
    case AttributionModel::kLinear:
      return "linear";
    case AttributionModel::kTimeDecay:
      return "time_decay";
    case AttributionModel::kPositionBased:
      return "position_based";
    case AttributionModel::kMarkov:
      return "markov";
  }
  return "";
}

void PathWeights(AttributionModel model, const int64_t* ages_ms, size_t n, int64_t half_life_ms, double* weights) {
  assert(n >= 1 && model != AttributionModel::kMarkov);
  std::fill(weights, weights + n, 0.0);
  switch (model) {
    case AttributionModel::kFirstTouch:
      weights[0] = 1;
      return;
    case AttributionModel::kLastTouch:
      weights[n - 1] = 1;
      return;
    case AttributionModel::kLinear:
      std::fill(weights, weights + n, 1.0 / static_cast<double>(n));
      return;
    case AttributionModel::kTimeDecay: {
      // Ages measured from the youngest touch: the same shares after
      // normalising, and the youngest weighs 1, so the sum never underflows.
      const int64_t youngest = *std::min_element(ages_ms, ages_ms + n);
      double sum = 0;
      for (size_t i = 0; i < n; ++i) {
        weights[i] = std::exp2(-static_cast<double>(ages_ms[i] - youngest) / static_cast<double>(half_life_ms));
        sum += weights[i];
      }
      for (size_t i = 0; i < n; ++i) weights[i] /= sum;
      return;
    }
    case AttributionModel::kPositionBased:
      if (n <= 2) {
        std::fill(weights, weights + n, 1.0 / static_cast<double>(n));
        return;
      }
      weights[0] = weights[n - 1] = kPositionEndShare;
      for (size_t i = 1; i + 1 < n; ++i) weights[i] = (1 - 2 * kPositionEndShare) / static_cast<double>(n - 2);
      return;
    case AttributionModel::kMarkov:
      return;
  }
}

}  // namespace touchpoint::kernels
