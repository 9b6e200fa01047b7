// Classifier metrics for the churn model (docs/prediction.md, "Churn risk"):
// the area under the ROC curve, precision / recall / lift in the top decile
// of predicted risk, and calibration by decile. Pure functions; thread-safe.
#ifndef TOUCHPOINT_MODELS_CLASSIFIER_METRICS_H_
#define TOUCHPOINT_MODELS_CLASSIFIER_METRICS_H_

#include <cstdint>
#include <vector>

namespace touchpoint::models {

// AUC = P(score of a random positive > score of a random negative), ties
// counted one half (Mann-Whitney U with mid-ranks). NaN without both classes.
double RocAuc(const std::vector<float>& score, const std::vector<float>& label);

struct TopDecile {
  uint64_t customers = 0;  // ceil(n / 10) highest scores
  double precision = 0;    // positives among them / customers
  double recall = 0;       // positives among them / all positives
  double lift = 0;         // precision / base rate
};
TopDecile TopDecileMetrics(const std::vector<float>& score, const std::vector<float>& label);

struct CalibrationBin {
  uint64_t customers = 0;
  double predicted = 0;  // mean score
  double actual = 0;     // share of positives
};
// Ten bins of (near) equal size by ascending score.
std::vector<CalibrationBin> CalibrationByDecile(const std::vector<float>& score, const std::vector<float>& label);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_CLASSIFIER_METRICS_H_
