// The count models against values computed independently with mpmath at 30
// digits from the papers' original formulas (the Pareto/NBD A0 integral by
// numerical quadrature instead of 2F1), at the published CDNOW parameters;
// hand-checked cases; analytic gradients against differences; and recovery
// of known parameters from simulated purchases.
#include <gtest/gtest.h>

#include <cmath>

#include "models/beta_geometric.h"
#include "models/count_model.h"
#include "models/count_model_fit.h"
#include "models/pareto_nbd.h"
#include "models/simulate.h"

namespace touchpoint::models {
namespace {

constexpr CountParams kBg = {0.243, 4.414, 0.793, 2.426};
constexpr CountParams kMbg = {0.525, 6.183, 0.891, 1.614};
constexpr CountParams kPareto = {0.553, 10.578, 0.606, 11.669};

struct Case {
  double x, tx, T, t;
  double bg_ll, bg_alive, bg_expected, mbg_ll, mbg_alive, mbg_expected, pareto_ll, pareto_alive, pareto_expected;
};

// mpmath 1.3 (mp.dps = 30); the second row is FHL 2005's worked example
// (E[Y(39) | 2, 30.43, 38.86] = 1.226).
constexpr Case kCases[] = {
    {0, 0, 38.86, 39, -0.55471327643815841, 1.0, 0.19509805201126291, -0.53983746353101449, 0.3897350809187629, 0.15401274667514656, -0.52104629408089013, 0.29528660461689408, 0.10708146821530885},
    {2, 30.43, 38.86, 39, -9.458606307066271, 0.726578570080673, 1.2260281747671405, -9.4855513145339311, 0.7062022651184873, 1.262960623267356, -9.5542832451504055, 0.86916755915301113, 1.4551231932576025},
    {7, 35.1, 37.0, 52, -21.86441315478976, 0.883200591847923, 5.9793448171582956, -21.797331769996385, 0.8732719910106113, 5.7403535844581743, -21.542395865360159, 0.97217723567907468, 6.3210329570283089},
    {1, 1.71, 38.86, 39, -4.4690932750325882, 0.2121009853773791, 0.20318698707975341, -4.4603606125843172, 0.17083648431040802, 0.18883654136434161, -4.4501943338810108, 0.16800232672434486, 0.17109298055378313},
    {25, 30.0, 31.5, 104, -37.660570852638151, 0.919035935172201, 37.441051708976743, -38.199943193655326, 0.9137282642692914, 34.216584702743796, -38.924330673033549, 0.96548504869426984, 39.912188483469427},
    {0, 0, 0.5, 52, -0.026075592802259547, 1.0, 1.3488879787457414, -0.026112789518640294, 0.6349010245454573, 1.3330218919768249, -0.025215754912892841, 0.97457894056901289, 1.3903253649501751},
    {3, 5.0, 35.0, 10, -9.6229573703573844, 0.0509653923434682, 0.039336232524439945, -9.5737620309513971, 0.049699069415498474, 0.039656558262430541, -9.7855017445087409, 0.079225620037914474, 0.058154260191070528},
};

RfmData One(double x, double tx, double T) { return RfmData{{x}, {tx}, {T}, {1}}; }

void ExpectRelative(double actual, double expected, double tolerance, const char* what, double x) {
  EXPECT_NEAR(actual, expected, tolerance * std::fabs(expected)) << what << " at x = " << x;
}

TEST(CountModels, MatchMpmathPerCustomer) {
  const auto bg = MakeCountModel(CountModelKind::kBgNbd);
  const auto mbg = MakeCountModel(CountModelKind::kMbgNbd);
  const auto pareto = MakeCountModel(CountModelKind::kParetoNbd);
  for (const Case& k : kCases) {
    const RfmData d = One(k.x, k.tx, k.T);
    ExpectRelative(bg->LogLikelihood(kBg, d, nullptr, 1), k.bg_ll, 1e-12, "bg ll", k.x);
    ExpectRelative(bg->PAlive(kBg, k.x, k.tx, k.T), k.bg_alive, 1e-12, "bg alive", k.x);
    ExpectRelative(bg->ConditionalExpected(kBg, k.x, k.tx, k.T, k.t), k.bg_expected, 1e-11, "bg expected", k.x);
    ExpectRelative(mbg->LogLikelihood(kMbg, d, nullptr, 1), k.mbg_ll, 1e-12, "mbg ll", k.x);
    ExpectRelative(mbg->PAlive(kMbg, k.x, k.tx, k.T), k.mbg_alive, 1e-12, "mbg alive", k.x);
    ExpectRelative(mbg->ConditionalExpected(kMbg, k.x, k.tx, k.T, k.t), k.mbg_expected, 1e-11, "mbg expected", k.x);
    ExpectRelative(pareto->LogLikelihood(kPareto, d, nullptr, 1), k.pareto_ll, 1e-11, "pareto ll", k.x);
    ExpectRelative(pareto->PAlive(kPareto, k.x, k.tx, k.T), k.pareto_alive, 1e-11, "pareto alive", k.x);
    ExpectRelative(pareto->ConditionalExpected(kPareto, k.x, k.tx, k.T, k.t), k.pareto_expected, 1e-11,
                   "pareto expected", k.x);
  }
}

TEST(CountModels, UnconditionalExpectationsMatchMpmath) {
  struct U {
    double t, bg, mbg, pareto;
  };
  constexpr U kU[] = {
      {1, 0.053267891171658639, 0.053084795263701618, 0.050979843245990884},
      {39, 1.1967231933208139, 1.1829536655971712, 1.2130028442810157},
      {78, 1.8605190579427653, 1.8047575775531491, 1.9093981293136852},
      {200, 3.1438555091115329, 2.9350487818836707, 3.3018531907269923},
  };
  for (const U& u : kU) {
    ExpectRelative(MakeCountModel(CountModelKind::kBgNbd)->UnconditionalExpected(kBg, u.t), u.bg, 1e-12, "bg", u.t);
    ExpectRelative(MakeCountModel(CountModelKind::kMbgNbd)->UnconditionalExpected(kMbg, u.t), u.mbg, 1e-12, "mbg", u.t);
    ExpectRelative(MakeCountModel(CountModelKind::kParetoNbd)->UnconditionalExpected(kPareto, u.t), u.pareto, 1e-12,
                   "pareto", u.t);
  }
}

TEST(CountModels, HandCheckedCases) {
  const auto bg = MakeCountModel(CountModelKind::kBgNbd);
  // BG/NBD: drop-out happens only after a repeat purchase, so a customer
  // without one is alive for sure, whatever T.
  for (double T : {0.0, 1.0, 50.0, 1000.0}) EXPECT_EQ(bg->PAlive(kBg, 0, 0, T), 1.0);
  // A purchase at the very end (t_x = T): P(alive) = 1 / (1 + a/(b+x-1)).
  EXPECT_NEAR(bg->PAlive(kBg, 3, 20, 20), 1 / (1 + 0.793 / (2.426 + 2)), 1e-15);
  // No time, no purchases.
  EXPECT_EQ(bg->ConditionalExpected(kBg, 2, 10, 20, 0), 0.0);
  // With x = 0 and T = 0 the conditional expectation is the unconditional one.
  EXPECT_NEAR(bg->ConditionalExpected(kBg, 0, 0, 0, 39), bg->UnconditionalExpected(kBg, 39), 1e-14);
  // Pareto/NBD: t_x = T means A0 = 0 and P(alive) = 1.
  EXPECT_EQ(MakeCountModel(CountModelKind::kParetoNbd)->PAlive(kPareto, 4, 30, 30), 1.0);
  // Expected purchases rise with the horizon.
  double previous = 0;
  for (double t = 1; t < 400; t *= 1.7) {
    const double e = bg->ConditionalExpected(kBg, 2, 30.43, 38.86, t);
    EXPECT_GT(e, previous);
    previous = e;
  }
}

TEST(CountModels, ContinuousThroughAEqualsOne) {
  // The expectations divide by a - 1; a = 1 must not be a hole.
  const auto bg = MakeCountModel(CountModelKind::kBgNbd);
  const double below = bg->ConditionalExpected({0.3, 5, 1 - 2e-4, 2}, 2, 20, 30, 52);
  const double at = bg->ConditionalExpected({0.3, 5, 1, 2}, 2, 20, 30, 52);
  const double above = bg->ConditionalExpected({0.3, 5, 1 + 2e-4, 2}, 2, 20, 30, 52);
  EXPECT_TRUE(std::isfinite(at));
  EXPECT_NEAR(at, 0.5 * (below + above), 1e-7 * at);
}

TEST(CountModels, AnalyticGradientsMatchDifferences) {
  RfmData d{{0, 2, 7, 1, 25}, {0, 30.43, 35.1, 1.71, 30}, {38.86, 38.86, 37, 38.86, 31.5}, {3, 1, 2, 1, 1}};
  for (CountModelKind kind : {CountModelKind::kBgNbd, CountModelKind::kMbgNbd, CountModelKind::kParetoNbd}) {
    const auto model = MakeCountModel(kind);
    const CountParams p = kind == CountModelKind::kParetoNbd ? kPareto : kBg;
    double g[4];
    model->LogLikelihood(p, d, g, 1);
    for (size_t k = 0; k < 4; ++k) {
      const double h = 1e-6;
      CountParams up = p, down = p;
      up[k] *= std::exp(h);
      down[k] *= std::exp(-h);
      const double numeric = (model->LogLikelihood(up, d, nullptr, 1) - model->LogLikelihood(down, d, nullptr, 1)) / (2 * h);
      EXPECT_NEAR(g[k], numeric, 1e-6 * (1 + std::fabs(numeric))) << CountModelName(kind) << " " << k;
    }
  }
}

// Fits recover the parameters they were simulated with: each within four
// standard errors (and the standard errors are small, so this is a real check).
void ExpectRecovery(CountModelKind kind, const CountParams& truth) {
  SimulationSpec spec;
  spec.kind = kind;
  spec.params = truth;
  spec.spend = {6, 4, 15};
  spec.acquisition_span = 12;
  spec.end = 78;
  spec.seed = 7;
  const SimulatedPurchases s = SimulatePurchases(spec, 30000);
  auto fit = FitCountModel(*MakeCountModel(kind), SimulatedRfm(s, spec.end), 2);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_TRUE(fit->converged);
  for (size_t k = 0; k < 4; ++k) {
    EXPECT_LT(fit->std_errors[k], 0.25 * truth[k]) << CountModelName(kind) << " " << k;
    EXPECT_NEAR(fit->params[k], truth[k], 4 * fit->std_errors[k]) << CountModelName(kind) << " " << k;
  }
}

TEST(CountModelFit, RecoversBgNbd) { ExpectRecovery(CountModelKind::kBgNbd, {0.5, 6.0, 0.8, 2.5}); }
TEST(CountModelFit, RecoversMbgNbd) { ExpectRecovery(CountModelKind::kMbgNbd, {0.6, 5.0, 0.9, 2.0}); }
TEST(CountModelFit, RecoversParetoNbd) { ExpectRecovery(CountModelKind::kParetoNbd, {0.6, 8.0, 0.7, 12.0}); }

TEST(CountModelFit, NoDropOutRunsToTheBoundaryAndSaysSo) {
  // Poisson purchasing with no drop-out at all: BG/NBD's a -> 0 or b -> inf.
  SimulationSpec spec;
  spec.kind = CountModelKind::kParetoNbd;
  spec.params = {2.0, 10.0, 1.0, 1e12};  // mean drop-out rate 1e-12: nobody leaves
  spec.spend = {6, 4, 15};
  spec.end = 52;
  const SimulatedPurchases s = SimulatePurchases(spec, 5000);
  auto fit = FitCountModel(*MakeCountModel(CountModelKind::kBgNbd), SimulatedRfm(s, spec.end));
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  for (double v : fit->params) EXPECT_TRUE(std::isfinite(v));
  EXPECT_TRUE(std::isfinite(fit->log_likelihood));
  ASSERT_FALSE(fit->warnings.empty());
  bool said = false;
  for (const auto& w : fit->warnings) said |= w.find("almost no drop-out") != std::string::npos;
  EXPECT_TRUE(said);
}

TEST(CountModelFit, RefusesDataWithoutRepeatPurchases) {
  auto fit = FitCountModel(*MakeCountModel(CountModelKind::kBgNbd), RfmData{{0, 0}, {0, 0}, {3, 5}, {1, 1}});
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.status().message().find("no customer made a repeat purchase"), std::string::npos);
}

TEST(CountModelFit, RejectsInconsistentRows) {
  auto fit = FitCountModel(*MakeCountModel(CountModelKind::kBgNbd), RfmData{{1, 2}, {0.5, 9}, {3, 5}, {1, 1}});
  ASSERT_FALSE(fit.ok());
  EXPECT_NE(fit.status().message().find("customer row 1"), std::string::npos);
}

}  // namespace
}  // namespace touchpoint::models
