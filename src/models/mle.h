// FitMaximumLikelihood: the maximum-likelihood driver every model here uses
// (docs/prediction.md, "Fitting"): NLopt's L-BFGS on the log-likelihood over
// log-parameters inside a box, a derivative-free polish when L-BFGS stops
// on round-off, standard errors from the Hessian, and the parameters that
// ran to the box reported instead of hidden.
//
// The objective is a plain function of the log-parameters; it must stay
// finite inside the box (the models compute in log space for that). Pure
// apart from the objective; thread-compatible.
#ifndef TOUCHPOINT_MODELS_MLE_H_
#define TOUCHPOINT_MODELS_MLE_H_

#include <functional>
#include <string>
#include <vector>

#include "util/status.h"

namespace touchpoint::models {

// Returns the log-likelihood at log-parameters `theta`; when `gradient` is
// not null, writes d LL / d theta into it (theta.size() values).
using LogLikelihoodFn = std::function<double(const std::vector<double>& theta, double* gradient)>;

struct MleProblem {
  std::vector<std::string> names;  // natural parameter names, for messages
  std::vector<double> start;       // natural parameters, > 0
  // The box, natural scale. A parameter that ends within kBoundaryMargin of
  // an end (on the log scale) is reported as run to the boundary.
  double lower = 1e-8, upper = 1e8;
  int max_evaluations = 5000;
};

struct MleFit {
  std::vector<double> params;      // natural scale
  std::vector<double> std_errors;  // natural scale (delta method); NaN when not defined
  double log_likelihood = 0;
  int evaluations = 0;
  bool converged = false;  // the optimiser met its tolerance
  // One sentence per parameter that ran to the box, naming it and the bound.
  std::vector<std::string> boundary;
  std::vector<bool> at_boundary;  // per parameter
  std::string optimizer_status;   // NLopt's result name
};

// REQUIRES: problem.start has one value per name, each inside the box.
// Errors: the objective is not finite at the start.
Result<MleFit> FitMaximumLikelihood(const MleProblem& problem, const LogLikelihoodFn& log_likelihood);

// Symmetric Hessian of the log-likelihood at theta by central differences of
// its analytic gradient (step `h` on the log scale). Row-major n x n.
std::vector<double> NumericHessian(const LogLikelihoodFn& log_likelihood, const std::vector<double>& theta,
                                   double h = 1e-4);

// Inverse of a symmetric positive definite n x n matrix (Cholesky); empty
// when it is not positive definite.
std::vector<double> InvertSpd(const std::vector<double>& m, size_t n);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_MLE_H_
