// SimulatePurchases: purchase histories drawn from a count model and the
// Gamma-Gamma spend model with known parameters, for recovery tests and the
// benchmark (docs/prediction.md, "Simulation"). Each customer makes a first
// purchase at a uniform time in [0, acquisition_span), then repeat purchases
// by the model's process until `end`. Deterministic for a seed (std::mt19937_64
// and libstdc++'s distributions). Pure; thread-safe.
#ifndef TOUCHPOINT_MODELS_SIMULATE_H_
#define TOUCHPOINT_MODELS_SIMULATE_H_

#include <cstdint>
#include <vector>

#include "models/count_model.h"
#include "models/gamma_gamma.h"
#include "models/rfm_data.h"

namespace touchpoint::models {

struct SimulationSpec {
  CountModelKind kind = CountModelKind::kBgNbd;
  CountParams params{};              // the count model's, in time units
  GammaGammaParams spend{};          // p, q, v of purchase values
  double acquisition_span = 12;      // first purchases in [0, span)
  double end = 39;                   // observation end (> span)
  uint64_t seed = 1;
};

// Purchases in customer order, time order within a customer; a customer's
// first row is their first purchase.
struct SimulatedPurchases {
  std::vector<uint32_t> customer;
  std::vector<double> time, value;
  size_t customers = 0;
};

SimulatedPurchases SimulatePurchases(const SimulationSpec& spec, size_t customers);

// The customers' x, t_x and T in the model's continuous time (no calendar
// days), observed until `end`: what a recovery check fits.
RfmData SimulatedRfm(const SimulatedPurchases& purchases, double end);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_SIMULATE_H_
