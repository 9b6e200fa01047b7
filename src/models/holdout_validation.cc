#include "models/holdout_validation.h"

#include <algorithm>
#include <cmath>

namespace touchpoint::models {

void CompareHoldout(const std::vector<double>& x, const std::vector<double>& predicted,
                    const std::vector<int32_t>& actual, HoldoutValidation* out) {
  out->buckets.assign(kFrequencyBuckets, FrequencyBucket{});
  for (int b = 0; b < kFrequencyBuckets; ++b) {
    out->buckets[b].label = std::to_string(b) + (b + 1 == kFrequencyBuckets ? "+" : "");
  }
  const size_t n = x.size();
  double sum_p = 0, sum_a = 0, abs_err = 0, sq_err = 0;
  for (size_t i = 0; i < n; ++i) {
    const int b = std::min(kFrequencyBuckets - 1, static_cast<int>(x[i]));
    FrequencyBucket& bucket = out->buckets[b];
    ++bucket.customers;
    bucket.actual_mean += actual[i];
    bucket.predicted_mean += predicted[i];
    sum_p += predicted[i];
    sum_a += actual[i];
    abs_err += std::fabs(predicted[i] - actual[i]);
    sq_err += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
  }
  for (FrequencyBucket& b : out->buckets) {
    if (b.customers == 0) continue;
    b.actual_mean /= static_cast<double>(b.customers);
    b.predicted_mean /= static_cast<double>(b.customers);
  }
  out->actual_total = sum_a;
  out->predicted_total = sum_p;
  const double dn = static_cast<double>(n);
  out->mae = n > 0 ? abs_err / dn : NAN;
  out->rmse = n > 0 ? std::sqrt(sq_err / dn) : NAN;
  double spp = 0, saa = 0, spa = 0;
  for (size_t i = 0; i < n; ++i) {
    const double dp = predicted[i] - sum_p / dn, da = actual[i] - sum_a / dn;
    spp += dp * dp;
    saa += da * da;
    spa += dp * da;
  }
  out->correlation = spp > 0 && saa > 0 ? spa / std::sqrt(spp * saa) : NAN;
}

std::vector<TrackingPoint> Tracking(const CountModel& model, const CountParams& params,
                                    const std::vector<int32_t>& first_day, const std::vector<uint64_t>& repeat_by_day,
                                    const DayIndex& days, int calibration_end_day, int last_day, int period_days,
                                    double unit_days) {
  std::vector<TrackingPoint> out;
  if (last_day < 0 || period_days <= 0) return out;
  // Customers per first purchase day, and E[X(lag)] per lag in days.
  std::vector<uint64_t> cohort(static_cast<size_t>(last_day) + 1, 0);
  for (int32_t d : first_day) {
    if (d <= last_day) ++cohort[static_cast<size_t>(d)];
  }
  std::vector<double> expected_at_lag(static_cast<size_t>(last_day) + 1);
  for (size_t lag = 0; lag < expected_at_lag.size(); ++lag) {
    expected_at_lag[lag] = model.UnconditionalExpected(params, static_cast<double>(lag) / unit_days);
  }
  auto expected_through = [&](int e) {
    double total = 0;
    for (int d = 0; d <= e; ++d) {
      if (cohort[static_cast<size_t>(d)] != 0) total += static_cast<double>(cohort[d]) * expected_at_lag[e - d];
    }
    return total;
  };
  double actual_cumulative = 0, previous_expected = 0;
  for (int start = 0; start <= last_day; start += period_days) {
    const int end = std::min(last_day, start + period_days - 1);
    TrackingPoint p;
    p.period = days.label(start);
    p.holdout = start > calibration_end_day;
    for (int d = start; d <= end; ++d) p.actual += static_cast<double>(repeat_by_day[static_cast<size_t>(d)]);
    actual_cumulative += p.actual;
    p.actual_cumulative = actual_cumulative;
    p.expected_cumulative = expected_through(end);
    p.expected = p.expected_cumulative - previous_expected;
    previous_expected = p.expected_cumulative;
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace touchpoint::models
