// Holdout validation of a count model (docs/prediction.md, "Validation"):
// the model fitted on the calibration period predicts each customer's
// purchases in the holdout period; predictions are compared with what they
// did, per calibration frequency (0, 1, ..., 6, 7+) and in total, with the
// per-customer error (MAE, RMSE, Pearson correlation). Beside it, the
// tracking series of Fader, Hardie & Lee (2005, figure 2): repeat purchases
// per period, actual and expected, over calibration and holdout.
// Pure functions; thread-safe.
#ifndef TOUCHPOINT_MODELS_HOLDOUT_VALIDATION_H_
#define TOUCHPOINT_MODELS_HOLDOUT_VALIDATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "models/count_model.h"
#include "models/day_index.h"

namespace touchpoint::models {

// Calibration frequencies 0..kBuckets-2 each, the last bucket everything above.
inline constexpr int kFrequencyBuckets = 8;

struct FrequencyBucket {
  std::string label;  // "0", ..., "6", "7+"
  uint64_t customers = 0;
  double actual_mean = 0, predicted_mean = 0;  // holdout purchases per customer
};

struct TrackingPoint {
  std::string period;  // first day of the period, YYYY-MM-DD
  bool holdout = false;  // the period starts after the calibration end day
  double actual = 0, expected = 0;  // repeat purchases in the period
  double actual_cumulative = 0, expected_cumulative = 0;
};

struct HoldoutValidation {
  double holdout_length = 0;  // time units
  std::vector<FrequencyBucket> buckets;
  double actual_total = 0, predicted_total = 0;
  double mae = 0, rmse = 0, correlation = 0;  // per customer
  std::vector<TrackingPoint> tracking;
};

// predicted[i] = E[Y(holdout_length) | x, t_x, T] of customer i, actual[i]
// their holdout purchase days.
void CompareHoldout(const std::vector<double>& x, const std::vector<double>& predicted,
                    const std::vector<int32_t>& actual, HoldoutValidation* out);

// The tracking series: periods of `period_days` days from day 0 through
// `last_day`; expected repeat purchases through day e are
// sum over fitted customers of E[X((e - first_day) / unit_days)].
// repeat_by_day[d] = actual repeat purchase days on day d.
std::vector<TrackingPoint> Tracking(const CountModel& model, const CountParams& params,
                                    const std::vector<int32_t>& first_day, const std::vector<uint64_t>& repeat_by_day,
                                    const DayIndex& days, int calibration_end_day, int last_day, int period_days,
                                    double unit_days);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_HOLDOUT_VALIDATION_H_
