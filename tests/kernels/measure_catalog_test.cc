// The seeds' worked examples, through the catalogue's own formulas.
#include "kernels/measure_catalog.h"

#include <gtest/gtest.h>

#include <cmath>

namespace touchpoint::kernels {
namespace {

const MetricValue& Get(const MetricSet& s, const char* name) {
  const MetricValue* v = s.Find(name);
  EXPECT_NE(v, nullptr) << name;
  return *v;
}

TEST(MeasureCatalog, SeedWorkedExamples) {
  MeasureCell c;
  c.impressions = 1000;  // "1000 impressions and 50 clicks is 5% CTR"
  c.clicks = 50;
  c.nps_n = 1000;  // "60% promoters and 10% detractors is NPS 50"
  c.promoters = 600;
  c.detractors = 100;
  c.sessions = 2000;  // "5000 minutes over 2000 sessions is 2.5 minutes"
  c.duration_s = 5000 * 60;
  c.duration_s2 = 2000 * 150.0 * 150.0;  // every session exactly 150 s
  c.csat_n = 1000;  // "800 satisfied of 1000 is CSAT 80%"
  c.csat_satisfied = 800;
  scan::Catalog catalog;
  MetricSet m = ComputeMeasures(c, CellContext{}, catalog);
  EXPECT_DOUBLE_EQ(Get(m, "ctr").value, 5);
  EXPECT_DOUBLE_EQ(Get(m, "nps").value, 50);
  EXPECT_DOUBLE_EQ(Get(m, "avg_session_duration_s").value, 150);
  EXPECT_DOUBLE_EQ(Get(m, "csat").value, 80);
  // Shares, bands and intervals travel with the values.
  const MetricValue& nps = Get(m, "nps");
  ASSERT_EQ(nps.parts.size(), 3u);
  EXPECT_DOUBLE_EQ(nps.parts[0].second, 60);
  EXPECT_DOUBLE_EQ(nps.parts[1].second, 30);
  EXPECT_DOUBLE_EQ(nps.parts[2].second, 10);
  EXPECT_EQ(nps.benchmark->band, "good");  // > 0 good, > 50 excellent: 50 is not above 50
  EXPECT_EQ(Get(m, "csat").benchmark->band, "good");
  EXPECT_EQ(Get(m, "avg_session_duration_s").benchmark->band, "excellent");
  EXPECT_NEAR(Get(m, "ctr").ci95->low, 3.813026239274882, 1e-9);
  // An empty denominator is undefined, not zero.
  EXPECT_TRUE(std::isnan(Get(m, "bounce_rate").value));
  EXPECT_FALSE(Get(m, "bounce_rate").ci95.has_value());
}

TEST(MeasureCatalog, CompareTestsEachKind) {
  MeasureCell before, after;
  before.impressions = after.impressions = 1000;
  before.clicks = 80;
  after.clicks = 50;
  before.nps_n = after.nps_n = 1000;
  before.promoters = 600;
  before.detractors = 100;
  after.promoters = 600;
  after.detractors = 100;
  scan::Catalog catalog;
  MetricSet base = ComputeMeasures(before, CellContext{}, catalog);
  MetricSet cur = ComputeMeasures(after, CellContext{}, catalog);
  CompareMeasures(base, &cur);
  const MetricValue& ctr = Get(cur, "ctr");
  ASSERT_TRUE(ctr.compare.has_value());
  EXPECT_DOUBLE_EQ(ctr.compare->change, -3);
  EXPECT_NEAR(ctr.compare->p_value, 0.00650659748363783, 1e-12);  // scipy, see stats_test.cc
  EXPECT_TRUE(ctr.compare->significant);
  const MetricValue& nps = Get(cur, "nps");
  EXPECT_DOUBLE_EQ(nps.compare->change, 0);
  EXPECT_NEAR(nps.compare->p_value, 1, 1e-12);
  EXPECT_FALSE(nps.compare->significant);
}

}  // namespace
}  // namespace touchpoint::kernels
