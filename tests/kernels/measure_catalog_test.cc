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
  // > 0 good, > 50 excellent: 50 is good, but its 95% interval (about 45.3
  // to 54.7) reaches into excellent, so no verdict yet (issue 12).
  EXPECT_EQ(nps.benchmark->band, "uncertain");
  EXPECT_EQ(nps.benchmark->verdict, "the 95% interval spans the good and excellent bands: not enough data for a verdict");
  EXPECT_EQ(Get(m, "csat").benchmark->band, "good");
  EXPECT_EQ(Get(m, "avg_session_duration_s").benchmark->band, "excellent");
  EXPECT_NEAR(Get(m, "ctr").ci95->low, 3.813026239274882, 1e-9);
  // An empty denominator is undefined, not zero.
  EXPECT_TRUE(std::isnan(Get(m, "bounce_rate").value));
  EXPECT_FALSE(Get(m, "bounce_rate").ci95.has_value());
}

// Issue 12: no verdict on fewer than 30 observations (a month with one CSAT
// answer read "0.00% [0.00, 79.35] 0/1 below").
TEST(MeasureCatalog, NoVerdictOnSmallSamples) {
  MeasureCell c;
  c.csat_n = 1;
  c.nps_n = 29;
  c.promoters = 20;
  scan::Catalog catalog;
  MetricSet m = ComputeMeasures(c, CellContext{}, catalog);
  EXPECT_EQ(Get(m, "csat").benchmark->band, "too few");
  EXPECT_EQ(Get(m, "csat").benchmark->verdict, "too few (n=1) for a verdict");
  EXPECT_EQ(Get(m, "nps").benchmark->verdict, "too few (n=29) for a verdict");
  c.nps_n = 300;  // 20 promoters, no detractors: NPS 6.7, interval within "good"
  m = ComputeMeasures(c, CellContext{}, catalog);
  EXPECT_EQ(Get(m, "nps").benchmark->band, "good");
}

// Issue 12: equal promoters and detractors is a tie, not "detractors outnumber".
TEST(MeasureCatalog, NpsTieText) {
  const auto tie = Benchmark("nps", 0);
  ASSERT_TRUE(tie.has_value());
  EXPECT_EQ(tie->verdict, "0.0: as many detractors as promoters (good is above 0)");
  EXPECT_EQ(Benchmark("nps", -5)->verdict, "-5.0: detractors outnumber promoters");
}

// Issue 12: a measure whose inputs the store never has is "not applicable",
// with the reason, never 0.
TEST(MeasureCatalog, MeasuresThatDoNotApplySaySo) {
  MeasureCell c;
  c.customers = 23570;
  c.converters = 23570;
  c.new_customers = 23570;
  c.sessions = 100;
  CellContext ctx;
  ctx.presence.activation = false;
  ctx.presence.non_conversion_activity = false;  // a purchases-only store
  ctx.presence.time_of_day = false;              // dates without times
  scan::Catalog catalog;
  MetricSet m = ComputeMeasures(c, ctx, catalog);
  EXPECT_TRUE(std::isnan(Get(m, "activation_rate").value));
  EXPECT_EQ(Get(m, "activation_rate").not_applicable, "not applicable: the store has no activation events");
  EXPECT_TRUE(std::isnan(Get(m, "conversion_rate").value));
  EXPECT_FALSE(Get(m, "conversion_rate").benchmark.has_value());
  EXPECT_EQ(Get(m, "conversion_rate").not_applicable,
            "not applicable: every customer is known only by a conversion event");
  for (const char* session_measure : {"sessions", "avg_session_duration_s", "bounce_rate", "session_conversion_rate"}) {
    EXPECT_EQ(Get(m, session_measure).not_applicable, "not applicable: timestamps have no time of day") << session_measure;
  }
  EXPECT_TRUE(Get(m, "customers").not_applicable.empty());
}

// Issue 12: historic CLV's lifespan is 1 / the purchasers' annual churn from
// their pooled monthly churn, capped at 10 years; realised revenue per
// customer and the repeat purchase rate beside it. By hand: 100 purchases of
// 5000 in all by 40 purchasers over one year (365.25 days); 20 of 160
// purchaser-months churned: m = 0.125, annual 1 - 0.875^12 = 0.798567..., so
// lifespan 1.252243... years; CLV = 50 x 2.5 x 1.252243... = 156.5273...
TEST(MeasureCatalog, HistoricClvAndRepeatPurchases) {
  MeasureCell c;
  c.purchases = 100;
  c.revenue = 5000;
  c.purchasers = 40;
  c.repeat_purchasers = 18;
  c.customers = 50;
  c.customer_revenue = 4900;
  c.purchaser_churn_base = 160;
  c.purchasers_churned = 20;
  CellContext ctx;
  ctx.range_days = 365.25;
  scan::Catalog catalog;
  MetricSet m = ComputeMeasures(c, ctx, catalog);
  const MetricValue& clv = Get(m, "clv_historic");
  const double annual = 1 - std::pow(0.875, 12);
  ASSERT_EQ(clv.parts.size(), 5u);
  EXPECT_DOUBLE_EQ(clv.parts[0].second, 50);    // avg purchase value
  EXPECT_DOUBLE_EQ(clv.parts[1].second, 2.5);   // purchases per purchaser per year
  EXPECT_DOUBLE_EQ(clv.parts[2].second, 0.125);  // monthly purchaser churn
  EXPECT_DOUBLE_EQ(clv.parts[3].second, annual);
  EXPECT_DOUBLE_EQ(clv.parts[4].second, 1 / annual);
  EXPECT_DOUBLE_EQ(clv.value, 50 * 2.5 / annual);
  EXPECT_NEAR(clv.value, 156.5273, 1e-4);
  EXPECT_DOUBLE_EQ(Get(m, "revenue_per_customer").value, 98);
  EXPECT_DOUBLE_EQ(Get(m, "repeat_purchase_rate").value, 45);
  EXPECT_NEAR(Get(m, "repeat_purchase_rate").ci95->low, 30.7, 0.1);  // Wilson, 18/40
  // Nobody lost in any month: the lifespan is the 10-year cap.
  c.purchasers_churned = 0;
  m = ComputeMeasures(c, ctx, catalog);
  EXPECT_DOUBLE_EQ(Get(m, "clv_historic").parts[4].second, 10);
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
