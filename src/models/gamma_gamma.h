// GammaGamma: the spend model of Fader & Hardie (2013, "The Gamma-Gamma
// model of monetary value"): a customer's purchase values are gamma(p, nu)
// with a customer-level nu ~ gamma(q, v), independent of how often they buy.
// Fitted on the repeat buyers' mean repeat-purchase value m and count x;
// gives each customer's expected average purchase value. Formulas in
// docs/prediction.md. Pure functions; thread-safe.
#ifndef TOUCHPOINT_MODELS_GAMMA_GAMMA_H_
#define TOUCHPOINT_MODELS_GAMMA_GAMMA_H_

#include <array>
#include <string>
#include <vector>

#include "util/status.h"

namespace touchpoint::models {

struct GammaGammaParams {
  double p = 0, q = 0, v = 0;
};

struct GammaGammaFit {
  GammaGammaParams params;
  std::array<double, 3> std_errors{};  // p, q, v; NaN where not defined
  double log_likelihood = 0;
  size_t customers = 0;  // repeat buyers fitted (x > 0 and m > 0)
  bool converged = false;
  std::vector<std::string> warnings;
};

// Sum over customers of log f(m | p, q, v; x); `gradient` (when not null)
// gets d/d log of (p, q, v). Only rows with x > 0 and m > 0 count.
double GammaGammaLogLikelihood(const GammaGammaParams& params, const std::vector<double>& x,
                               const std::vector<double>& m, double* gradient, size_t threads = 1);

// Errors: fewer than kMinGammaGammaCustomers usable rows.
Result<GammaGammaFit> FitGammaGamma(const std::vector<double>& x, const std::vector<double>& m, size_t threads = 1);
inline constexpr size_t kMinGammaGammaCustomers = 10;

// E[M | p, q, v, m, x] = (v + x m) p / (p x + q - 1); without a repeat
// purchase (x = 0 or no value) the population mean p v / (q - 1). NaN when
// q <= 1 (the mean does not exist).
double ExpectedSpend(const GammaGammaParams& params, double x, double m);

// Pearson correlation of x and m over the rows with x > 0 and m > 0: the
// model assumes spend is independent of frequency. NaN with < 3 rows.
double FrequencySpendCorrelation(const std::vector<double>& x, const std::vector<double>& m);
// |correlation| at or above this is reported as a violated assumption.
inline constexpr double kSpendCorrelationWarning = 0.3;

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_GAMMA_GAMMA_H_
