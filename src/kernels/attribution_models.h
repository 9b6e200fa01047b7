// Attribution models: how one conversion's credit is split over the
// touchpoints of its path (docs/attribution.md, "Models"). The rule-based
// models are per-path weights summing to 1; the data-driven Markov model
// needs every path at once (kernels/markov_chain.h) and is applied at the end.
// Pure functions; thread-safe.
#ifndef TOUCHPOINT_KERNELS_ATTRIBUTION_MODELS_H_
#define TOUCHPOINT_KERNELS_ATTRIBUTION_MODELS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace touchpoint::kernels {

enum class AttributionModel : int {
  kFirstTouch = 0,
  kLastTouch,
  kLinear,
  kTimeDecay,
  kPositionBased,
  kMarkov,
};

inline constexpr size_t kAttributionModelCount = 6;
// The rule-based models come first: they are credited per path.
inline constexpr size_t kPathModelCount = 5;

// "first_touch", "last_touch", "linear", "time_decay", "position_based", "markov".
std::string_view AttributionModelName(AttributionModel model);

// Position-based (U-shaped) shares: first and last touch 40% each, the
// middle touches share the remaining 20% equally (Google Ads' definition).
inline constexpr double kPositionEndShare = 0.4;

// Writes the share of touchpoint i of an n-touch path (n >= 1) under `model`
// into weights[i]; the shares sum to 1. `ages_ms[i]` = conversion time minus
// touch time (>= 0), read by the time-decay model only: weight
// 2^(-age / half_life), normalised over the path. Position-based gives a
// single touch 100% and two touches 50% each. REQUIRES: model is not kMarkov.
void PathWeights(AttributionModel model, const int64_t* ages_ms, size_t n, int64_t half_life_ms, double* weights);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_ATTRIBUTION_MODELS_H_
