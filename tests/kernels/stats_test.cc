// Intervals and tests against values computed independently (the Wilson and
// NPS formulas evaluated in Python; t and Welch values from scipy.stats).
#include "kernels/stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace touchpoint::kernels {
namespace {

TEST(Stats, WilsonMatchesTheClosedForm) {
  ConfidenceInterval ci = WilsonPercent(50, 1000);  // the seeds' 5% CTR example
  EXPECT_NEAR(ci.low, 3.813026239274882, 1e-9);
  EXPECT_NEAR(ci.high, 6.531382024425081, 1e-9);
  ci = WilsonPercent(800, 1000);  // the seeds' 80% CSAT example
  EXPECT_NEAR(ci.low, 77.40810353518654, 1e-9);
  EXPECT_NEAR(ci.high, 82.36229095568015, 1e-9);
  ci = WilsonPercent(0, 10);
  EXPECT_NEAR(ci.low, 0, 1e-12);
  EXPECT_NEAR(ci.high, 27.75327998628892, 1e-9);
  ci = WilsonPercent(0, 0);
  EXPECT_EQ(ci.low, 0);
  EXPECT_EQ(ci.high, 100);
}

TEST(Stats, NpsIntervalUsesTheSpreadOfPlusOneZeroMinusOne) {
  // 60% promoters, 10% detractors of 1000: NPS 50, se = 100 sqrt((0.7 - 0.25) / 1000).
  EXPECT_NEAR(NpsStandardError(600, 100, 1000), 2.1213203435596424, 1e-12);
  ConfidenceInterval ci = NpsInterval(600, 100, 1000);
  EXPECT_NEAR(ci.low, 45.842288526950966, 1e-9);
  EXPECT_NEAR(ci.high, 54.157711473049034, 1e-9);
}

TEST(Stats, MeanIntervalUsesStudentT) {
  // Values 1..5: mean 3, sd sqrt(2.5), t(0.975, 4) = 2.7764451051977987.
  const double sum = 15, sum2 = 55;
  ConfidenceInterval ci = MeanInterval(5, sum, sum2);
  const double half = 2.7764451051977987 * std::sqrt(2.5 / 5);
  EXPECT_NEAR(ci.low, 3 - half, 1e-9);
  EXPECT_NEAR(ci.high, 3 + half, 1e-9);
}

TEST(Stats, TwoProportionZTest) {
  // 50/1000 vs 80/1000: pooled p = 0.065, z = -2.7211; 2 * scipy.stats.norm.sf(2.7211) = 0.0065066.
  EXPECT_NEAR(TwoProportionPValue(50, 1000, 80, 1000), 0.00650659748363783, 1e-12);
  EXPECT_NEAR(TwoProportionPValue(50, 1000, 50, 1000), 1.0, 1e-12);
}

TEST(Stats, WelchTTest) {
  // a = 1..5, b = 3, 4.5, 6, 7.5, 9: scipy.stats.ttest_ind(a, b, equal_var=False).pvalue.
  const double sa = 15, sa2 = 55;
  const double sb = 30, sb2 = 9 + 20.25 + 36 + 56.25 + 81;
  EXPECT_NEAR(WelchPValue(5, sa, sa2, 5, sb, sb2), 0.05099038390670224, 1e-9);
}

}  // namespace
}  // namespace touchpoint::kernels
