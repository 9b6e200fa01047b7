#include "demo/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace touchpoint::demo {
namespace {

constexpr int kDraws = 200000;

TEST(Rng, SameSeedSameStream) {
  Rng a(42), b(42), c(43);
  bool differs = false;
  for (int i = 0; i < 100; ++i) {
    const uint64_t x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs |= x != c.Next();
  }
  EXPECT_TRUE(differs);
  EXPECT_NE(DeriveSeed(42, 1), DeriveSeed(42, 2));
  EXPECT_NE(DeriveSeed(42, 1), DeriveSeed(43, 1));
}

TEST(Rng, UniformStaysInRange) {
  Rng rng(1);
  double sum = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double u = rng.Uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    ASSERT_LT(rng.Below(7), 7u);
    sum += u;
  }
  EXPECT_NEAR(sum / kDraws, 0.5, 0.005);
}

TEST(Rng, SamplerMomentsMatchTheirDistributions) {
  Rng rng(2);
  double normal = 0, normal_sq = 0, expo = 0, geo = 0;
  std::vector<double> lognormal, pareto;
  for (int i = 0; i < kDraws; ++i) {
    const double z = rng.Normal();
    normal += z;
    normal_sq += z * z;
    expo += rng.Exponential(2.0);
    geo += static_cast<double>(rng.Geometric(0.25));  // mean (1 - p) / p = 3
    lognormal.push_back(rng.LogNormal(std::log(45.0), 0.85));
    pareto.push_back(rng.Pareto(1.0, 2.0));  // median 2^(1/2)
  }
  EXPECT_NEAR(normal / kDraws, 0.0, 0.01);
  EXPECT_NEAR(normal_sq / kDraws, 1.0, 0.02);
  EXPECT_NEAR(expo / kDraws, 2.0, 0.03);
  EXPECT_NEAR(geo / kDraws, 3.0, 0.05);
  std::nth_element(lognormal.begin(), lognormal.begin() + kDraws / 2, lognormal.end());
  EXPECT_NEAR(lognormal[kDraws / 2], 45.0, 1.0);
  std::nth_element(pareto.begin(), pareto.begin() + kDraws / 2, pareto.end());
  EXPECT_NEAR(pareto[kDraws / 2], std::sqrt(2.0), 0.02);
  EXPECT_EQ(rng.Geometric(1.0), 0u);
}

TEST(Rng, PickFollowsWeights) {
  Rng rng(3);
  const double weights[] = {1, 0, 3};
  int counts[3] = {0, 0, 0};
  for (int i = 0; i < kDraws; ++i) ++counts[rng.Pick(weights)];
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(static_cast<double>(counts[0]) / kDraws, 0.25, 0.005);
}

}  // namespace
}  // namespace touchpoint::demo
