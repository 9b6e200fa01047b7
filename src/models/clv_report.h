// ClvReport: the result of a lifetime-value analysis (engine/clv_query.h):
// the fitted purchase-count and spend models, the holdout validation, and
// one row per customer as columns, so they can be written back as derived
// columns or as CSV. The JSON form is report/clv_format.h (docs/prediction.md).
// Plain data; copyable.
#ifndef TOUCHPOINT_MODELS_CLV_REPORT_H_
#define TOUCHPOINT_MODELS_CLV_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernels/result_header.h"
#include "models/count_model_fit.h"
#include "models/gamma_gamma.h"
#include "models/holdout_validation.h"

namespace touchpoint::models {

// Per customer, in scan order. Times in the report's unit.
struct ClvCustomers {
  std::vector<std::string> customer_id;
  std::vector<double> frequency, recency, T, monetary;
  std::vector<double> p_alive, expected_purchases, expected_spend, clv;
  std::vector<int32_t> holdout_purchases;  // actual, when there is a holdout period

  size_t size() const { return customer_id.size(); }
};

struct SpendModelReport {
  bool fitted = false;
  std::string error;  // why not, when not fitted
  GammaGammaFit fit;
  // Pearson correlation of frequency and mean spend over the repeat buyers:
  // the model assumes none; |r| >= kSpendCorrelationWarning is flagged.
  double correlation = 0;
  bool correlation_warning = false;
};

struct ClvTimings {
  double scan = 0, fit = 0, spend = 0, score = 0, validation = 0;  // seconds
};

struct ClvReport {
  std::string model;  // bgnbd, mbgnbd, pareto-nbd
  std::string unit;   // week or day
  kernels::ResultHeader header;  // range, zone, scanned events, wall time
  std::string calibration_end;          // YYYY-MM-DD, the last day of the fit
  bool has_holdout = false;
  std::string holdout_from, holdout_to;  // YYYY-MM-DD, inclusive
  double horizon = 0;                    // units
  double annual_discount_rate = 0;
  uint64_t customers = 0;        // in the fit
  uint64_t later_customers = 0;  // first purchase after the calibration end: left out
  uint64_t purchase_events = 0;
  std::vector<std::string> param_names;
  CountModelFit fit;
  SpendModelReport spend;
  std::optional<HoldoutValidation> validation;
  double total_expected_purchases = 0, total_clv = 0, mean_p_alive = 0;
  ClvCustomers rows;
  ClvTimings timings;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_CLV_REPORT_H_
