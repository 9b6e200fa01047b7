// Theme trends: per period (a kernels::PeriodGrid, months by default), the
// comments, their mean sentiment, the share that is negative and each
// theme's share of the period's comments (comments that mention it /
// comments), and the significant rises (docs/feedback.md, "Trends"): a
// theme whose share grew from one period to the next with a pooled
// two-proportion z-test p < kRiseAlpha, both periods holding at least
// kMinPeriodComments comments. Pure function; thread-safe.
#ifndef TOUCHPOINT_TEXT_THEME_TRENDS_H_
#define TOUCHPOINT_TEXT_THEME_TRENDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/period_grid.h"
#include "text/lexicon_sentiment.h"
#include "text/theme_set.h"

namespace touchpoint::text {

inline constexpr double kRiseAlpha = 0.01;
inline constexpr uint64_t kMinPeriodComments = 30;

struct TrendPeriod {
  std::string period;  // the grid's label (2024-03)
  int64_t from_ms = 0, to_ms = 0;
  uint64_t comments = 0;
  double sentiment = 0;       // mean score (NaN when no comments)
  double negative_share = 0;  // share labelled negative
  std::vector<uint64_t> mentions;  // per theme
};

struct TrendRise {
  uint32_t theme = 0;
  std::string period, previous;
  double share_before = 0, share_after = 0;
  double p_value = 1;
};

struct TrendResult {
  std::vector<TrendPeriod> periods;
  std::vector<TrendRise> rises;  // by p-value, smallest first
};

TrendResult AnalyzeTrends(const kernels::PeriodGrid& grid, const std::vector<int64_t>& timestamps,
                          const std::vector<float>& sentiment, const std::vector<SentimentLabel>& labels,
                          const ThemeSet& themes);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_THEME_TRENDS_H_
