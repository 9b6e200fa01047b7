// ChurnDrivers: what moves the churn model's predictions, from SHAP
// contributions (BoostedTrees::Contributions): per feature the mean absolute
// contribution, its share, and the direction (docs/prediction.md).
#ifndef TOUCHPOINT_MODELS_CHURN_DRIVERS_H_
#define TOUCHPOINT_MODELS_CHURN_DRIVERS_H_

#include <string>
#include <vector>

#include "models/churn_report.h"

namespace touchpoint::models {

// contributions: rows x (names.size() + 1); x: rows x names.size().
// Sorted by mean |SHAP|, largest first; features that never contribute are
// left out.
std::vector<ChurnDriver> ChurnDrivers(const std::vector<float>& contributions, const std::vector<float>& x,
                                      size_t rows, const std::vector<std::string>& names);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_CHURN_DRIVERS_H_
