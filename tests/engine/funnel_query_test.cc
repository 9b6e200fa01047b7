// Funnels on a fixture worked out by hand for each mode and edge case:
// wrong order, a step outside the window, repeated first steps, an
// intervening step (strict), and equal timestamps.
#include "engine/funnel_query.h"

#include <gtest/gtest.h>

#include "store/load_writer.h"
#include "store/store.h"
#include "test_util.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::TempDir;

constexpr int64_t kT0 = 1709280000000;  // 2024-03-01
constexpr int64_t kS = 1000;
constexpr int64_t kDay = 86400 * kS;

class FunnelQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::Store::Open(dir_.path(), store::StoreOptions{});
    ASSERT_TRUE(store.ok());
    EventBatch b;
    // A: in order, 10 s apart.
    AddEvent(&b, "A", kT0, "page_view", "web");
    AddEvent(&b, "A", kT0 + 10 * kS, "add_to_cart");
    AddEvent(&b, "A", kT0 + 20 * kS, "purchase");
    // B: cart before the page view: ordered stops at 1, unordered reaches 3.
    AddEvent(&b, "B", kT0, "add_to_cart");
    AddEvent(&b, "B", kT0 + 5 * kS, "page_view", "ads");
    AddEvent(&b, "B", kT0 + 10 * kS, "purchase");
    // C: the cart comes 8 days later, outside a 7-day window.
    AddEvent(&b, "C", kT0, "page_view", "web");
    AddEvent(&b, "C", kT0 + 8 * kDay, "add_to_cart");
    // D: a second page view restarts the chain; strict uses the later start.
    AddEvent(&b, "D", kT0, "page_view", "web");
    AddEvent(&b, "D", kT0 + 1 * kS, "page_view", "web");
    AddEvent(&b, "D", kT0 + 2 * kS, "add_to_cart");
    AddEvent(&b, "D", kT0 + 3 * kS, "purchase");
    // E: a purchase between page view and cart breaks a strict chain.
    AddEvent(&b, "E", kT0, "page_view", "web");
    AddEvent(&b, "E", kT0 + 1 * kS, "purchase");
    AddEvent(&b, "E", kT0 + 2 * kS, "add_to_cart");
    AddEvent(&b, "E", kT0 + 3 * kS, "purchase");
    // F: all three at the same instant, in step order.
    AddEvent(&b, "F", kT0, "page_view", "web");
    AddEvent(&b, "F", kT0, "add_to_cart");
    AddEvent(&b, "F", kT0, "purchase");
    auto load = (*store)->BeginLoad("fixture", 1, 1, false);
    ASSERT_TRUE((*load)->Add(b).ok());
    store::LoadEntry e;
    ASSERT_TRUE((*load)->Commit(&e).ok());
    snapshot_ = (*store)->GetSnapshot().value();
  }

  kernels::FunnelReport Run(const std::string& mode, const std::string& by = "") {
    FunnelRequest req;
    req.steps = "page_view,add_to_cart,purchase";
    req.mode = mode;
    req.window_ms = 7 * kDay;
    req.by = by;
    auto r = RunFunnel(snapshot_, req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }

  static std::vector<uint64_t> Reached(const std::vector<kernels::FunnelStepResult>& steps) {
    std::vector<uint64_t> out;
    for (const auto& s : steps) out.push_back(s.customers);
    return out;
  }

  TempDir dir_;
  std::shared_ptr<const store::Snapshot> snapshot_;
};

TEST_F(FunnelQueryTest, OrderedModeIsWindowFunnel) {
  kernels::FunnelReport r = Run("ordered");
  EXPECT_EQ(Reached(r.steps), (std::vector<uint64_t>{6, 4, 4}));  // B and C stop at 1
  EXPECT_DOUBLE_EQ(r.steps[1].conversion_from_previous, 100.0 * 4 / 6);
  EXPECT_EQ(r.steps[1].dropped, 2u);
  // From the previous step: cart A 10, D 2, E 2, F 0 -> median 2; purchase A 10, D 1, E 1, F 0 -> 1.
  EXPECT_DOUBLE_EQ(r.steps[1].median_time_to_convert_s, 2);
  EXPECT_DOUBLE_EQ(r.steps[2].median_time_to_convert_s, 1);
  EXPECT_DOUBLE_EQ(r.steps[2].p90_time_to_convert_s, 10 * 0.7 + 1 * 0.3);  // between 1 and 10 at rank 2.7
}

TEST_F(FunnelQueryTest, StrictModeBreaksOnAnotherStep) {
  kernels::FunnelReport r = Run("strict");
  EXPECT_EQ(Reached(r.steps), (std::vector<uint64_t>{6, 3, 3}));  // E's early purchase breaks its chain
}

TEST_F(FunnelQueryTest, UnorderedModeTakesAnyOrder) {
  kernels::FunnelReport r = Run("unordered");
  EXPECT_EQ(Reached(r.steps), (std::vector<uint64_t>{6, 5, 5}));  // only C is out of the window
}

TEST_F(FunnelQueryTest, ByCutsOnTheFirstStepsEvent) {
  kernels::FunnelReport r = Run("ordered", "channel");
  ASSERT_EQ(r.groups.size(), 2u);
  EXPECT_EQ(r.groups[0].key, "web");  // A, C, D, E, F start on web
  EXPECT_EQ(Reached(r.groups[0].steps), (std::vector<uint64_t>{5, 4, 4}));
  EXPECT_EQ(r.groups[1].key, "ads");  // B
  EXPECT_EQ(Reached(r.groups[1].steps), (std::vector<uint64_t>{1, 0, 0}));
}

TEST_F(FunnelQueryTest, StepsWithConditionsAndErrors) {
  FunnelRequest req;
  req.steps = "page_view[channel = 'ads'],purchase";
  auto r = RunFunnel(snapshot_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Reached(r->steps), (std::vector<uint64_t>{1, 1}));  // B
  req.steps = "page_view";
  EXPECT_FALSE(RunFunnel(snapshot_, req).ok());
  req.steps = "page_view[channel = ],purchase";
  EXPECT_FALSE(RunFunnel(snapshot_, req).ok());
  EXPECT_EQ(ParseDurationMs("90m").value(), 90 * 60 * 1000);
  EXPECT_FALSE(ParseDurationMs("7 parsecs").ok());
}

}  // namespace
}  // namespace touchpoint::engine
