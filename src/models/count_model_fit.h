// FitCountModel: maximum-likelihood fit of a CountModel to RfmData
// (docs/prediction.md, "Fitting"), with standard errors and plain-language
// warnings when a parameter runs to the edge of the search (e.g. almost no
// drop-out), instead of NaN or a failure. Thread-safe (no shared state).
#ifndef TOUCHPOINT_MODELS_COUNT_MODEL_FIT_H_
#define TOUCHPOINT_MODELS_COUNT_MODEL_FIT_H_

#include <string>
#include <vector>

#include "models/count_model.h"
#include "models/rfm_data.h"
#include "util/status.h"

namespace touchpoint::models {

struct CountModelFit {
  CountModelKind kind = CountModelKind::kBgNbd;
  CountParams params{};
  CountParams std_errors{};  // NaN for a parameter at the boundary or a singular Hessian
  double log_likelihood = 0;
  bool converged = false;
  int evaluations = 0;
  std::string optimizer_status;
  std::vector<std::string> warnings;  // boundaries and what they mean
};

// Errors: invalid data (ValidateRfm), or no repeat purchase at all (nothing
// identifies the purchase and drop-out processes).
Result<CountModelFit> FitCountModel(const CountModel& model, const RfmData& data, size_t threads = 1);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_COUNT_MODEL_FIT_H_
