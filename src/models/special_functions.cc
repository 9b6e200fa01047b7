#include "models/special_functions.h"

#include <math.h>

namespace touchpoint::models {

double LogGamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

double Digamma(double x) {
  // Recurrence psi(x) = psi(x + 1) - 1/x up to x >= 10, then the asymptotic
  // series log x - 1/(2x) - sum B_2k / (2k x^2k) (Abramowitz & Stegun 6.3.18).
  double result = 0;
  while (x < 10) {
    result -= 1 / x;
    x += 1;
  }
  const double inv = 1 / x, inv2 = inv * inv;
  const double series =
      inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))));
  return result + ::log(x) - 0.5 * inv - series;
}

}  // namespace touchpoint::models
