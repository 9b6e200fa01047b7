// Retention on a fixture worked out by hand: ISO weeks, a return in the
// cohort's own week, an incomplete last week, unbounded retention, and the
// size-weighted average curve over complete entries only.
#include "engine/retention_query.h"

#include <gtest/gtest.h>

#include <cmath>

#include "store/load_writer.h"
#include "store/store.h"
#include "store_fixture.h"
#include "test_util.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::LoadFixture;
using touchpoint::testing::TempDir;

int64_t T(const char* iso) { return ParseTimestamp(iso, nullptr).value(); }

class RetentionQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EventBatch b;
    // W10 = Mar 4-10, W11 = Mar 11-17, W12 = Mar 18-24, W13 = Mar 25-31 (2024).
    AddEvent(&b, "A", T("2024-03-04T10:00:00Z"), "page_view");
    AddEvent(&b, "A", T("2024-03-12T10:00:00Z"), "page_view");
    AddEvent(&b, "A", T("2024-03-26T10:00:00Z"), "purchase");
    AddEvent(&b, "B", T("2024-03-05T10:00:00Z"), "signup");
    AddEvent(&b, "B", T("2024-03-19T10:00:00Z"), "page_view");
    AddEvent(&b, "C", T("2024-03-06T10:00:00Z"), "page_view");
    AddEvent(&b, "C", T("2024-03-07T10:00:00Z"), "page_view");
    AddEvent(&b, "D", T("2024-03-12T10:00:00Z"), "signup");
    AddEvent(&b, "D", T("2024-03-13T10:00:00Z"), "page_view");
    AddEvent(&b, "D", T("2024-03-20T10:00:00Z"), "purchase");
    AddEvent(&b, "E", T("2024-03-27T10:00:00Z"), "page_view");
    snapshot_ = LoadFixture(dir_.path(), b);
  }

  kernels::RetentionReport Run(RetentionRequest req) {
    auto r = RunRetention(snapshot_, req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }

  TempDir dir_;
  std::shared_ptr<const store::Snapshot> snapshot_;
};

TEST_F(RetentionQueryTest, WeeklyMatrixByHand) {
  kernels::RetentionReport r = Run(RetentionRequest{});
  const auto& c = r.all.cohorts;
  ASSERT_EQ(c.size(), 3u);  // W10, W11, W13 (nobody is new in W12)
  EXPECT_EQ(c[0].cohort, "2024-W10");
  EXPECT_EQ(c[0].retained, (std::vector<uint64_t>{3, 1, 1, 1}));  // A in W11 and W13, B in W12
  EXPECT_EQ(c[0].complete_periods, 3u);                            // W13 ends after the data
  EXPECT_EQ(c[1].cohort, "2024-W11");
  EXPECT_EQ(c[1].retained, (std::vector<uint64_t>{1, 1, 0}));  // D's own-week return is k = 0
  EXPECT_EQ(c[2].cohort, "2024-W13");
  EXPECT_EQ(c[2].retained, (std::vector<uint64_t>{1}));
  EXPECT_EQ(c[2].complete_periods, 0u);
  EXPECT_NEAR(c[0].percent[1], 100.0 / 3, 1e-9);
  // Average over complete entries, weighted by size: k1 = (1 + 1) / (3 + 1); k2 = 1 / 3; k3 none.
  ASSERT_EQ(r.all.average.size(), 4u);
  EXPECT_NEAR(r.all.average[0], 100, 1e-9);
  EXPECT_NEAR(r.all.average[1], 50, 1e-9);
  EXPECT_NEAR(r.all.average[2], 100.0 / 3, 1e-9);
  EXPECT_TRUE(std::isnan(r.all.average[3]));
  EXPECT_NEAR(c[0].revenue[0], 0, 1e-12);
}

TEST_F(RetentionQueryTest, UnboundedCountsAnyLaterReturn) {
  RetentionRequest req;
  req.unbounded = true;
  kernels::RetentionReport r = Run(req);
  EXPECT_EQ(r.all.cohorts[0].retained, (std::vector<uint64_t>{3, 2, 2, 1}));
}

TEST_F(RetentionQueryTest, CohortAndReturnEvents) {
  RetentionRequest req;
  req.cohort = "signup";  // B (W10) and D (W11)
  req.return_event = "purchase";
  kernels::RetentionReport r = Run(req);
  ASSERT_EQ(r.all.cohorts.size(), 2u);
  EXPECT_EQ(r.all.cohorts[0].retained, (std::vector<uint64_t>{1, 0, 0, 0}));  // B never buys
  EXPECT_EQ(r.all.cohorts[1].retained, (std::vector<uint64_t>{1, 1, 0}));     // D buys in W12
  req.period = "fortnight";
  EXPECT_FALSE(RunRetention(snapshot_, req).ok());
}

// Churn, revenue retention and contractual churn, by month, by hand.
// P: Jan 5 purchase 100 + subscription_start, Feb 10 purchase 150, Feb 20
//    subscription_cancel, Mar 10 purchase 40.
// Q: Jan 7 purchase 50, Jan 25 subscription_start, Feb 1 page_view, Apr 1 purchase 80.
// R: Jan 20 page_view, Mar 5 purchase 30, Mar 6 subscription_start, Mar 25
//    subscription_cancel, Apr 2 subscription_start.
// S: Apr 30 page_view (the end of the data: April is incomplete).
class RetentionChurnTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EventBatch b;
    AddEvent(&b, "P", T("2024-01-05T10:00:00Z"), "purchase", "", 100);
    AddEvent(&b, "P", T("2024-01-05T10:01:00Z"), "subscription_start");
    AddEvent(&b, "P", T("2024-02-10T10:00:00Z"), "purchase", "", 150);
    AddEvent(&b, "P", T("2024-02-20T10:00:00Z"), "subscription_cancel");
    AddEvent(&b, "P", T("2024-03-10T10:00:00Z"), "purchase", "", 40);
    AddEvent(&b, "Q", T("2024-01-07T10:00:00Z"), "purchase", "", 50);
    AddEvent(&b, "Q", T("2024-01-25T10:00:00Z"), "subscription_start");
    AddEvent(&b, "Q", T("2024-02-01T10:00:00Z"), "page_view");
    AddEvent(&b, "Q", T("2024-04-01T10:00:00Z"), "purchase", "", 80);
    AddEvent(&b, "R", T("2024-01-20T10:00:00Z"), "page_view");
    AddEvent(&b, "R", T("2024-03-05T10:00:00Z"), "purchase", "", 30);
    AddEvent(&b, "R", T("2024-03-06T10:00:00Z"), "subscription_start");
    AddEvent(&b, "R", T("2024-03-25T10:00:00Z"), "subscription_cancel");
    AddEvent(&b, "R", T("2024-04-02T10:00:00Z"), "subscription_start");
    AddEvent(&b, "S", T("2024-04-30T23:00:00Z"), "page_view");
    snapshot_ = LoadFixture(dir_.path(), b);
  }

  kernels::RetentionReport Run(RetentionRequest req) {
    req.period = "month";
    auto r = RunRetention(snapshot_, req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }

  TempDir dir_;
  std::shared_ptr<const store::Snapshot> snapshot_;
};

TEST_F(RetentionChurnTest, ChurnAndRevenueRetentionByHand) {
  kernels::RetentionReport r = Run(RetentionRequest{});
  ASSERT_EQ(r.all.cohorts.size(), 2u);  // 2024-01 (P, Q, R) and 2024-04 (S)
  const auto& jan = r.all.cohorts[0];
  EXPECT_EQ(jan.cohort, "2024-01");
  // Feb: P, Q; Mar: P, R; Apr: Q, R.
  EXPECT_EQ(jan.retained, (std::vector<uint64_t>{3, 2, 2, 2}));
  EXPECT_EQ(jan.complete_periods, 3u);
  // Kept from k-1 to k: Feb P, Q (2 of 3); Mar P (1 of 2); Apr R (1 of 2).
  EXPECT_TRUE(std::isnan(jan.churn[0]));
  EXPECT_NEAR(jan.churn[1], 100.0 / 3, 1e-9);
  EXPECT_NEAR(jan.churn[2], 50, 1e-9);
  EXPECT_NEAR(jan.churn[3], 50, 1e-9);
  // Wilson interval around 2/3.
  EXPECT_LT(jan.percent_ci[1].low, 66.67);
  EXPECT_GT(jan.percent_ci[1].high, 66.66);
  // Revenue: Jan 100 + 50, Feb 150, Mar 40 + 30, Apr 80.
  EXPECT_EQ(jan.revenue, (std::vector<double>{150, 150, 70, 80}));
  EXPECT_NEAR(jan.net_revenue_retention[1], 100, 1e-9);
  EXPECT_NEAR(jan.net_revenue_retention[2], 100.0 * 70 / 150, 1e-9);
  EXPECT_NEAR(jan.net_revenue_retention[3], 100.0 * 80 / 150, 1e-9);
  // Gross caps each customer at their January revenue (P 100, Q 50, R 0):
  // Feb min(150, 100) = 100; Mar min(40, 100) + min(30, 0) = 40; Apr min(80, 50) = 50.
  EXPECT_NEAR(jan.gross_revenue_retention[0], 100, 1e-9);
  EXPECT_NEAR(jan.gross_revenue_retention[1], 100.0 * 100 / 150, 1e-9);
  EXPECT_NEAR(jan.gross_revenue_retention[2], 100.0 * 40 / 150, 1e-9);
  EXPECT_NEAR(jan.gross_revenue_retention[3], 100.0 * 50 / 150, 1e-9);
  // Subscribed at month ends: Jan P, Q; Feb Q; Mar Q (R cancelled); Apr Q, R.
  ASSERT_TRUE(r.all.has_subscriptions);
  EXPECT_EQ(jan.subscribed, (std::vector<uint64_t>{2, 1, 1, 2}));
  EXPECT_NEAR(jan.contractual_churn[1], 50, 1e-9);  // P of {P, Q}
  EXPECT_NEAR(jan.contractual_churn[2], 0, 1e-9);
  EXPECT_NEAR(jan.contractual_churn[3], 0, 1e-9);
  // Averages over complete entries (April is cut off; S's cohort has none).
  EXPECT_NEAR(r.all.average[1], 100.0 * 2 / 3, 1e-9);
  EXPECT_EQ(r.all.average_n[1], 3u);
  EXPECT_NEAR(r.all.average_churn[1], 100.0 / 3, 1e-9);
  EXPECT_NEAR(r.all.average_churn[2], 50, 1e-9);
  EXPECT_TRUE(std::isnan(r.all.average_churn[3]));
  EXPECT_NEAR(r.all.average_contractual_churn[1], 50, 1e-9);
  // S never paid: revenue retention has no base.
  EXPECT_TRUE(std::isnan(r.all.cohorts[1].net_revenue_retention[0]));
}

TEST_F(RetentionChurnTest, UnboundedChurnIsTheDropOfTheCurve) {
  RetentionRequest req;
  req.unbounded = true;
  kernels::RetentionReport r = Run(req);
  const auto& jan = r.all.cohorts[0];
  // Last returns: P in Mar, Q and R in Apr; each counts in every entry up to it.
  EXPECT_EQ(jan.retained, (std::vector<uint64_t>{3, 3, 3, 2}));
  EXPECT_NEAR(jan.churn[1], 0, 1e-9);
  EXPECT_NEAR(jan.churn[2], 0, 1e-9);
  EXPECT_NEAR(jan.churn[3], 100.0 / 3, 1e-9);  // P
}

TEST_F(RetentionChurnTest, SubscriptionCohorts) {
  RetentionRequest req;
  req.cohort = "subscription_start";
  kernels::RetentionReport r = Run(req);
  ASSERT_EQ(r.all.cohorts.size(), 2u);  // Jan: P, Q; Mar: R
  EXPECT_EQ(r.all.cohorts[0].subscribed, (std::vector<uint64_t>{2, 1, 1, 1}));
  const auto& mar = r.all.cohorts[1];
  EXPECT_EQ(mar.cohort, "2024-03");
  // R's March purchase (Mar 5) is before the cohort event: no base revenue.
  EXPECT_EQ(mar.revenue, (std::vector<double>{0, 0}));
  EXPECT_EQ(mar.subscribed, (std::vector<uint64_t>{0, 1}));  // cancelled by Mar 31, back in April
  EXPECT_TRUE(std::isnan(mar.contractual_churn[1]));         // nobody subscribed at the end of March
}

}  // namespace
}  // namespace touchpoint::engine
