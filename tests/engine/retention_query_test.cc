// Retention on a fixture worked out by hand: ISO weeks, a return in the
// cohort's own week, an incomplete last week, unbounded retention, and the
// size-weighted average curve over complete entries only.
#include "engine/retention_query.h"

#include <gtest/gtest.h>

#include <cmath>

#include "store/load_writer.h"
#include "store/store.h"
#include "test_util.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::TempDir;

int64_t T(const char* iso) { return ParseTimestamp(iso, nullptr).value(); }

class RetentionQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::Store::Open(dir_.path(), store::StoreOptions{});
    ASSERT_TRUE(store.ok());
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
    auto load = (*store)->BeginLoad("fixture", 1, 1, false);
    ASSERT_TRUE((*load)->Add(b).ok());
    store::LoadEntry e;
    ASSERT_TRUE((*load)->Commit(&e).ok());
    snapshot_ = (*store)->GetSnapshot().value();
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

}  // namespace
}  // namespace touchpoint::engine
