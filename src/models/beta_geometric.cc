#include "models/beta_geometric.h"

#include <cmath>
#include <vector>

#include "models/hypergeometric.h"
#include "models/parallel_sum.h"
#include "models/special_functions.h"

namespace touchpoint::models {
namespace {

// The expectations divide by a - 1; within this distance of a = 1 they are
// the mean of the values at 1 +- kNearOne (the function is smooth in a).
constexpr double kNearOne = 1e-4;

}  // namespace

// Per customer (docs/prediction.md, "BG/NBD" and "MBG/NBD"), with x' = x for
// BG/NBD and x + 1 for MBG/NBD:
//   log L = log G(r+x) - log G(r) + r log alpha + log B(a, b+x') - log B(a, b)
//           + log[(alpha+T)^-(r+x) + D a/(b+x'-1) (alpha+t_x)^-(r+x)]
// with D = [x > 0] for BG/NBD and D = 1 for MBG/NBD. The last term is a
// log-sum-exp; w is the share of its second part.
double BetaGeometricModel::LogLikelihood(const CountParams& p, const RfmData& d, double* gradient,
                                         size_t threads) const {
  const double r = p[0], alpha = p[1], a = p[2], b = p[3];
  const double shift = modified_ ? 1 : 0;
  const double log_alpha = std::log(alpha), log_a = std::log(a);
  const double lg_r = LogGamma(r), lg_b = LogGamma(b), lg_ab = LogGamma(a + b);
  const double psi_r = Digamma(r), psi_b = Digamma(b), psi_ab = Digamma(a + b);
  const bool want_gradient = gradient != nullptr;
  // log(alpha + t) once per distinct t when the data are indexed.
  std::vector<double> log_T, log_tx;
  if (d.indexed()) {
    log_T.resize(d.T_values.size());
    log_tx.resize(d.tx_values.size());
    for (size_t k = 0; k < log_T.size(); ++k) log_T[k] = std::log(alpha + d.T_values[k]);
    for (size_t k = 0; k < log_tx.size(); ++k) log_tx[k] = std::log(alpha + d.tx_values[k]);
  }
  const bool indexed = d.indexed();
  auto chunk = [&](size_t begin, size_t end, double* acc) {
    double prev_x = -1, cx = 0, dr_x = 0, da_x = 0, db_x = 0, log_coef = 0;
    bool second = false;
    for (size_t i = begin; i < end; ++i) {
      const double x = d.x[i], wt = d.weight[i];
      if (x != prev_x) {
        const double xs = x + shift;
        cx = LogGamma(r + x) - lg_r + r * log_alpha + lg_ab + LogGamma(b + xs) - lg_b - LogGamma(a + b + xs);
        second = modified_ || x > 0;
        log_coef = second ? log_a - std::log(b + xs - 1) : 0;
        if (want_gradient) {
          const double psi_abx = Digamma(a + b + xs);
          dr_x = Digamma(r + x) - psi_r + log_alpha;
          da_x = psi_ab - psi_abx;
          db_x = psi_ab + Digamma(b + xs) - psi_b - psi_abx;
        }
        prev_x = x;
      }
      const double lu = indexed ? log_T[d.T_index[i]] : std::log(alpha + d.T[i]);
      const double l1 = -(r + x) * lu;
      double lse = l1, w = 0, lv = 0;
      if (second) {
        lv = indexed ? log_tx[d.tx_index[i]] : std::log(alpha + d.tx[i]);
        const double l2 = log_coef - (r + x) * lv;
        // log(e^l1 + e^l2) and w = e^l2 / (e^l1 + e^l2), without overflow.
        if (l2 > l1) {
          const double e = std::exp(l1 - l2);
          lse = l2 + std::log1p(e);
          w = 1 / (1 + e);
        } else {
          const double e = std::exp(l2 - l1);
          lse = l1 + std::log1p(e);
          w = e / (1 + e);
        }
      }
      acc[0] += wt * (cx + lse);
      if (want_gradient) {
        const double xs = x + shift;
        acc[1] += wt * (dr_x - (1 - w) * lu - w * lv);
        acc[2] += wt * (r / alpha - (r + x) * ((1 - w) / (alpha + d.T[i]) + w / (alpha + d.tx[i])));
        acc[3] += wt * (da_x + w / a);
        acc[4] += wt * (db_x - (second ? w / (b + xs - 1) : 0));
      }
    }
  };
  const auto sums = ParallelSum<5>(d.size(), threads, chunk);
  if (want_gradient) {
    for (size_t k = 0; k < 4; ++k) gradient[k] = sums[k + 1] * p[k];  // d/d log p = p d/dp
  }
  return sums[0];
}

// P(alive) = 1 / (1 + D a/(b+x'-1) ((alpha+T)/(alpha+t_x))^(r+x)).
double BetaGeometricModel::PAlive(const CountParams& p, double x, double tx, double T) const {
  const double r = p[0], alpha = p[1], a = p[2], b = p[3];
  if (!modified_ && x == 0) return 1;
  const double xs = x + (modified_ ? 1 : 0);
  const double log_odds = std::log(a) - std::log(b + xs - 1) + (r + x) * (std::log(alpha + T) - std::log(alpha + tx));
  return 1 / (1 + std::exp(log_odds));
}

// BG/NBD:  (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)]
// MBG/NBD: (a+b+x)/(a-1)   [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; z)]
// with z = t/(alpha+T+t). Euler's transformation turns the power times 2F1
// into (1-z)^(a-1) 2F1(c-(r+x), a-1; c; z) with c the third parameter: small
// numerator parameters and no huge intermediate values for large x.
double BetaGeometricModel::AliveExpectedAt(double r, double alpha, double a, double b, double x, double T,
                                           double t) const {
  const double c = a + b + x - (modified_ ? 0 : 1);
  const double z = t / (alpha + T + t);
  const double f = Hyp2F1(c - r - x, a - 1, c, z);
  return c / (a - 1) * (1 - std::pow(1 - z, a - 1) * f);
}

double BetaGeometricModel::AliveExpected(const CountParams& p, double x, double T, double t) const {
  if (t <= 0) return 0;
  const double r = p[0], alpha = p[1], a = p[2], b = p[3];
  if (std::fabs(a - 1) < kNearOne) {
    return 0.5 * (AliveExpectedAt(r, alpha, 1 - kNearOne, b, x, T, t) + AliveExpectedAt(r, alpha, 1 + kNearOne, b, x, T, t));
  }
  return AliveExpectedAt(r, alpha, a, b, x, T, t);
}

// E[X(t)]: a new customer is alive at 0 in BG/NBD, so this is
// AliveExpected(0, 0, t); in MBG/NBD they survive their first purchase with
// probability E[1 - p] = b / (a + b).
double BetaGeometricModel::UnconditionalExpected(const CountParams& p, double t) const {
  const double alive = AliveExpected(p, 0, 0, t);
  return modified_ ? alive * p[3] / (p[2] + p[3]) : alive;
}

}  // namespace touchpoint::models
