#include "kernels/funnel_report.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace touchpoint::kernels {

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const double rank = p / 100.0 * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(rank));
  // Two order statistics, not a sort: the lo-th, then the least above it.
  std::nth_element(v.begin(), v.begin() + static_cast<ptrdiff_t>(lo), v.end());
  const double low = v[lo];
  const double high = lo + 1 < v.size() ? *std::min_element(v.begin() + static_cast<ptrdiff_t>(lo) + 1, v.end()) : low;
  return low + (high - low) * (rank - static_cast<double>(lo));
}

std::vector<FunnelStepResult> SummarizeFunnel(const FunnelSteps& steps, const FunnelCounts& c) {
  std::vector<FunnelStepResult> out;
  const uint64_t first = c.reached.empty() ? 0 : c.reached[0];
  for (size_t i = 0; i < steps.size(); ++i) {
    FunnelStepResult r;
    r.step = steps.label(i);
    r.count = c.reached[i];
    r.customers = c.customers[i];
    const uint64_t prev = i == 0 ? c.reached[0] : c.reached[i - 1];
    r.dropped = prev - r.count;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    r.conversion_from_previous = prev ? 100.0 * static_cast<double>(r.count) / static_cast<double>(prev) : nan;
    r.conversion_from_first = first ? 100.0 * static_cast<double>(r.count) / static_cast<double>(first) : nan;
    r.ci_from_previous = WilsonPercent(r.count, prev);
    r.ci_from_first = WilsonPercent(r.count, first);
    r.median_time_to_convert_s = Percentile(c.from_previous_s[i], 50);
    r.p90_time_to_convert_s = Percentile(c.from_previous_s[i], 90);
    r.median_time_from_first_s = Percentile(c.from_first_s[i], 50);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace touchpoint::kernels
