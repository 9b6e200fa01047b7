// ScoreCustomers: per-customer P(alive), expected purchases over a horizon,
// expected average spend and discounted lifetime value from a fitted count
// model and spend model (docs/prediction.md, "Customer lifetime value").
//
//   clv = E[spend] * P(alive) * sum_k [K(t_k) - K(t_{k-1})] (1 + d)^(-t_k / year)
//
// with K = CountModel::AliveExpected(x, T, .) and t_k = k * step up to the
// horizon: the expected purchases of each step, discounted at the step's end
// by the annual rate d. K depends on (x, T) only, so it is evaluated once
// per distinct (x, T) (customers with the same day counts share it).
// Thread-safe; uses up to `threads` threads.
#ifndef TOUCHPOINT_MODELS_CLV_SCORING_H_
#define TOUCHPOINT_MODELS_CLV_SCORING_H_

#include <vector>

#include "models/count_model.h"
#include "models/gamma_gamma.h"

namespace touchpoint::models {

struct ClvScoringSpec {
  double horizon = 52;          // time units
  double step = 1;              // discounting step, time units
  double annual_discount_rate = 0.10;
  double units_per_year = 365.25 / 7;
  size_t threads = 1;
};

struct ClvScores {
  std::vector<double> p_alive, expected_purchases, expected_spend, clv;
};

// x, tx, T in time units; m = mean repeat spend (0 without one). `spend`
// may be null (no spend model): expected_spend and clv are then NaN.
ClvScores ScoreCustomers(const CountModel& model, const CountParams& params, const GammaGammaParams* spend,
                         const std::vector<double>& x, const std::vector<double>& tx, const std::vector<double>& T,
                         const std::vector<double>& m, const ClvScoringSpec& spec);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_CLV_SCORING_H_
