// Churn risk end to end: on realistic demo data (customers with finite
// lifetimes, so activity stops) the model must find the signal; on a small
// hand-built store the labels, the split and the refusal are checked by hand.
#include "engine/churn_query.h"

#include <gtest/gtest.h>

#include <cmath>

#include "demo/demo_generator.h"
#include "engine/ingest_job.h"
#include "report/churn_format.h"
#include "store/store.h"
#include "store_fixture.h"
#include "test_util.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::LoadFixture;
using touchpoint::testing::TempDir;

constexpr int64_t kDay = 86400 * 1000LL;

TEST(ChurnQuery, LearnsFromDemoData) {
  TempDir dir;
  demo::DemoOptions options;
  options.events = 300000;
  options.days = 240;
  options.seed = 5;
  ASSERT_TRUE(demo::GenerateDemo(options, dir.Sub("demo.csv"), nullptr).ok());
  auto store = store::Store::Open(dir.Sub("store"), store::StoreOptions{});
  ASSERT_TRUE(store.ok());
  IngestRequest ingest;
  ingest.path = dir.Sub("demo.csv");
  IngestResult loaded;
  ASSERT_TRUE(IngestFile(store->get(), ingest, &loaded).ok());

  auto r = RunChurn((*store)->GetSnapshot().value(), ChurnRequest{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->train.customers, 500u);
  EXPECT_GT(r->test.customers, 500u);
  // Real signal: well above chance, and the riskiest decile churns more.
  EXPECT_GT(r->auc, 0.7);
  EXPECT_GT(r->top_decile.lift, 1.3);
  ASSERT_EQ(r->calibration.size(), 10u);
  EXPECT_GT(r->calibration.back().actual, r->calibration.front().actual);
  uint64_t calibrated = 0;
  for (const auto& b : r->calibration) calibrated += b.customers;
  EXPECT_EQ(calibrated, r->test.customers);
  ASSERT_FALSE(r->drivers.empty());
  double share = 0;
  for (const auto& d : r->drivers) share += d.share;
  EXPECT_NEAR(share, 1.0, 1e-9);
  // Recent inactivity is what predicts leaving: the long-unseen are riskier.
  bool recency_found = false;
  for (size_t k = 0; k < r->drivers.size() && k < 5; ++k) {
    if (r->drivers[k].feature == "recency_days") {
      recency_found = true;
      EXPECT_EQ(r->drivers[k].direction, 1);
    }
  }
  EXPECT_TRUE(recency_found);
  ASSERT_EQ(r->risk.size(), r->customer_id.size());
  ASSERT_FALSE(r->risk.empty());
  for (double v : r->risk) EXPECT_TRUE(v >= 0 && v <= 1);
  const std::string json = report::Render(*report::ChurnBody(*r), report::OutputFormat::kJson);
  EXPECT_NE(json.find("\"auc\":"), std::string::npos);
  EXPECT_EQ(report::ChurnCustomersCsv(*r).substr(0, 23), "customer_id,churn_risk\n");
}

// 60 customers active before the training cut-off; a worked-out number of
// them stop, so the split sizes and churn counts are known by hand.
TEST(ChurnQuery, LabelsAndSplitByHand) {
  TempDir dir;
  EventBatch b;
  const int64_t start = ParseTimestamp("2024-01-01", nullptr).value();
  // Horizon 30 days, as of day 120: train cut-off day 60, test cut-off day 90.
  for (int i = 0; i < 60; ++i) {
    const std::string id = "c" + std::to_string(i);
    AddEvent(&b, id, start + 50 * kDay, "page_view");  // active before day 60
    if (i < 20) continue;                              // 20 churn in the training window
    AddEvent(&b, id, start + 70 * kDay, "page_view");  // returned in [60, 90)
    if (i < 40) continue;                              // 20 of the 40 churn in the test window
    AddEvent(&b, id, start + 100 * kDay, "page_view");  // returned in [90, 120)
  }
  // One more customer who cancels in the test window: churned though active.
  AddEvent(&b, "cancel", start + 80 * kDay, "subscription_start");
  AddEvent(&b, "cancel", start + 85 * kDay, "page_view");
  AddEvent(&b, "cancel", start + 95 * kDay, "subscription_cancel");
  AddEvent(&b, "cancel", start + 110 * kDay, "page_view");
  AddEvent(&b, "end", start + 120 * kDay - 1, "impression");  // not activity: only marks the end
  auto snapshot = LoadFixture(dir.path(), b);
  ChurnRequest req;
  req.boosting.rounds = 5;
  req.as_of_ms = start + 120 * kDay;
  req.lookback_ms = 25 * kDay;  // active = some activity in the 25 days before a cut-off
  auto r = RunChurn(snapshot, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->train.customers, 60u);
  EXPECT_EQ(r->train.churned, 20u);
  EXPECT_EQ(r->test.customers, 41u);  // the 40 who returned, and "cancel"
  EXPECT_EQ(r->test.churned, 21u);    // 20 stopped, "cancel" cancelled
  EXPECT_EQ(r->train.cutoff, "2024-03-01T00:00:00.000Z");
  EXPECT_EQ(r->risk.size(), 21u);     // the 20 active in the last 25 days, and "cancel"
  // Under the cap, each model learns from its whole window.
  EXPECT_EQ(r->train.trained_on, 60u);
  EXPECT_EQ(r->test.trained_on, 41u);

  // Capped: each model learns from an even sample of its window, but is
  // still judged on, and scores, every customer.
  req.max_training_rows = 25;
  r = RunChurn(snapshot, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->train.customers, 60u);
  EXPECT_EQ(r->train.trained_on, 25u);
  EXPECT_EQ(r->test.trained_on, 25u);
  uint64_t judged = 0;
  for (const auto& bin : r->calibration) judged += bin.customers;
  EXPECT_EQ(judged, 41u);
  EXPECT_EQ(r->risk.size(), 21u);
  const std::string json = report::Render(*report::ChurnBody(*r), report::OutputFormat::kJson);
  EXPECT_NE(json.find("\"trained_on\":25"), std::string::npos) << json;
}

TEST(ChurnQuery, RefusesWithTooFewChurners) {
  TempDir dir;
  EventBatch b;
  const int64_t start = ParseTimestamp("2024-01-01", nullptr).value();
  for (int i = 0; i < 50; ++i) {
    for (int day = 0; day < 120; day += 10) AddEvent(&b, "c" + std::to_string(i), start + day * kDay, "page_view");
  }
  AddEvent(&b, "gone", start + 50 * kDay, "page_view");
  auto snapshot = LoadFixture(dir.path(), b);
  auto r = RunChurn(snapshot, ChurnRequest{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("too few examples to learn churn from"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("1 customers who churned"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace touchpoint::engine
