#include "models/hypergeometric.h"

#include <cmath>
#include <limits>

namespace touchpoint::models {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Where the power series hands over to the continuation: at z = 1/2 its terms
// shrink at least as fast as 2^-n once n passes the parameters.
constexpr double kSeriesLimit = 0.5;
// A Taylor step covers at most this fraction of the distance to the nearest
// singular point (0 or 1), so its terms shrink like 2^-n.
constexpr double kStepFraction = 0.5;
// The continuation's Taylor recurrence also carries the equation's other
// solutions (z^(1-c), (1-z)^(c-a-b)); with parameters this large their
// rounding noise swamps the answer, so larger parameters sum the series at z
// itself instead (slower near 1, but its terms are then of one sign).
constexpr double kContinuationMaxParameter = 16;
// Terms below this fraction of the running sum no longer change it.
constexpr double kRelativeTolerance = 1e-17;
// Far more terms than any convergent case here needs (the series at z = 1/2
// with parameters in the thousands takes a few thousand); reaching it means
// the sum did not converge, and the answer is NaN.
constexpr int kMaxTerms = 200000;

// The power series and its derivative at 0 <= z <= kSeriesLimit.
Hyp2F1Value Series(double a, double b, double c, double z) {
  double term = 1, sum = 1, dsum = 0;
  for (int n = 0; n < kMaxTerms; ++n) {
    const double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
    term *= ratio;
    sum += term;
    dsum += (n + 1.0) * term;
    if (term == 0 ||
        (std::fabs(ratio) < 1 && std::fabs(term) * (n + 1.0) <= kRelativeTolerance * std::fabs(sum))) {
      return {sum, z > 0 ? dsum / z : a * b / c};
    }
  }
  return {kNaN, kNaN};
}

// One Taylor step of the hypergeometric equation
//   z (1 - z) y'' + (c - (a + b + 1) z) y' - a b y = 0
// from (z0, y, y') to z0 + h. With d_n = y^(n)(z0) h^n / n!, the equation
// gives d_{n+2} from d_{n+1} and d_n (docs/prediction.md).
Hyp2F1Value TaylorStep(double a, double b, double c, double z0, Hyp2F1Value at, double h) {
  const double p0 = z0 * (1 - z0), p1 = 1 - 2 * z0;
  const double q0 = c - (a + b + 1) * z0, q1 = -(a + b + 1);
  double d0 = at.value, d1 = at.derivative * h;
  double sum = d0 + d1, dsum = d1;  // dsum = sum of n d_n
  for (int n = 0; n < kMaxTerms; ++n) {
    const double d2 = -((p1 * n + q0) * (n + 1.0) * d1 * h + (q1 * n - n * (n - 1.0) - a * b) * d0 * h * h) /
                      (p0 * (n + 2.0) * (n + 1.0));
    sum += d2;
    dsum += (n + 2.0) * d2;
    const double scale = kRelativeTolerance * std::fabs(sum);
    if (n >= 2 && std::fabs(d2) * (n + 2.0) <= scale && std::fabs(d1) * (n + 1.0) <= scale) {
      return {sum, dsum / h};
    }
    d0 = d1;
    d1 = d2;
  }
  return {kNaN, kNaN};
}

// Continues (z0, at) to z > z0 in steps that stay inside the radius of
// convergence around each point (the distance to z = 1; z0 >= 1/2).
Hyp2F1Value Continue(double a, double b, double c, double z0, Hyp2F1Value at, double z) {
  while (z0 < z && std::isfinite(at.value)) {
    const double h = std::fmin(z - z0, kStepFraction * (1 - z0));
    at = TaylorStep(a, b, c, z0, at, h);
    z0 = (z - z0 == h) ? z : z0 + h;
  }
  return at;
}

bool SmallParameters(double a, double b, double c) {
  return std::fabs(a) <= kContinuationMaxParameter && std::fabs(b) <= kContinuationMaxParameter &&
         std::fabs(c) <= kContinuationMaxParameter;
}

// 0 <= z < 1.
Hyp2F1Value NonNegative(double a, double b, double c, double z) {
  if (z <= kSeriesLimit || !SmallParameters(a, b, c)) return Series(a, b, c, z);
  return Continue(a, b, c, kSeriesLimit, Series(a, b, c, kSeriesLimit), z);
}

}  // namespace

Hyp2F1Value Hyp2F1WithDerivative(double a, double b, double c, double z) {
  if (!(z < 1) || std::isnan(a) || std::isnan(b) || std::isnan(c)) return {kNaN, kNaN};
  if (z >= 0) return NonNegative(a, b, c, z);
  // Pfaff: 2F1(a, b; c; z) = (1 - z)^-a 2F1(a, c - b; c; w), w = z / (z - 1).
  const double w = z / (z - 1);
  const Hyp2F1Value f = NonNegative(a, c - b, c, w);
  const double scale = std::pow(1 - z, -a);
  // d/dz: (1-z)^-a [a F(w) / (1 - z) + F'(w) dw/dz], dw/dz = -1 / (1 - z)^2.
  return {scale * f.value, scale * (a * f.value / (1 - z) - f.derivative / ((1 - z) * (1 - z)))};
}

double Hyp2F1(double a, double b, double c, double z) { return Hyp2F1WithDerivative(a, b, c, z).value; }

double Hyp2F1Path::At(double z) {
  if (z <= kSeriesLimit || !SmallParameters(a_, b_, c_)) return Series(a_, b_, c_, z).value;
  if (!have_ || z < last_z_) {
    last_z_ = kSeriesLimit;
    last_ = Series(a_, b_, c_, kSeriesLimit);
    have_ = true;
  }
  last_ = Continue(a_, b_, c_, last_z_, last_, z);
  last_z_ = z;
  return last_.value;
}

}  // namespace touchpoint::models
