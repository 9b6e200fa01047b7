#include "models/pareto_nbd.h"

#include <cmath>
#include <limits>

#include "models/hypergeometric.h"
#include "models/parallel_sum.h"
#include "models/special_functions.h"

namespace touchpoint::models {
namespace {

// Central-difference step on the log-parameters: the log-likelihood is
// accurate to ~1e-13 relative, so the gradient is to ~1e-7 relative.
constexpr double kGradientStep = 1e-5;
// Below this |s - 1| the expectation uses its s -> 1 limit.
constexpr double kNearOne = 1e-9;

// log of 2F1(A, B; A+1; z) / (m + tau)^A at z = d / (m + tau), with the Euler
// form 2F1(A, B; A+1; z) = (1-z)^(1-B) 2F1(1, A+1-B; A+1; z): a series of
// positive terms shrinking at least like z^n.
double LogTerm(double A, double B, double m, double lo, double tau) {
  const double lm = std::log(m + tau);
  const double z = (m - lo) / (m + tau);
  return (1 - B) * (std::log(lo + tau) - lm) + std::log(Hyp2F1(1, A + 1 - B, A + 1, z)) - A * lm;
}

}  // namespace

// A0 = F(t_x) - F(T), F(tau) = 2F1(A, B; A+1; |alpha-beta|/(m+tau)) / (m+tau)^A,
// A = r+s+x, m = max(alpha, beta), B = s+1 when alpha >= beta else r+x.
double ParetoNbdModel::LogA0(const CountParams& p, double x, double tx, double T) {
  const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
  if (tx >= T) return -std::numeric_limits<double>::infinity();
  const double A = r + s + x;
  const bool alpha_larger = alpha >= beta;
  const double m = alpha_larger ? alpha : beta, lo = alpha_larger ? beta : alpha;
  const double B = alpha_larger ? s + 1 : r + x;
  const double at_tx = LogTerm(A, B, m, lo, tx), at_T = LogTerm(A, B, m, lo, T);
  return at_tx + std::log(-std::expm1(at_T - at_tx));
}

// log L = log G(r+x) - log G(r) + r log alpha + s log beta
//         + log[(alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A0].
double ParetoNbdModel::Sum(const CountParams& p, const RfmData& d, size_t threads) const {
  const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
  const double constant = -LogGamma(r) + r * std::log(alpha) + s * std::log(beta);
  auto chunk = [&](size_t begin, size_t end, double* acc) {
    double prev_x = -1, lg = 0;
    for (size_t i = begin; i < end; ++i) {
      const double x = d.x[i], T = d.T[i];
      if (x != prev_x) {
        lg = LogGamma(r + x);
        prev_x = x;
      }
      const double l1 = -(r + x) * std::log(alpha + T) - s * std::log(beta + T);
      const double l2 = std::log(s / (r + s + x)) + LogA0(p, x, d.tx[i], T);
      const double hi = std::fmax(l1, l2);
      acc[0] += d.weight[i] * (lg + constant + hi + std::log1p(std::exp(std::fmin(l1, l2) - hi)));
    }
  };
  return ParallelSum<1>(d.size(), threads, chunk)[0];
}

double ParetoNbdModel::LogLikelihood(const CountParams& p, const RfmData& d, double* gradient, size_t threads) const {
  const double ll = Sum(p, d, threads);
  if (gradient != nullptr) {
    for (size_t k = 0; k < 4; ++k) {
      CountParams up = p, down = p;
      up[k] *= std::exp(kGradientStep);
      down[k] *= std::exp(-kGradientStep);
      gradient[k] = (Sum(up, d, threads) - Sum(down, d, threads)) / (2 * kGradientStep);
    }
  }
  return ll;
}

// P(alive) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0).
double ParetoNbdModel::PAlive(const CountParams& p, double x, double tx, double T) const {
  const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
  const double log_odds =
      std::log(s / (r + s + x)) + (r + x) * std::log(alpha + T) + s * std::log(beta + T) + LogA0(p, x, tx, T);
  return 1 / (1 + std::exp(log_odds));
}

// (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)], and
// (r+x)(beta+T)/(alpha+T) log((beta+T+t)/(beta+T)) at s = 1.
double ParetoNbdModel::AliveExpected(const CountParams& p, double x, double T, double t) const {
  if (t <= 0) return 0;
  const double r = p[0], alpha = p[1], s = p[2], beta = p[3];
  const double lead = (r + x) * (beta + T) / (alpha + T);
  const double L = std::log1p(t / (beta + T));
  const double e = s - 1;
  return lead * (std::fabs(e) < kNearOne ? L : -std::expm1(-e * L) / e);
}

// E[X(t)] = r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]: AliveExpected
// at x = 0, T = 0 (a new customer is alive).
double ParetoNbdModel::UnconditionalExpected(const CountParams& p, double t) const {
  return AliveExpected(p, 0, 0, t);
}

}  // namespace touchpoint::models
