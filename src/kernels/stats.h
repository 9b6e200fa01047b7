// Confidence intervals and significance tests for the measure catalogue
// (docs/metrics.md, "Intervals and tests"). Percent-scale inputs and outputs
// where the measure is a percentage. Thread-safe (pure functions).
#ifndef TOUCHPOINT_KERNELS_STATS_H_
#define TOUCHPOINT_KERNELS_STATS_H_

#include <cstdint>

namespace touchpoint::kernels {

struct ConfidenceInterval {
  double low = 0;
  double high = 0;
};

// Wilson score interval for successes/n, as percentages (0-100). n = 0: {0, 100}.
ConfidenceInterval WilsonPercent(uint64_t successes, uint64_t n, double z = 1.959963984540054);

// NPS = 100 (p - d) with p, d the promoter and detractor shares of n answers.
// Its standard error treats the score as the mean of +1/0/-1 answers:
// se = 100 sqrt((p + d - (p - d)^2) / n). Returns the normal 95% interval,
// clipped to [-100, 100].
ConfidenceInterval NpsInterval(uint64_t promoters, uint64_t detractors, uint64_t n);
double NpsStandardError(uint64_t promoters, uint64_t detractors, uint64_t n);

// Student-t 95% interval for a mean from n, sum and sum of squares.
ConfidenceInterval MeanInterval(uint64_t n, double sum, double sum_squares);
double SampleVariance(uint64_t n, double sum, double sum_squares);

// Two-sided p-values.
// Two-proportion z-test with the pooled proportion.
double TwoProportionPValue(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2);
// Difference of two NPS values, z = (nps1 - nps2) / sqrt(se1^2 + se2^2).
double NpsDifferencePValue(uint64_t p1, uint64_t d1, uint64_t n1, uint64_t p2, uint64_t d2, uint64_t n2);
// Welch's t-test on two means given as (n, sum, sum of squares).
double WelchPValue(uint64_t n1, double sum1, double sumsq1, uint64_t n2, double sum2, double sumsq2);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_STATS_H_
