// MarkovChain on small path sets worked out by hand (docs/attribution.md,
// "Markov model"): the classic three-path example, a chain with a cycle,
// self-loops, no paths, and the dense and iterative solvers agreeing.
#include "kernels/markov_chain.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace touchpoint::kernels {
namespace {

using Solver = MarkovChain::Solver;

constexpr double kEps = 1e-12;

void AddPath(MarkovChain* chain, std::vector<uint32_t> path, bool converted) {
  chain->AddPath(path.data(), path.size(), converted);
}

double Probability(const MarkovChain::Result& r, uint32_t from, uint32_t to) {
  for (const auto& t : r.transitions) {
    if (t.from == from && t.to == to) return t.probability;
  }
  return -1;
}

// Channels c1 = 0, c2 = 1, c3 = 2. Paths:
//   c1 > c2 > c3 > conversion
//   c1 > null
//   c2 > c3 > null
// Transitions: start -> c1 2/3, start -> c2 1/3; c1 -> c2 1/2, c1 -> null 1/2;
// c2 -> c3 1; c3 -> conversion 1/2, c3 -> null 1/2.
// P(conv | c3) = 1/2, | c2 = 1/2, | c1 = 1/2 * 1/2 = 1/4;
// P = 2/3 * 1/4 + 1/3 * 1/2 = 1/6 + 1/6 = 1/3.
// Without c1: P = 1/3 * 1/2 = 1/6, effect 1 - (1/6)/(1/3) = 1/2.
// Without c2: both routes pass c2, P = 0, effect 1. Without c3: effect 1.
// Effects sum to 5/2: shares c1 1/5, c2 2/5, c3 2/5.
MarkovChain ClassicExample() {
  MarkovChain chain(3);
  AddPath(&chain, {0, 1, 2}, true);
  AddPath(&chain, {0}, false);
  AddPath(&chain, {1, 2}, false);
  return chain;
}

TEST(MarkovChain, ClassicThreePathExample) {
  for (Solver solver : {Solver::kDense, Solver::kIterative}) {
    const MarkovChain::Result r = ClassicExample().Solve(solver);
    constexpr uint32_t c1 = MarkovChain::kFirstChannel, c2 = c1 + 1, c3 = c1 + 2;
    EXPECT_NEAR(Probability(r, MarkovChain::kStart, c1), 2.0 / 3, kEps);
    EXPECT_NEAR(Probability(r, MarkovChain::kStart, c2), 1.0 / 3, kEps);
    EXPECT_NEAR(Probability(r, c1, c2), 0.5, kEps);
    EXPECT_NEAR(Probability(r, c1, MarkovChain::kNull), 0.5, kEps);
    EXPECT_NEAR(Probability(r, c2, c3), 1.0, kEps);
    EXPECT_NEAR(Probability(r, c3, MarkovChain::kConversion), 0.5, kEps);
    EXPECT_EQ(r.transitions.size(), 7u);  // the six above and c3 -> null
    EXPECT_NEAR(r.conversion_probability, 1.0 / 3, kEps);
    ASSERT_EQ(r.removal_effect.size(), 3u);
    EXPECT_NEAR(r.removal_effect[0], 0.5, kEps);
    EXPECT_NEAR(r.removal_effect[1], 1.0, kEps);
    EXPECT_NEAR(r.removal_effect[2], 1.0, kEps);
  }
}

// A cycle: channels A = 0, B = 1. Paths:
//   A > B > conversion;  B > A > null;  A > conversion
// start -> A 2/3, -> B 1/3; A -> B, -> null, -> conversion 1/3 each;
// B -> conversion 1/2, B -> A 1/2.
// x_A = 1/3 x_B + 1/3, x_B = 1/2 + 1/2 x_A  =>  x_A = 1/6 + x_A/6 + 1/3,
// x_A = 3/5, x_B = 4/5; P = 2/3 * 3/5 + 1/3 * 4/5 = 2/3.
// Without A: x_B = 1/2, P = 1/3 * 1/2 = 1/6, effect 1 - (1/6)/(2/3) = 3/4.
// Without B: x_A = 1/3, P = 2/3 * 1/3 = 2/9, effect 1 - (2/9)/(2/3) = 2/3.
TEST(MarkovChain, CycleNeedsTheLinearSolve) {
  for (Solver solver : {Solver::kDense, Solver::kIterative}) {
    MarkovChain chain(2);
    AddPath(&chain, {0, 1}, true);
    AddPath(&chain, {1, 0}, false);
    AddPath(&chain, {0}, true);
    const MarkovChain::Result r = chain.Solve(solver);
    EXPECT_NEAR(r.conversion_probability, 2.0 / 3, kEps);
    EXPECT_NEAR(r.removal_effect[0], 3.0 / 4, kEps);
    EXPECT_NEAR(r.removal_effect[1], 2.0 / 3, kEps);
  }
}

// Repeating c1 (c1 > c1 > c2 > c3 > conversion instead of c1 > c2 > c3)
// adds a self-loop c1 -> c1 of 1/3 and makes c1 -> c2, c1 -> null 1/3 each:
// x_c1 = 1/3 x_c1 + 1/3 * 1/2, so x_c1 = 1/4 as before; nothing changes.
TEST(MarkovChain, SelfLoopsDoNotChangeAbsorption) {
  MarkovChain chain(3);
  AddPath(&chain, {0, 0, 1, 2}, true);
  AddPath(&chain, {0}, false);
  AddPath(&chain, {1, 2}, false);
  const MarkovChain::Result r = chain.Solve();
  EXPECT_NEAR(Probability(r, MarkovChain::kFirstChannel, MarkovChain::kFirstChannel), 1.0 / 3, kEps);
  EXPECT_NEAR(r.conversion_probability, 1.0 / 3, kEps);
  EXPECT_NEAR(r.removal_effect[0], 0.5, kEps);
  EXPECT_NEAR(r.removal_effect[1], 1.0, kEps);
}

TEST(MarkovChain, NoPathsOrNoConversions) {
  MarkovChain empty(2);
  const MarkovChain::Result r = empty.Solve();
  EXPECT_EQ(r.conversion_probability, 0);
  EXPECT_EQ(r.removal_effect, (std::vector<double>{0, 0}));
  EXPECT_TRUE(r.transitions.empty());

  MarkovChain lost(1);
  AddPath(&lost, {0}, false);
  AddPath(&lost, {}, true);  // an empty path adds nothing
  const MarkovChain::Result l = lost.Solve();
  EXPECT_EQ(l.conversion_probability, 0);
  EXPECT_EQ(l.removal_effect, (std::vector<double>{0}));
  EXPECT_EQ(l.transitions.size(), 2u);  // start -> c, c -> null
}

// More channels than kDenseMaxStates go to Gauss-Seidel: a ladder where
// channel i converts with probability 1/2 and else moves to i + 1, the last
// one converting or not with 1/2 each. Every path starts at channel 0, so
// P = 1 - 2^-n exactly; removing channel k leaves 1 - 2^-k (routes through
// channels 0..k-1 only), effect 1 - (1 - 2^-k) / (1 - 2^-n).
TEST(MarkovChain, LargeChainsSolveIteratively) {
  const size_t n = MarkovChain::kDenseMaxStates + 40;
  MarkovChain chain(n);
  for (uint32_t i = 0; i < n; ++i) {
    chain.Add(i == 0 ? MarkovChain::kStart : MarkovChain::kFirstChannel + i - 1, MarkovChain::kFirstChannel + i, 1);
    chain.Add(MarkovChain::kFirstChannel + i, MarkovChain::kConversion, 1);
  }
  chain.Add(MarkovChain::kFirstChannel + static_cast<uint32_t>(n) - 1, MarkovChain::kNull, 1);
  const MarkovChain::Result r = chain.Solve();
  const double p = 1 - std::ldexp(1.0, -static_cast<int>(n));
  EXPECT_NEAR(r.conversion_probability, p, 1e-12);
  for (int k : {0, 1, 5}) {
    EXPECT_NEAR(r.removal_effect[static_cast<size_t>(k)], 1 - (1 - std::ldexp(1.0, -k)) / p, 1e-12) << k;
  }
}

}  // namespace
}  // namespace touchpoint::kernels
