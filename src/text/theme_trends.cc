#include "text/theme_trends.h"

#include <algorithm>
#include <limits>

#include "kernels/stats.h"

namespace touchpoint::text {

TrendResult AnalyzeTrends(const kernels::PeriodGrid& grid, const std::vector<int64_t>& timestamps,
                          const std::vector<float>& sentiment, const std::vector<SentimentLabel>& labels,
                          const ThemeSet& themes) {
  TrendResult r;
  const size_t theme_count = themes.themes.size();
  r.periods.resize(grid.size());
  std::vector<double> sums(grid.size(), 0);
  std::vector<uint64_t> negatives(grid.size(), 0);
  for (size_t p = 0; p < grid.size(); ++p) {
    r.periods[p].period = grid.label(p);
    r.periods[p].from_ms = grid.start(p);
    r.periods[p].to_ms = grid.end(p);
    r.periods[p].mentions.assign(theme_count, 0);
  }
  for (size_t i = 0; i < timestamps.size(); ++i) {
    const int p = grid.Index(timestamps[i]);
    if (p < 0) continue;
    TrendPeriod& period = r.periods[p];
    ++period.comments;
    sums[p] += sentiment[i];
    negatives[p] += labels[i] == SentimentLabel::kNegative;
    for (uint32_t t : themes.mentions(i)) ++period.mentions[t];
  }
  for (size_t p = 0; p < grid.size(); ++p) {
    TrendPeriod& period = r.periods[p];
    period.sentiment = period.comments > 0 ? sums[p] / period.comments : std::numeric_limits<double>::quiet_NaN();
    period.negative_share = period.comments > 0 ? static_cast<double>(negatives[p]) / period.comments : 0;
    if (p == 0) continue;
    const TrendPeriod& before = r.periods[p - 1];
    if (before.comments < kMinPeriodComments || period.comments < kMinPeriodComments) continue;
    for (uint32_t t = 0; t < theme_count; ++t) {
      const double a = static_cast<double>(before.mentions[t]) / before.comments;
      const double b = static_cast<double>(period.mentions[t]) / period.comments;
      if (b <= a) continue;
      const double pv = kernels::TwoProportionPValue(period.mentions[t], period.comments, before.mentions[t], before.comments);
      if (pv < kRiseAlpha) r.rises.push_back({t, period.period, before.period, a, b, pv});
    }
  }
  std::stable_sort(r.rises.begin(), r.rises.end(),
                   [](const TrendRise& x, const TrendRise& y) { return x.p_value < y.p_value; });
  return r;
}

}  // namespace touchpoint::text
