// Hyp2F1 against values computed independently with mpmath at 40 digits
// (mp.hyp2f1 and mp.diff), against closed forms, and against GSL where
// GSL's gsl_sf_hyperg_2F1 converges.
#include "models/hypergeometric.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_hyperg.h>
#include <gtest/gtest.h>

#include <cmath>

namespace touchpoint::models {
namespace {

struct Case {
  double a, b, c, z, value, derivative;
};

// mpmath 1.3, mp.dps = 40.
constexpr Case kCases[] = {
    {1, 1, 2, 0.3, 1.1889164797957745875, 0.79884982925217990045},
    {0.5, 0.5, 1.5, 0.25, 1.0471975511965977462, 0.21500597436530756573},
    {2.5, 3.7, 1.2, 0.45, 45.181163332001175363, 469.37831432642200714},
    {2.243, 4.426, 4.219, 0.6, 8.7913698555049454105, 52.54079047478931105},
    {0.243, 2.426, 2.219, 0.93, 2.1861557554817148687, 10.278028332447807261},
    {10.5, 12.3, 21.9, 0.97, 806880.95238226083726, 60985215.381071881473},
    {1.5, 2.5, 4.0, 0.999, 25.648290580560702945, 4997.9945040459475149},
    {1, 1, 2, 0.9999, 9.2112614981261053793, 9991.7879172947045963},
    {3, 2, 5, 0.8, 5.0746018771798991073, 20.948987932414947579},      // c - a - b = 0
    {2.0, 3.0, 4.0, 0.995, 576.80396711032880618, 118863.90763685306628},  // c - a - b = -1
    {0.5, -1.5, 2.0, 0.7, 0.76257435771200245977, -0.29945759330089929524},
    {-3, 2.5, 1.5, 0.9, -0.016999999999999993117, 0.30999999999999995115},  // a polynomial
    {1.3, 2.1, 3.7, -0.5, 0.73162335942562594544, 0.39181715447186993737},
    {1.3, 2.1, 3.7, -4.0, 0.2490795164660777904, 0.048869918861643633118},
    {0.7, 1.9, 2.2, -30.0, 0.10557054451222772704, 0.0023400772147543781895},
    {200.24, 1.2, 203.0, 0.75, 5.0343330103096339641, 22.937871395935073101},
    {1.0, 60.0, 80.0, 0.95, 3.5692828592101695564, 10.016359944763365214},
    {40.5, 41.5, 82.7, 0.88, 88748385187848.375712, 7699898387481079.9568},
    {6.159, 1.606, 7.159, 0.98, 70.805173986637545207, 2918.8095232434294453},
};

TEST(Hyp2F1, MatchesMpmath) {
  for (const Case& k : kCases) {
    const Hyp2F1Value v = Hyp2F1WithDerivative(k.a, k.b, k.c, k.z);
    EXPECT_NEAR(v.value, k.value, 1e-12 * std::fabs(k.value)) << k.a << " " << k.b << " " << k.c << " " << k.z;
    EXPECT_NEAR(v.derivative, k.derivative, 1e-10 * std::fabs(k.derivative))
        << k.a << " " << k.b << " " << k.c << " " << k.z;
    EXPECT_EQ(Hyp2F1(k.a, k.b, k.c, k.z), v.value);
  }
}

TEST(Hyp2F1, ClosedForms) {
  for (double z : {-0.9, -0.2, 0.0, 0.1, 0.5, 0.51, 0.8, 0.99, 0.999999}) {
    // 2F1(1, 1; 2; z) = -log(1 - z) / z.
    const double log_form = z == 0 ? 1 : -std::log1p(-z) / z;
    EXPECT_NEAR(Hyp2F1(1, 1, 2, z), log_form, 1e-13 * log_form) << z;
    // 2F1(a, b; b; z) = (1 - z)^-a.
    EXPECT_NEAR(Hyp2F1(2.7, 1.3, 1.3, z), std::pow(1 - z, -2.7), 1e-12 * std::pow(1 - z, -2.7)) << z;
  }
  // Gauss: 2F1(a, b; c; 1-) = G(c) G(c-a-b) / (G(c-a) G(c-b)) when c > a + b.
  const double a = 0.4, b = 0.7, c = 3.1;
  const double gauss = std::exp(std::lgamma(c) + std::lgamma(c - a - b) - std::lgamma(c - a) - std::lgamma(c - b));
  EXPECT_NEAR(Hyp2F1(a, b, c, 1 - 1e-12), gauss, 1e-9);
}

TEST(Hyp2F1, AgreesWithGslWhereGslConverges) {
  gsl_set_error_handler_off();
  int compared = 0;
  for (double a : {0.3, 1.7, 4.2}) {
    for (double b : {0.6, 2.4}) {
      for (double c : {1.1, 3.3, 7.9}) {
        for (double z : {-0.7, 0.2, 0.45, 0.6, 0.75}) {
          gsl_sf_result r;
          if (gsl_sf_hyperg_2F1_e(a, b, c, z, &r) != GSL_SUCCESS) continue;
          EXPECT_NEAR(Hyp2F1(a, b, c, z), r.val, 1e-11 * std::fabs(r.val) + 4 * r.err) << a << " " << b << " " << c << " " << z;
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 80);
}

TEST(Hyp2F1, PathMatchesPointEvaluations) {
  Hyp2F1Path path(0.793 + 2.426 - 1 - 0.243, 0.793 - 1, 0.793 + 2.426 - 1);
  for (int k = 1; k <= 104; ++k) {
    const double t = k, z = t / (4.414 + 2 + t);
    const double direct = Hyp2F1(0.793 + 2.426 - 1 - 0.243, 0.793 - 1, 0.793 + 2.426 - 1, z);
    EXPECT_NEAR(path.At(z), direct, 1e-13 * std::fabs(direct)) << z;
  }
}

TEST(Hyp2F1, OutsideTheDomainIsNaN) {
  EXPECT_TRUE(std::isnan(Hyp2F1(1, 1, 2, 1.0)));
  EXPECT_TRUE(std::isnan(Hyp2F1(1, 1, 2, 1.5)));
  EXPECT_TRUE(std::isnan(Hyp2F1(NAN, 1, 2, 0.5)));
}

}  // namespace
}  // namespace touchpoint::models
