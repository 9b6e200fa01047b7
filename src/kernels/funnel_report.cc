#include "kernels/funnel_report.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace touchpoint::kernels {

double Percentile(std::vector<double> v, double p) { return Percentiles(std::move(v), {p})[0]; }

std::vector<double> Percentiles(std::vector<double> v, const std::vector<double>& ps) {
  std::vector<double> out(ps.size(), std::numeric_limits<double>::quiet_NaN());
  if (v.empty()) return out;
  // Order statistics by selection, in increasing rank: each selection runs
  // on the part above the previous one (REQUIRES: ps ascending).
  auto from = v.begin();
  for (size_t k = 0; k < ps.size(); ++k) {
    const double rank = ps[k] / 100.0 * static_cast<double>(v.size() - 1);
    const size_t lo = static_cast<size_t>(std::floor(rank));
    const auto at = v.begin() + static_cast<ptrdiff_t>(lo);
    std::nth_element(from, at, v.end());
    const double low = *at;
    const double high = lo + 1 < v.size() ? *std::min_element(at + 1, v.end()) : low;
    out[k] = low + (high - low) * (rank - static_cast<double>(lo));
    from = at;
  }
  return out;
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
    const std::vector<double> q = Percentiles(c.from_previous_s[i], {50, 90});
    r.median_time_to_convert_s = q[0];
    r.p90_time_to_convert_s = q[1];
    r.median_time_from_first_s = Percentile(c.from_first_s[i], 50);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace touchpoint::kernels
