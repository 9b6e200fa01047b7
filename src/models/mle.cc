#include "models/mle.h"

#include <nlopt.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace touchpoint::models {
namespace {

// On the log scale: a parameter this close to an end of the box ran to it.
constexpr double kBoundaryMargin = 0.01;
// On the log scale, -d2 LL / d theta^2 below this means the likelihood is
// flat along the parameter (a standard error of e^30-fold): it has run off
// toward 0 or infinity without reaching the box, and is reported like a
// boundary.
constexpr double kFlatCurvature = 1e-3;
// What the objective returns for a non-finite log-likelihood, so the line
// search backs off instead of the optimiser failing on NaN.
constexpr double kVeryUnlikely = -1e300;
// Tolerances: relative change of the log-likelihood and of the parameters.
constexpr double kFtolRel = 1e-13;
constexpr double kXtolRel = 1e-10;
// The projected gradient (d LL / d log-parameter) below which a stop counts
// as the optimum, relative to 1 + |LL|.
constexpr double kGradientTolerance = 1e-6;

struct Context {
  const LogLikelihoodFn* fn;
  std::vector<double> theta;
  int evaluations = 0;
};

double Objective(unsigned n, const double* x, double* grad, void* data) {
  auto* ctx = static_cast<Context*>(data);
  ctx->theta.assign(x, x + n);
  ++ctx->evaluations;
  const double ll = (*ctx->fn)(ctx->theta, grad);
  if (std::isfinite(ll)) {
    bool finite_gradient = true;
    for (unsigned i = 0; grad != nullptr && i < n; ++i) finite_gradient &= std::isfinite(grad[i]);
    if (finite_gradient) return ll;
  }
  if (grad != nullptr) std::fill(grad, grad + n, 0.0);
  return kVeryUnlikely;
}

// One NLopt run from `theta` (updated in place); returns its result code.
nlopt_result Run(nlopt_algorithm algorithm, Context* ctx, const std::vector<double>& lb,
                 const std::vector<double>& ub, int max_evaluations, std::vector<double>* theta, double* ll) {
  const unsigned n = static_cast<unsigned>(theta->size());
  nlopt_opt opt = nlopt_create(algorithm, n);
  nlopt_set_max_objective(opt, Objective, ctx);
  nlopt_set_lower_bounds(opt, lb.data());
  nlopt_set_upper_bounds(opt, ub.data());
  nlopt_set_ftol_rel(opt, kFtolRel);
  nlopt_set_xtol_rel(opt, kXtolRel);
  nlopt_set_maxeval(opt, max_evaluations);
  if (algorithm == NLOPT_LN_BOBYQA) {
    std::vector<double> step(n, 0.1);
    nlopt_set_initial_step(opt, step.data());
  }
  double value = kVeryUnlikely;
  nlopt_result result = nlopt_optimize(opt, theta->data(), &value);
  nlopt_destroy(opt);
  *ll = value;
  return result;
}

bool Succeeded(nlopt_result r) {
  return r == NLOPT_SUCCESS || r == NLOPT_FTOL_REACHED || r == NLOPT_XTOL_REACHED || r == NLOPT_STOPVAL_REACHED;
}

std::string FormatBound(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

}  // namespace

std::vector<double> NumericHessian(const LogLikelihoodFn& fn, const std::vector<double>& theta, double h) {
  const size_t n = theta.size();
  std::vector<double> hessian(n * n, 0.0), gp(n), gm(n);
  for (size_t j = 0; j < n; ++j) {
    std::vector<double> up = theta, down = theta;
    up[j] += h;
    down[j] -= h;
    fn(up, gp.data());
    fn(down, gm.data());
    for (size_t i = 0; i < n; ++i) hessian[i * n + j] = (gp[i] - gm[i]) / (2 * h);
  }
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = i + 1; j < n; ++j) {
      const double m = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
      hessian[i * n + j] = hessian[j * n + i] = m;
    }
  }
  return hessian;
}

std::vector<double> InvertSpd(const std::vector<double>& m, size_t n) {
  // Cholesky m = L L^T, then the inverse column by column.
  std::vector<double> l(n * n, 0.0);
  for (size_t j = 0; j < n; ++j) {
    double d = m[j * n + j];
    for (size_t k = 0; k < j; ++k) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0) || !std::isfinite(d)) return {};
    l[j * n + j] = std::sqrt(d);
    for (size_t i = j + 1; i < n; ++i) {
      double s = m[i * n + j];
      for (size_t k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / l[j * n + j];
    }
  }
  std::vector<double> inv(n * n, 0.0), col(n);
  for (size_t c = 0; c < n; ++c) {
    // Solve L y = e_c, then L^T x = y.
    for (size_t i = 0; i < n; ++i) {
      double s = i == c ? 1.0 : 0.0;
      for (size_t k = 0; k < i; ++k) s -= l[i * n + k] * col[k];
      col[i] = s / l[i * n + i];
    }
    for (size_t i = n; i-- > 0;) {
      double s = col[i];
      for (size_t k = i + 1; k < n; ++k) s -= l[k * n + i] * inv[k * n + c];
      inv[i * n + c] = s / l[i * n + i];
    }
  }
  return inv;
}

Result<MleFit> FitMaximumLikelihood(const MleProblem& problem, const LogLikelihoodFn& fn) {
  const size_t n = problem.start.size();
  const double log_lower = std::log(problem.lower), log_upper = std::log(problem.upper);
  std::vector<double> lb(n, log_lower), ub(n, log_upper), theta(n);
  for (size_t i = 0; i < n; ++i) theta[i] = std::clamp(std::log(problem.start[i]), log_lower, log_upper);
  Context ctx{&fn, {}, 0};
  std::vector<double> grad(n);
  if (!std::isfinite(fn(theta, grad.data()))) {
    return Status::InvalidArgument("the log-likelihood is not finite at the starting values");
  }
  double ll = kVeryUnlikely;
  nlopt_result result = Run(NLOPT_LD_LBFGS, &ctx, lb, ub, problem.max_evaluations, &theta, &ll);
  if (!Succeeded(result)) {
    // L-BFGS stops on round-off when the surface is flat along a ridge (a
    // parameter running off to a bound); a derivative-free pass finishes the
    // climb, and L-BFGS then refines from there.
    std::vector<double> polished = theta;
    double polished_ll = kVeryUnlikely;
    Run(NLOPT_LN_BOBYQA, &ctx, lb, ub, problem.max_evaluations, &polished, &polished_ll);
    if (polished_ll >= ll) {
      theta = polished;
      ll = polished_ll;
    }
    std::vector<double> refined = theta;
    double refined_ll = kVeryUnlikely;
    const nlopt_result again = Run(NLOPT_LD_LBFGS, &ctx, lb, ub, problem.max_evaluations, &refined, &refined_ll);
    if (refined_ll >= ll) {
      theta = refined;
      ll = refined_ll;
      result = again;
    }
  }
  MleFit fit;
  fit.evaluations = ctx.evaluations;
  fit.optimizer_status = nlopt_result_to_string(result);
  fit.log_likelihood = fn(theta, grad.data());
  fit.params.resize(n);
  fit.at_boundary.assign(n, false);
  const std::vector<double> h = NumericHessian(fn, theta);
  std::vector<size_t> free;
  double projected = 0;
  for (size_t i = 0; i < n; ++i) {
    fit.params[i] = std::exp(theta[i]);
    const bool low = theta[i] - log_lower < kBoundaryMargin, high = log_upper - theta[i] < kBoundaryMargin;
    const bool flat = !(-h[i * n + i] >= kFlatCurvature);
    if (low || high) {
      fit.at_boundary[i] = true;
      fit.boundary.push_back(problem.names[i] + " ran to the " + (low ? "lower" : "upper") + " end of the search (" +
                             FormatBound(low ? problem.lower : problem.upper) +
                             "): the likelihood keeps rising that way, so its value is a limit, not an estimate");
    } else if (flat) {
      fit.at_boundary[i] = true;
      const bool down = fit.params[i] < problem.start[i];
      fit.boundary.push_back(problem.names[i] + " is not determined by the data: the likelihood is flat as it runs "
                             "toward " + (down ? "0" : "infinity") + " (" + FormatBound(fit.params[i]) +
                             " here), so its value is a limit, not an estimate");
    } else {
      free.push_back(i);
      projected = std::max(projected, std::fabs(grad[i]));
    }
  }
  fit.converged = Succeeded(result) || projected <= kGradientTolerance * (1 + std::fabs(fit.log_likelihood));
  // Standard errors of the free parameters: the inverse of the observed
  // information (-Hessian) on the log scale, mapped to the natural scale by
  // the delta method (se(p) = p se(log p)).
  fit.std_errors.assign(n, std::numeric_limits<double>::quiet_NaN());
  if (!free.empty()) {
    std::vector<double> info(free.size() * free.size());
    for (size_t i = 0; i < free.size(); ++i) {
      for (size_t j = 0; j < free.size(); ++j) info[i * free.size() + j] = -h[free[i] * n + free[j]];
    }
    const std::vector<double> cov = InvertSpd(info, free.size());
    for (size_t i = 0; i < free.size() && !cov.empty(); ++i) {
      fit.std_errors[free[i]] = fit.params[free[i]] * std::sqrt(cov[i * free.size() + i]);
    }
  }
  return fit;
}

}  // namespace touchpoint::models
