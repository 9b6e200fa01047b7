// Hyp2F1: the Gauss hypergeometric function 2F1(a, b; c; z) for real
// parameters and real z < 1, as the customer-base models need it
// (docs/prediction.md, "The hypergeometric function").
//
// GSL's gsl_sf_hyperg_2F1 fails or loses accuracy for z near 1 with large
// parameters and when c - a - b is near an integer, which is where the
// BG/NBD expectations live (z = t / (alpha + T + t) approaches 1 for long
// horizons and young customers). So:
//   z in [0, 1/2]  the power series, summed until the terms stop mattering;
//   z in (1/2, 1)  analytic continuation of the series value at 1/2 along the
//                  hypergeometric differential equation, by Taylor steps of
//                  at most half the distance to the singular point z = 1;
//   z < 0          Pfaff's transformation to z / (z - 1) in (0, 1).
// No branch depends on c - a - b, so integer and near-integer cases need no
// limit formulas. Functions are pure and thread-safe.
#ifndef TOUCHPOINT_MODELS_HYPERGEOMETRIC_H_
#define TOUCHPOINT_MODELS_HYPERGEOMETRIC_H_

#include <cstddef>

namespace touchpoint::models {

// 2F1(a, b; c; z). REQUIRES: z < 1; c is not 0 or a negative integer.
// NaN when a series fails to converge within its term limit (never a
// silently wrong value).
double Hyp2F1(double a, double b, double c, double z);

// 2F1 and its derivative d/dz at one z (same requirements as Hyp2F1).
struct Hyp2F1Value {
  double value = 0;
  double derivative = 0;
};
Hyp2F1Value Hyp2F1WithDerivative(double a, double b, double c, double z);

// 2F1(a, b; c; z) at a rising sequence of points in [0, 1), for the
// discounted-value sums that evaluate one customer's expectation week after
// week: each point above 1/2 continues from the previous one instead of
// starting again from the series. Not thread-safe (holds the last point).
class Hyp2F1Path {
 public:
  Hyp2F1Path(double a, double b, double c) : a_(a), b_(b), c_(c) {}
  // REQUIRES: z in [0, 1) and z >= the previous call's z.
  double At(double z);

 private:
  double a_, b_, c_;
  bool have_ = false;  // last_ holds a point at or above 1/2
  double last_z_ = 0;
  Hyp2F1Value last_;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_HYPERGEOMETRIC_H_
