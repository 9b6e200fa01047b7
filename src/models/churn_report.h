// ChurnReport: the result of the churn-risk analysis (engine/churn_query.h):
// the time-based split, how well the model ranks and is calibrated on the
// later window, what drives its predictions, and every active customer's
// risk at the as-of date as columns (for --save and CSV). JSON in
// report/churn_format.h (docs/prediction.md). Plain data; copyable.
#ifndef TOUCHPOINT_MODELS_CHURN_REPORT_H_
#define TOUCHPOINT_MODELS_CHURN_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/result_header.h"
#include "models/boosted_trees.h"
#include "models/classifier_metrics.h"

namespace touchpoint::models {

struct ChurnSplit {
  std::string cutoff;  // ISO timestamp
  uint64_t customers = 0;
  uint64_t churned = 0;
  double churn_rate = 0;
  uint64_t trained_on = 0;  // the customers the window's model learned from (a capped even sample)
};

struct ChurnDriver {
  std::string feature;
  double mean_abs_shap = 0;  // mean |SHAP| on the test set (log-odds)
  double share = 0;          // of the sum over features
  // Sign of the correlation between the feature's value and its SHAP value:
  // +1 when higher values raise the risk, -1 when they lower it, 0 unknown.
  int direction = 0;
};

// Seconds: the scan (features and labels), then the two models' tasks,
// which overlap when they run side by side: evaluate (train on the training
// window, judge on the test window) and score (refit on the test window,
// score as of as_of).
struct ChurnTimings {
  double scan = 0, evaluate = 0, score = 0;
};

struct ChurnReport {
  kernels::ResultHeader header;  // range, zone, scanned events, wall time
  std::string as_of;
  int64_t horizon_ms = 0, lookback_ms = 0;
  BoostingParams params;
  std::vector<std::string> features;
  ChurnSplit train, test;
  double auc = 0;
  TopDecile top_decile;
  std::vector<CalibrationBin> calibration;
  std::vector<ChurnDriver> drivers;  // by mean |SHAP|, largest first
  // Customers active in the lookback window before as_of, and their risk of
  // churning in the horizon after it (the model refitted on the test window).
  std::vector<std::string> customer_id;
  std::vector<double> risk;
  ChurnTimings timings;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_CHURN_REPORT_H_
