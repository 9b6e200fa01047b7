#include "models/gamma_gamma.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include "models/mle.h"
#include "models/parallel_sum.h"
#include "models/special_functions.h"

namespace touchpoint::models {
namespace {

bool Usable(double x, double m) { return x > 0 && m > 0 && std::isfinite(m); }

// Rows by x; whole-number x in [1, kMaxCountSort) by counting, others by sort.
constexpr double kMaxCountSort = 1 << 20;
void SortByCount(std::vector<std::pair<double, double>>* rows) {
  double max_x = 0;
  bool whole = true;
  for (const auto& [x, m] : *rows) {
    max_x = std::max(max_x, x);
    whole &= x == std::floor(x);
  }
  if (!whole || max_x >= kMaxCountSort) {
    std::stable_sort(rows->begin(), rows->end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return;
  }
  std::vector<size_t> start(static_cast<size_t>(max_x) + 2, 0);
  for (const auto& r : *rows) ++start[static_cast<size_t>(r.first) + 1];
  for (size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
  std::vector<std::pair<double, double>> sorted(rows->size());
  for (const auto& r : *rows) sorted[start[static_cast<size_t>(r.first)]++] = r;
  rows->swap(sorted);
}

}  // namespace

// log f = log G(px+q) - log G(px) - log G(q) + q log v + (px-1) log m
//         + px log x - (px+q) log(v + x m).
double GammaGammaLogLikelihood(const GammaGammaParams& g, const std::vector<double>& x, const std::vector<double>& m,
                               double* gradient, size_t threads, const std::vector<double>* log_m) {
  const double p = g.p, q = g.q, v = g.v;
  const double lg_q = LogGamma(q), psi_q = Digamma(q), log_v = std::log(v);
  const bool want = gradient != nullptr;
  auto chunk = [&](size_t begin, size_t end, double* acc) {
    double prev_x = -1, cx = 0, dp_x = 0, dq_x = 0;
    for (size_t i = begin; i < end; ++i) {
      if (!Usable(x[i], m[i])) continue;
      const double xi = x[i], px = p * xi;
      if (xi != prev_x) {
        cx = LogGamma(px + q) - LogGamma(px) - lg_q + q * log_v + px * std::log(xi);
        if (want) {
          const double psi_pxq = Digamma(px + q);
          dp_x = xi * (psi_pxq - Digamma(px) + std::log(xi));
          dq_x = psi_pxq - psi_q + log_v;
        }
        prev_x = xi;
      }
      const double lm = log_m != nullptr ? (*log_m)[i] : std::log(m[i]), lvm = std::log(v + xi * m[i]);
      acc[0] += cx + (px - 1) * lm - (px + q) * lvm;
      if (want) {
        acc[1] += dp_x + xi * lm - xi * lvm;
        acc[2] += dq_x - lvm;
        acc[3] += q / v - (px + q) / (v + xi * m[i]);
      }
    }
  };
  const auto s = ParallelSum<4>(x.size(), threads, chunk);
  if (want) {
    gradient[0] = s[1] * p;
    gradient[1] = s[2] * q;
    gradient[2] = s[3] * v;
  }
  return s[0];
}

Result<GammaGammaFit> FitGammaGamma(const std::vector<double>& x_in, const std::vector<double>& m_in, size_t threads) {
  // Usable rows sorted by x, so the per-x terms are computed once per x.
  std::vector<std::pair<double, double>> rows;
  for (size_t i = 0; i < x_in.size(); ++i) {
    if (Usable(x_in[i], m_in[i])) rows.emplace_back(x_in[i], m_in[i]);
  }
  if (rows.size() < kMinGammaGammaCustomers) {
    return Status::InvalidArgument("the spend model needs at least " + std::to_string(kMinGammaGammaCustomers) +
                                   " repeat buyers with a purchase value, found " + std::to_string(rows.size()));
  }
  // x is a whole number: a counting sort keeps this linear.
  SortByCount(&rows);
  std::vector<double> x(rows.size()), m(rows.size()), log_m(rows.size());
  double mean = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    x[i] = rows[i].first;
    m[i] = rows[i].second;
    log_m[i] = std::log(m[i]);
    mean += m[i] / static_cast<double>(rows.size());
  }
  MleProblem problem;
  problem.names = {"p", "q", "v"};
  // p = 1, q = 2 make the population mean p v / (q - 1) equal v: start there.
  problem.start = {1.0, 2.0, mean};
  auto ll = [&](const std::vector<double>& theta, double* gradient) {
    const GammaGammaParams g{std::exp(theta[0]), std::exp(theta[1]), std::exp(theta[2])};
    return GammaGammaLogLikelihood(g, x, m, gradient, threads, &log_m);
  };
  TP_ASSIGN_OR_RETURN(MleFit mle, FitMaximumLikelihood(problem, ll));
  GammaGammaFit fit;
  fit.params = {mle.params[0], mle.params[1], mle.params[2]};
  fit.std_errors = {mle.std_errors[0], mle.std_errors[1], mle.std_errors[2]};
  fit.log_likelihood = mle.log_likelihood;
  fit.customers = rows.size();
  fit.converged = mle.converged;
  fit.warnings = mle.boundary;
  if (fit.params.q <= 1) {
    fit.warnings.push_back("q <= 1: the spend distribution has no finite mean, so expected spend is not defined");
  }
  if (!fit.converged) fit.warnings.push_back("the spend fit stopped before the optimum (" + mle.optimizer_status + ")");
  return fit;
}

double ExpectedSpend(const GammaGammaParams& g, double x, double m) {
  if (g.q <= 1) return std::numeric_limits<double>::quiet_NaN();
  if (!Usable(x, m)) return g.p * g.v / (g.q - 1);
  return (g.v + x * m) * g.p / (g.p * x + g.q - 1);
}

double FrequencySpendCorrelation(const std::vector<double>& x, const std::vector<double>& m) {
  double n = 0, sx = 0, sm = 0, sxx = 0, smm = 0, sxm = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!Usable(x[i], m[i])) continue;
    n += 1;
    sx += x[i];
    sm += m[i];
  }
  if (n < 3) return std::numeric_limits<double>::quiet_NaN();
  const double mx = sx / n, mm = sm / n;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!Usable(x[i], m[i])) continue;
    const double dx = x[i] - mx, dm = m[i] - mm;
    sxx += dx * dx;
    smm += dm * dm;
    sxm += dx * dm;
  }
  if (sxx == 0 || smm == 0) return std::numeric_limits<double>::quiet_NaN();
  return sxm / std::sqrt(sxx * smm);
}

}  // namespace touchpoint::models
