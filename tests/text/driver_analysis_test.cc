// Driver arithmetic on ten respondents worked out by hand.
#include "text/driver_analysis.h"

#include <gtest/gtest.h>

#include <cmath>

namespace touchpoint::text {
namespace {

DriverInput Input(SurveyKind kind, std::vector<double> scores, std::vector<std::vector<uint32_t>> themes) {
  DriverInput in;
  in.survey = kind;
  in.score = std::move(scores);
  for (const auto& t : themes) {
    in.themes.insert(in.themes.end(), t.begin(), t.end());
    in.offsets.push_back(in.themes.size());
  }
  in.theme_count = 2;
  return in;
}

double TwoSidedP(double z) { return std::erfc(std::fabs(z) / std::sqrt(2.0)); }

TEST(DriverAnalysis, Nps) {
  // Theme 0: the answers 9, 6, 5, 3, 0; theme 1: 10, 9.
  const DriverResult r = AnalyzeDrivers(Input(SurveyKind::kNps, {10, 9, 9, 8, 7, 6, 5, 3, 10, 0},
                                              {{1}, {0}, {1}, {}, {}, {0}, {0}, {0}, {}, {0}}));
  EXPECT_EQ(r.respondents, 10u);
  EXPECT_DOUBLE_EQ(r.overall, 0);  // 4 promoters, 4 detractors
  const ThemeDriver& d = r.themes[0];
  EXPECT_EQ(d.n_with, 5u);
  EXPECT_DOUBLE_EQ(d.with, -60);     // 1 promoter, 4 detractors of 5
  EXPECT_DOUBLE_EQ(d.without, 60);   // 3 promoters of 5
  EXPECT_DOUBLE_EQ(d.effect, -120);
  EXPECT_DOUBLE_EQ(d.impact, 40);    // its 4 detractors of 10 answers become passives
  // z = (-0.6 - 0.6) / sqrt((0.2 + 0.8 - 0.36) / 5 + (0.6 - 0.36) / 5)
  EXPECT_NEAR(d.p_value, TwoSidedP(-1.2 / std::sqrt(0.128 + 0.048)), 1e-9);
  ASSERT_EQ(r.negative, std::vector<uint32_t>{0});
  ASSERT_EQ(r.positive, std::vector<uint32_t>{1});
  EXPECT_DOUBLE_EQ(r.themes[1].with, 100);
  EXPECT_DOUBLE_EQ(r.themes[1].impact, 0);
}

TEST(DriverAnalysis, CsatAndCes) {
  const DriverResult c = AnalyzeDrivers(Input(SurveyKind::kCsat, {5, 4, 2, 1}, {{0}, {}, {0}, {0}}));
  EXPECT_DOUBLE_EQ(c.overall, 50);
  EXPECT_NEAR(c.themes[0].with, 100.0 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(c.themes[0].without, 100);
  EXPECT_DOUBLE_EQ(c.themes[0].impact, 50);  // 2 unsatisfied of 4
  // Pooled: 2 of 4 satisfied; z = (1/3 - 1) / sqrt(0.5 * 0.5 * (1/3 + 1))
  EXPECT_NEAR(c.themes[0].p_value, TwoSidedP((1.0 / 3 - 1) / std::sqrt(0.25 * (1.0 / 3 + 1))), 1e-9);
  const DriverResult e = AnalyzeDrivers(Input(SurveyKind::kCes, {7, 6, 2, 3}, {{}, {}, {0}, {0}}));
  EXPECT_DOUBLE_EQ(e.overall, 4.5);
  EXPECT_DOUBLE_EQ(e.themes[0].with, 2.5);
  EXPECT_DOUBLE_EQ(e.themes[0].without, 6.5);
  EXPECT_DOUBLE_EQ(e.themes[0].impact, 0.5 * 4);  // half the answers would gain 4 points
}

TEST(DriverAnalysis, NoMentionsIsNoEffect) {
  const DriverResult r = AnalyzeDrivers(Input(SurveyKind::kNps, {10, 0}, {{}, {}}));
  EXPECT_EQ(r.themes[0].n_with, 0u);
  EXPECT_TRUE(std::isnan(r.themes[0].with));
  EXPECT_EQ(r.themes[0].p_value, 1);
  EXPECT_TRUE(r.negative.empty());
}

}  // namespace
}  // namespace touchpoint::text
