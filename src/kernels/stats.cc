#include "kernels/stats.h"

#include <gsl/gsl_cdf.h>

#include <algorithm>
#include <cmath>

namespace touchpoint::kernels {
namespace {

constexpr double kZ95 = 1.959963984540054;

double NormalTwoSided(double z) { return 2.0 * gsl_cdf_ugaussian_Q(std::fabs(z)); }

}  // namespace

ConfidenceInterval WilsonPercent(uint64_t successes, uint64_t n, double z) {
  if (n == 0) return {0, 100};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double denom = 1 + z2 / nn;
  const double center = (p + z2 / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
  // At 0 (or n) successes the bound is exactly 0 (100); rounding would
  // leave it a hair off, above (below) the point estimate.
  const double low = successes == 0 ? 0.0 : std::max(0.0, center - half);
  const double high = successes >= n ? 1.0 : std::min(1.0, center + half);
  return {100 * low, 100 * high};
}

double NpsStandardError(uint64_t promoters, uint64_t detractors, uint64_t n) {
  if (n == 0) return 0;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(promoters) / nn, d = static_cast<double>(detractors) / nn;
  const double var = p + d - (p - d) * (p - d);
  return 100 * std::sqrt(std::max(0.0, var) / nn);
}

ConfidenceInterval NpsInterval(uint64_t promoters, uint64_t detractors, uint64_t n) {
  if (n == 0) return {-100, 100};
  const double nps = 100.0 * (static_cast<double>(promoters) - static_cast<double>(detractors)) / static_cast<double>(n);
  const double se = NpsStandardError(promoters, detractors, n);
  return {std::max(-100.0, nps - kZ95 * se), std::min(100.0, nps + kZ95 * se)};
}

double SampleVariance(uint64_t n, double sum, double sum_squares) {
  if (n < 2) return 0;
  const double nn = static_cast<double>(n);
  return std::max(0.0, (sum_squares - sum * sum / nn) / (nn - 1));
}

ConfidenceInterval MeanInterval(uint64_t n, double sum, double sum_squares) {
  if (n == 0) return {0, 0};
  const double nn = static_cast<double>(n);
  const double mean = sum / nn;
  if (n < 2) return {mean, mean};
  const double se = std::sqrt(SampleVariance(n, sum, sum_squares) / nn);
  const double t = gsl_cdf_tdist_Pinv(0.975, nn - 1);
  return {mean - t * se, mean + t * se};
}

double TwoProportionPValue(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2) {
  if (n1 == 0 || n2 == 0) return 1;
  const double a = static_cast<double>(n1), b = static_cast<double>(n2);
  const double p1 = static_cast<double>(x1) / a, p2 = static_cast<double>(x2) / b;
  const double pooled = static_cast<double>(x1 + x2) / (a + b);
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / a + 1 / b));
  if (se == 0) return p1 == p2 ? 1 : 0;
  return NormalTwoSided((p1 - p2) / se);
}

double NpsDifferencePValue(uint64_t p1, uint64_t d1, uint64_t n1, uint64_t p2, uint64_t d2, uint64_t n2) {
  if (n1 == 0 || n2 == 0) return 1;
  const double nps1 = 100.0 * (static_cast<double>(p1) - static_cast<double>(d1)) / static_cast<double>(n1);
  const double nps2 = 100.0 * (static_cast<double>(p2) - static_cast<double>(d2)) / static_cast<double>(n2);
  const double se1 = NpsStandardError(p1, d1, n1), se2 = NpsStandardError(p2, d2, n2);
  const double se = std::sqrt(se1 * se1 + se2 * se2);
  if (se == 0) return nps1 == nps2 ? 1 : 0;
  return NormalTwoSided((nps1 - nps2) / se);
}

double WelchPValue(uint64_t n1, double sum1, double sumsq1, uint64_t n2, double sum2, double sumsq2) {
  if (n1 < 2 || n2 < 2) return 1;
  const double a = static_cast<double>(n1), b = static_cast<double>(n2);
  const double v1 = SampleVariance(n1, sum1, sumsq1) / a, v2 = SampleVariance(n2, sum2, sumsq2) / b;
  const double se = std::sqrt(v1 + v2);
  const double diff = sum1 / a - sum2 / b;
  if (se == 0) return diff == 0 ? 1 : 0;
  const double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (a - 1) + v2 * v2 / (b - 1));
  return 2.0 * gsl_cdf_tdist_Q(std::fabs(diff / se), df);
}

}  // namespace touchpoint::kernels
