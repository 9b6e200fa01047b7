#include "models/count_model_fit.h"

#include <cmath>

#include "models/mle.h"

namespace touchpoint::models {

Result<CountModelFit> FitCountModel(const CountModel& model, const RfmData& data, size_t threads) {
  TP_RETURN_IF_ERROR(ValidateRfm(data));
  double repeat = 0, exposure = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    repeat += data.weight[i] * data.x[i];
    exposure += data.weight[i] * data.T[i];
  }
  if (repeat == 0) {
    return Status::InvalidArgument("no customer made a repeat purchase: the model cannot be fitted");
  }
  if (exposure <= 0) return Status::InvalidArgument("every customer is observed for no time (T = 0)");
  const auto names = model.param_names();
  MleProblem problem;
  for (auto n : names) problem.names.emplace_back(n);
  // Start: unit shapes, and a purchase-rate scale that matches the observed
  // repeat rate (r / alpha = repeat purchases per unit of time), so the start
  // is on the data's time scale whether the unit is days or weeks.
  const double scale = exposure / repeat;
  problem.start = {1.0, scale, 1.0, 1.0};
  if (model.kind() == CountModelKind::kParetoNbd) problem.start[3] = scale;
  auto ll = [&](const std::vector<double>& theta, double* gradient) {
    CountParams p;
    for (size_t k = 0; k < 4; ++k) p[k] = std::exp(theta[k]);
    return model.LogLikelihood(p, data, gradient, threads);
  };
  TP_ASSIGN_OR_RETURN(MleFit mle, FitMaximumLikelihood(problem, ll));
  CountModelFit fit;
  fit.kind = model.kind();
  for (size_t k = 0; k < 4; ++k) {
    fit.params[k] = mle.params[k];
    fit.std_errors[k] = mle.std_errors[k];
  }
  fit.log_likelihood = mle.log_likelihood;
  fit.converged = mle.converged;
  fit.evaluations = mle.evaluations;
  fit.optimizer_status = mle.optimizer_status;
  fit.warnings = mle.boundary;
  // What a boundary means: in both families the mean drop-out (a/(a+b) for
  // BG, s/beta for Pareto) goes to 0 as the third parameter falls or the
  // fourth grows without bound.
  const bool no_dropout = (mle.at_boundary[2] && fit.params[2] < 1) || (mle.at_boundary[3] && fit.params[3] > 1);
  if (no_dropout) {
    fit.warnings.push_back("the data show almost no drop-out: P(alive) is close to 1 for every customer and expected "
                           "purchases follow the purchase rates alone");
  }
  if (mle.at_boundary[0] && mle.at_boundary[1]) {
    fit.warnings.push_back("purchase rates barely differ between customers: r and alpha grow together and only "
                           "their ratio r/alpha (the mean rate) is determined");
  }
  if (!fit.converged) {
    fit.warnings.push_back("the optimiser stopped before the gradient vanished (" + fit.optimizer_status +
                           "): the parameters may be short of the optimum");
  }
  return fit;
}

}  // namespace touchpoint::models
