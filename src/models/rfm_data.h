// RfmData: what the purchase-count models are fitted on: per customer (or
// per group of customers with identical values) the repeat-purchase count x,
// the recency t_x and the age T, in model time units (days or weeks), with a
// weight (how many customers share the row). Compressing identical rows makes
// a fit on a million customers cost what their distinct histories cost.
// Plain data; thread-compatible.
#ifndef TOUCHPOINT_MODELS_RFM_DATA_H_
#define TOUCHPOINT_MODELS_RFM_DATA_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/status.h"

namespace touchpoint::models {

struct RfmData {
  std::vector<double> x, tx, T, weight;
  // Optional, from CompressRfm: the distinct values of t_x and T and each
  // row's index into them, so a likelihood takes log(alpha + t) once per
  // distinct t (a few hundred calendar days) instead of once per row.
  std::vector<double> tx_values, T_values;
  std::vector<uint32_t> tx_index, T_index;

  size_t size() const { return x.size(); }
  double customers() const;  // sum of the weights
  bool indexed() const { return tx_index.size() == x.size() && T_index.size() == x.size(); }
};

// Identical rows merged (weights added), sorted by x (the models compute
// their per-x terms once per distinct x); within one x, rows keep the order
// of their first appearance. Fills the distinct-value indexes.
RfmData CompressRfm(const std::vector<double>& x, const std::vector<double>& tx, const std::vector<double>& T);

// CompressRfm for whole-day summaries (what the engine builds): frequency,
// recency and T in days, converted to units of `unit_days`. Sorted by
// (x, t_x, T) with a radix sort on packed keys, so a million customers
// compress in a few milliseconds; the indexes are the day counts themselves.
// REQUIRES: values >= 0 and below 2^20.
RfmData CompressDays(const std::vector<int32_t>& x, const std::vector<int32_t>& tx_days,
                     const std::vector<int32_t>& T_days, double unit_days);
inline constexpr int32_t kMaxCompressDays = 1 << 20;

// Checks what every model assumes: x a whole number >= 0, 0 <= t_x <= T,
// t_x = 0 when x = 0, finite values, at least one row. Names the first bad
// row (0-based) and field.
Status ValidateRfm(const RfmData& data);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_RFM_DATA_H_
