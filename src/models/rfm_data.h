// RfmData: what the purchase-count models are fitted on: per customer (or
// per group of customers with identical values) the repeat-purchase count x,
// the recency t_x and the age T, in model time units (days or weeks), with a
// weight (how many customers share the row). Compressing identical rows makes
// a fit on a million customers cost what their distinct histories cost.
// Plain data; thread-compatible.
#ifndef TOUCHPOINT_MODELS_RFM_DATA_H_
#define TOUCHPOINT_MODELS_RFM_DATA_H_

#include <cstddef>
#include <vector>

#include "util/status.h"

namespace touchpoint::models {

struct RfmData {
  std::vector<double> x, tx, T, weight;
  size_t size() const { return x.size(); }
  double customers() const;  // sum of the weights
};

// Rows sorted by (x, tx, T) with identical rows merged (weights added), so
// the models compute their per-x terms once per distinct x.
RfmData CompressRfm(const std::vector<double>& x, const std::vector<double>& tx, const std::vector<double>& T);

// Checks what every model assumes: x a whole number >= 0, 0 <= t_x <= T,
// t_x = 0 when x = 0, finite values, at least one row. Names the first bad
// row (0-based) and field.
Status ValidateRfm(const RfmData& data);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_RFM_DATA_H_
