// Trend periods and the rise test on two months worked out by hand.
#include "text/theme_trends.h"

#include <gtest/gtest.h>

#include <cmath>

#include "util/time.h"

namespace touchpoint::text {
namespace {

TEST(ThemeTrends, RiseFlaggedWithPooledZTest) {
  const int64_t jan = ParseTimestamp("2024-01-10T00:00:00Z", nullptr).value();
  const int64_t feb = ParseTimestamp("2024-02-10T00:00:00Z", nullptr).value();
  const auto grid = kernels::PeriodGrid::Make(kernels::Interval::kMonth, jan, feb + 1, nullptr);
  ThemeSet set;
  set.themes.resize(2);
  set.offsets = {0};
  std::vector<int64_t> ts;
  std::vector<float> sentiment;
  std::vector<SentimentLabel> labels;
  // January: 40 comments, 4 on theme 0; February: 40, 20 on theme 0. Theme 1 flat: 10 each.
  for (int m = 0; m < 2; ++m) {
    for (int i = 0; i < 40; ++i) {
      ts.push_back(m == 0 ? jan : feb);
      sentiment.push_back(m == 0 ? 0.5f : -0.5f);
      labels.push_back(m == 0 ? SentimentLabel::kPositive : SentimentLabel::kNegative);
      if (i < (m == 0 ? 4 : 20)) set.mentioned.push_back(0);
      if (i >= 30) set.mentioned.push_back(1);
      set.offsets.push_back(set.mentioned.size());
    }
  }
  const TrendResult r = AnalyzeTrends(grid, ts, sentiment, labels, set);
  ASSERT_EQ(r.periods.size(), 2u);
  EXPECT_EQ(r.periods[0].period, "2024-01");
  EXPECT_EQ(r.periods[0].comments, 40u);
  EXPECT_EQ(r.periods[0].mentions[0], 4u);
  EXPECT_DOUBLE_EQ(r.periods[1].sentiment, -0.5);
  EXPECT_DOUBLE_EQ(r.periods[1].negative_share, 1.0);
  ASSERT_EQ(r.rises.size(), 1u);
  EXPECT_EQ(r.rises[0].theme, 0u);
  EXPECT_EQ(r.rises[0].period, "2024-02");
  EXPECT_DOUBLE_EQ(r.rises[0].share_before, 0.1);
  EXPECT_DOUBLE_EQ(r.rises[0].share_after, 0.5);
  const double z = 0.4 / std::sqrt(0.3 * 0.7 * (1.0 / 40 + 1.0 / 40));
  EXPECT_NEAR(r.rises[0].p_value, std::erfc(z / std::sqrt(2.0)), 1e-9);
}

}  // namespace
}  // namespace touchpoint::text
