// Segments end to end: RFM on a fixture scored by hand; k-means and
// predictive segments on demo data, checked for what must hold (everyone in
// exactly one segment, shares adding up, the join of churn and CLV).
#include "engine/segments_query.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "demo/demo_generator.h"
#include "engine/ingest_job.h"
#include "report/segments_format.h"
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

TEST(SegmentsQuery, RfmByHand) {
  TempDir dir;
  EventBatch b;
  const int64_t t0 = ParseTimestamp("2024-01-01", nullptr).value();
  // Five purchasers (as of day 100): recency 1, 10, 10, 50, 90 days;
  // purchases 5, 1, 1, 3, 1; revenue 500, 20, 30, 90, 10. "browser" never buys.
  auto buy = [&](const std::string& id, int day, double revenue) { AddEvent(&b, id, t0 + day * kDay, "purchase", "", revenue); };
  for (int d : {60, 70, 80, 90}) buy("A", d, 100);
  buy("A", 99, 100);
  buy("B", 90, 20);
  buy("C", 90, 30);
  buy("D", 10, 30);
  buy("D", 30, 30);
  buy("D", 50, 30);
  buy("E", 10, 10);
  AddEvent(&b, "browser", t0 + 95 * kDay, "page_view");
  AddEvent(&b, "end", t0 + 100 * kDay - 1, "page_view");
  auto snapshot = LoadFixture(dir.path(), b);
  SegmentsRequest req;
  req.as_of_ms = t0 + 100 * kDay;
  auto r = RunSegments(snapshot, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->customers, 5u);
  std::map<std::string, std::string> segment;
  std::map<std::string, double> rs, fs, ms;
  for (size_t i = 0; i < r->customer_id.size(); ++i) {
    segment[r->customer_id[i]] = r->segment[i];
    rs[r->customer_id[i]] = r->r_score[i];
    fs[r->customer_id[i]] = r->f_score[i];
    ms[r->customer_id[i]] = r->m_score[i];
  }
  // R = 1 + floor(5 * (customers with a strictly larger recency) / 5):
  // A 4 larger -> 5; B, C 2 larger -> 3; D 1 -> 2; E 0 -> 1.
  EXPECT_EQ(rs["A"], 5);
  EXPECT_EQ(rs["B"], 3);
  EXPECT_EQ(rs["D"], 2);
  EXPECT_EQ(rs["E"], 1);
  // F = 1 + floor(5 * (strictly fewer purchases) / 5): A 4 fewer -> 5; D 3 -> 4; B, C, E -> 1.
  EXPECT_EQ(fs["A"], 5);
  EXPECT_EQ(fs["D"], 4);
  EXPECT_EQ(fs["B"], 1);
  EXPECT_EQ(ms["A"], 5);  // 500
  EXPECT_EQ(ms["E"], 1);  // 10
  EXPECT_EQ(segment["A"], "champions");     // R5 F5
  EXPECT_EQ(segment["B"], "about_to_sleep");  // R3 F1
  EXPECT_EQ(segment["D"], "at_risk");       // R2 F4
  EXPECT_EQ(segment["E"], "hibernating");   // R1 F1
  double share = 0, revenue_share = 0;
  for (const auto& s : r->segments) {
    share += s.share;
    revenue_share += s.revenue_share;
    if (s.name == "champions") {
      EXPECT_DOUBLE_EQ(s.revenue_share, 500.0 / 650);
    }
  }
  EXPECT_NEAR(share, 1, 1e-12);
  EXPECT_NEAR(revenue_share, 1, 1e-12);
  EXPECT_EQ(report::SegmentsCustomersCsv(*r).substr(0, 40), "customer_id,segment,r_score,f_score,m_sc");
}

class DemoSegments : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    demo::DemoOptions options;
    options.events = 200000;
    options.days = 240;
    options.seed = 9;
    ASSERT_TRUE(demo::GenerateDemo(options, dir_->Sub("demo.csv"), nullptr).ok());
    auto store = store::Store::Open(dir_->Sub("store"), store::StoreOptions{});
    ASSERT_TRUE(store.ok());
    IngestRequest ingest;
    ingest.path = dir_->Sub("demo.csv");
    IngestResult loaded;
    ASSERT_TRUE(IngestFile(store->get(), ingest, &loaded).ok());
    snapshot_ = new std::shared_ptr<const store::Snapshot>((*store)->GetSnapshot().value());
  }
  static void TearDownTestSuite() {
    delete snapshot_;
    delete dir_;
  }
  static void ExpectPartition(const models::SegmentsReport& r) {
    std::set<std::string> ids(r.customer_id.begin(), r.customer_id.end());
    EXPECT_EQ(ids.size(), r.customer_id.size());  // each customer once
    EXPECT_EQ(r.customer_id.size(), r.customers);
    uint64_t total = 0;
    double share = 0;
    for (const auto& s : r.segments) {
      total += s.customers;
      share += s.share;
      EXPECT_FALSE(s.description.empty());
    }
    EXPECT_EQ(total, r.customers);
    EXPECT_NEAR(share, 1, 1e-9);
  }
  static TempDir* dir_;
  static std::shared_ptr<const store::Snapshot>* snapshot_;
};
TempDir* DemoSegments::dir_ = nullptr;
std::shared_ptr<const store::Snapshot>* DemoSegments::snapshot_ = nullptr;

TEST_F(DemoSegments, KMeansChoosesKBySilhouette) {
  SegmentsRequest req;
  req.method = "kmeans";
  auto r = RunSegments(*snapshot_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ExpectPartition(*r);
  EXPECT_EQ(r->silhouettes.size(), 7u);  // k = 2..8
  double best = -2;
  size_t best_k = 0;
  for (const auto& [k, s] : r->silhouettes) {
    if (s > best) {
      best = s;
      best_k = k;
    }
  }
  EXPECT_EQ(r->k, best_k);
  EXPECT_EQ(r->segments.size(), r->k);
  for (size_t i = 1; i < r->segments.size(); ++i) EXPECT_GE(r->segments[i - 1].customers, r->segments[i].customers);
  EXPECT_NE(report::Render(*report::SegmentsBody(*r), report::OutputFormat::kJson).find("\"silhouette\":"), std::string::npos);
}

TEST_F(DemoSegments, PredictiveJoinsRiskAndValue) {
  SegmentsRequest req;
  req.method = "predictive";
  req.churn.boosting.rounds = 40;
  auto r = RunSegments(*snapshot_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ExpectPartition(*r);
  EXPECT_GT(r->value_threshold, 0);
  for (const auto& s : r->segments) {
    const bool at_risk = s.name.find("at_risk") != std::string::npos;
    const bool high = s.name.rfind("high", 0) == 0;
    EXPECT_EQ(at_risk, s.mean_risk >= 0.5) << s.name;
    EXPECT_EQ(high, s.mean_clv >= r->value_threshold) << s.name;
  }
}

TEST(SegmentsQuery, RejectsAnUnknownMethod) {
  TempDir dir;
  EventBatch b;
  AddEvent(&b, "A", 1000, "purchase", "", 5);
  auto r = RunSegments(LoadFixture(dir.path(), b), SegmentsRequest{.method = "kmean"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--method must be rfm, kmeans or predictive"), std::string::npos);
}

}  // namespace
}  // namespace touchpoint::engine
