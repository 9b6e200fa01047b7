// Funnels on a fixture worked out by hand for each mode and edge case:
// wrong order, a step outside the window, repeated first steps, an
// intervening step (strict), and equal timestamps.
#include "engine/funnel_query.h"

#include <gtest/gtest.h>

#include "store/derived_table.h"
#include "store/load_writer.h"
#include "store/store.h"
#include "store_fixture.h"
#include "test_util.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::LoadFixture;
using touchpoint::testing::TempDir;

constexpr int64_t kT0 = 1709280000000;  // 2024-03-01
constexpr int64_t kS = 1000;
constexpr int64_t kDay = 86400 * kS;

class FunnelQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
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
    snapshot_ = LoadFixture(dir_.path(), b);
  }

  kernels::FunnelReport Run(const std::string& mode, const std::string& by = "") {
    FunnelRequest req;
    req.steps = "page_view,add_to_cart,purchase";
    req.mode = mode;
    req.window_ms = 7 * kDay;
    if (!by.empty()) req.by = {by};
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
}

// Exclusions, counting units and breakdown attribution, on a second fixture
// (steps page_view, add_to_cart, purchase; 1-day window):
//   G: page_view (web) 0 s, support_ticket 10 s, add_to_cart 20 s, purchase (app) 30 s
//   H: page_view (ads) 0 s, add_to_cart 5 s, support_ticket 60 s
//   I: page_view (web) 0, add_to_cart 1 min, purchase (app) 2 h 1 min (a second session)
//   J: page_view 0, add_to_cart 1 s, purchase 2 s, page_view 10 s, add_to_cart 11 s, page_view 20 s (all web)
class FunnelOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EventBatch b;
    AddEvent(&b, "G", kT0, "page_view", "web");
    AddEvent(&b, "G", kT0 + 10 * kS, "support_ticket");
    AddEvent(&b, "G", kT0 + 20 * kS, "add_to_cart");
    AddEvent(&b, "G", kT0 + 30 * kS, "purchase", "app");
    AddEvent(&b, "H", kT0, "page_view", "ads");
    AddEvent(&b, "H", kT0 + 5 * kS, "add_to_cart");
    AddEvent(&b, "H", kT0 + 60 * kS, "support_ticket");
    AddEvent(&b, "I", kT0, "page_view", "web");
    AddEvent(&b, "I", kT0 + 60 * kS, "add_to_cart");
    AddEvent(&b, "I", kT0 + 7260 * kS, "purchase", "app");
    for (int64_t t : {0, 1, 2, 10, 11, 20}) {
      const char* event = t == 1 || t == 11 ? "add_to_cart" : t == 2 ? "purchase" : "page_view";
      AddEvent(&b, "J", kT0 + t * kS, event, "web");
    }
    snapshot_ = LoadFixture(dir_.path(), b);
  }

  kernels::FunnelReport Run(FunnelRequest req) {
    req.steps = "page_view,add_to_cart,purchase";
    req.window_ms = kDay;
    auto r = RunFunnel(snapshot_, req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }

  static std::vector<uint64_t> Counts(const std::vector<kernels::FunnelStepResult>& steps) {
    std::vector<uint64_t> out;
    for (const auto& s : steps) out.push_back(s.count);
    return out;
  }
  static std::vector<uint64_t> Customers(const std::vector<kernels::FunnelStepResult>& steps) {
    std::vector<uint64_t> out;
    for (const auto& s : steps) out.push_back(s.customers);
    return out;
  }
  const kernels::FunnelGroupResult& Group(const kernels::FunnelReport& r, const std::string& key) {
    for (const auto& g : r.groups) {
      if (g.key == key) return g;
    }
    ADD_FAILURE() << "no group " << key;
    return r.groups.front();
  }

  TempDir dir_;
  std::shared_ptr<const store::Snapshot> snapshot_;
};

TEST_F(FunnelOptionsTest, CustomersAndTimes) {
  kernels::FunnelReport r = Run(FunnelRequest{});
  EXPECT_EQ(Counts(r.steps), (std::vector<uint64_t>{4, 4, 3}));  // H never buys
  // To the cart: J 1, H 5, G 20, I 60 s -> median 12.5; to the purchase: J 1, G 10, I 7200 -> 10.
  EXPECT_DOUBLE_EQ(r.steps[1].median_time_to_convert_s, 12.5);
  EXPECT_DOUBLE_EQ(r.steps[2].median_time_to_convert_s, 10);
  EXPECT_EQ(r.excluded, 0u);
}

TEST_F(FunnelOptionsTest, ExclusionsDropWhoDidItBetweenTheSteps) {
  FunnelRequest req;
  req.exclusions = {"support_ticket@1-2"};  // G's ticket is between its view and cart
  kernels::FunnelReport r = Run(req);
  EXPECT_EQ(Counts(r.steps), (std::vector<uint64_t>{3, 3, 2}));
  EXPECT_EQ(r.excluded, 1u);
  // Between the cart and the purchase: H never bought and filed a ticket
  // inside the window; G's ticket came before its cart.
  req.exclusions = {"support_ticket@2-3"};
  r = Run(req);
  EXPECT_EQ(Counts(r.steps), (std::vector<uint64_t>{3, 3, 3}));
  EXPECT_EQ(r.excluded, 1u);
  // Default: anywhere between the first and the last step: G and H.
  req.exclusions = {"support_ticket"};
  r = Run(req);
  EXPECT_EQ(Counts(r.steps), (std::vector<uint64_t>{2, 2, 2}));
  EXPECT_EQ(r.excluded, 2u);
  // With a condition that no ticket meets, nobody is dropped.
  req.exclusions = {"support_ticket[channel = 'web']"};
  EXPECT_EQ(Run(req).excluded, 0u);
  for (const char* bad : {"support_ticket@3-2", "support_ticket@0-2", "support_ticket@1-4", "support_ticket@x"}) {
    req.exclusions = {bad};
    req.steps = "page_view,add_to_cart,purchase";
    EXPECT_FALSE(RunFunnel(snapshot_, req).ok()) << bad;
  }
}

TEST_F(FunnelOptionsTest, ConditionsReadDerivedColumns) {
  // G and H are "vip": a ticket exclusion limited to vips drops both, and a
  // first step limited to vips leaves only them.
  store::DerivedColumn segment{"segment", snapshot_->data_stamp, {{"G", "vip"}, {"H", "vip"}, {"I", "basic"}}};
  ASSERT_TRUE(store::DerivedTable::Write(dir_.path(), segment).ok());
  FunnelRequest req;
  req.exclusions = {"support_ticket[derived:segment = 'vip']"};
  kernels::FunnelReport r = Run(req);
  EXPECT_EQ(r.excluded, 2u);
  EXPECT_EQ(Counts(r.steps), (std::vector<uint64_t>{2, 2, 2}));  // I and J
  req.exclusions.clear();
  req.steps = "page_view[derived:segment = 'vip'],add_to_cart,purchase";
  req.window_ms = kDay;
  auto only_vips = RunFunnel(snapshot_, req);
  ASSERT_TRUE(only_vips.ok()) << only_vips.status().ToString();
  EXPECT_EQ(Counts(only_vips->steps), (std::vector<uint64_t>{2, 2, 1}));  // G buys, H does not
}

TEST_F(FunnelOptionsTest, AValueThatReadsNotReachedIsAGroupOfItsOwn) {
  // Attributed to the purchase step: H never buys (not reached); G buys and
  // its segment's value happens to read "(not reached)".
  store::DerivedColumn segment{
      "segment", snapshot_->data_stamp, {{"G", std::string(kernels::kFunnelNotReached)}, {"H", "vip"}, {"I", "vip"}, {"J", "vip"}}};
  ASSERT_TRUE(store::DerivedTable::Write(dir_.path(), segment).ok());
  FunnelRequest req;
  req.by = {"derived:segment"};
  req.attribution = "step:3";
  kernels::FunnelReport r = Run(req);
  ASSERT_EQ(r.groups.size(), 3u);
  size_t labelled = 0;
  for (const auto& g : r.groups) {
    if (g.key == kernels::kFunnelNotReached) {
      ++labelled;
      EXPECT_EQ(g.steps[0].count, 1u);  // G alone, and H alone
    } else {
      EXPECT_EQ(g.key, "vip");
      EXPECT_EQ(g.steps[0].count, 2u);  // I and J
    }
  }
  EXPECT_EQ(labelled, 2u);
}

TEST_F(FunnelOptionsTest, CountBySessions) {
  FunnelRequest req;
  req.count = "sessions";
  kernels::FunnelReport r = Run(req);
  // G, H, J: one session each; I's purchase comes 2 h later in its own
  // session, which has no page view, so I's first session stops at the cart.
  EXPECT_EQ(Counts(r.steps), (std::vector<uint64_t>{4, 4, 2}));
  EXPECT_EQ(Customers(r.steps), (std::vector<uint64_t>{4, 4, 2}));
}

TEST_F(FunnelOptionsTest, CountTotalsCountsEveryAttempt) {
  FunnelRequest req;
  req.count = "totals";
  kernels::FunnelReport r = Run(req);
  // J makes three attempts (view-cart-purchase, view-cart, view); the others one each.
  EXPECT_EQ(Counts(r.steps), (std::vector<uint64_t>{6, 5, 3}));
  EXPECT_EQ(Customers(r.steps), (std::vector<uint64_t>{4, 4, 3}));
  EXPECT_EQ(r.steps[1].dropped, 1u);  // J's last attempt
}

TEST_F(FunnelOptionsTest, BreakdownAttribution) {
  FunnelRequest req;
  req.by = {"channel"};
  kernels::FunnelReport r = Run(req);  // first touch: the page view's channel
  EXPECT_EQ(Counts(Group(r, "web").steps), (std::vector<uint64_t>{3, 3, 3}));
  EXPECT_EQ(Counts(Group(r, "ads").steps), (std::vector<uint64_t>{1, 1, 0}));
  req.attribution = "last";  // G and I buy on app, J on web; H's cart has no channel
  r = Run(req);
  EXPECT_EQ(Counts(Group(r, "app").steps), (std::vector<uint64_t>{2, 2, 2}));
  EXPECT_EQ(Counts(Group(r, "web").steps), (std::vector<uint64_t>{1, 1, 1}));
  EXPECT_EQ(Counts(Group(r, "").steps), (std::vector<uint64_t>{1, 1, 0}));
  req.attribution = "step:3";
  r = Run(req);
  EXPECT_EQ(Counts(Group(r, "app").steps), (std::vector<uint64_t>{2, 2, 2}));
  EXPECT_EQ(Counts(Group(r, std::string(kernels::kFunnelNotReached)).steps), (std::vector<uint64_t>{1, 1, 0}));
  req.attribution = "step:4";
  req.steps = "page_view,add_to_cart,purchase";
  EXPECT_FALSE(RunFunnel(snapshot_, req).ok());
}

TEST_F(FunnelOptionsTest, DroppedCustomers) {
  FunnelRequest req;
  req.dropped_at = 3;  // reached the cart, not the purchase
  kernels::FunnelReport r = Run(req);
  ASSERT_EQ(r.dropped.size(), 1u);
  EXPECT_EQ(r.dropped[0].customer_id, "H");
  EXPECT_EQ(r.dropped[0].entered_ms, kT0);
  EXPECT_EQ(r.dropped[0].last_step_ms, kT0 + 5 * kS);
  req.dropped_at = 2;
  EXPECT_TRUE(Run(req).dropped.empty());
  req.dropped_at = 1;
  req.steps = "page_view,add_to_cart,purchase";
  EXPECT_FALSE(RunFunnel(snapshot_, req).ok());
}

// Repeated steps: one event can move two chains. Steps page_view,
// page_view, add_to_cart (7 days): views on Mar 1, 6 and 9, a cart on Mar 10.
// The view of Mar 6 both ends the chain from Mar 1 at step 2 and starts a
// new one; the chain Mar 6 -> Mar 9 -> Mar 10 fits the window (3 steps),
// the one from Mar 1 does not reach the cart in time.
TEST(FunnelRepeatedSteps, OneEventMovesSeveralChains) {
  TempDir dir;
  EventBatch b;
  for (int day : {0, 5, 8}) AddEvent(&b, "K", kT0 + day * kDay, "page_view");
  AddEvent(&b, "K", kT0 + 9 * kDay, "add_to_cart");
  // Strict with a repeated step: view, cart, cart, purchase. Both carts
  // could fill step 2, so neither breaks the chain; the second one fills it
  // (after the first, the second cart would break the chain before the purchase).
  AddEvent(&b, "L", kT0, "page_view");
  AddEvent(&b, "L", kT0 + 1 * kS, "add_to_cart");
  AddEvent(&b, "L", kT0 + 2 * kS, "add_to_cart");
  AddEvent(&b, "L", kT0 + 3 * kS, "purchase");
  auto snapshot = LoadFixture(dir.path(), b);
  FunnelRequest req;
  req.steps = "page_view,page_view,add_to_cart";
  req.window_ms = 7 * kDay;
  auto r = RunFunnel(snapshot, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // K reaches 3; L's single view reaches step 1 only.
  EXPECT_EQ(r->steps[2].count, 1u);
  EXPECT_EQ(r->steps[1].count, 1u);
  EXPECT_EQ(r->steps[0].count, 2u);
  EXPECT_DOUBLE_EQ(r->steps[2].median_time_from_first_s, 4 * 86400.0);  // Mar 6 -> Mar 10
  req.steps = "page_view,add_to_cart,purchase";
  req.mode = "strict";
  r = RunFunnel(snapshot, req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->steps[2].count, 1u);  // L: view, second cart, purchase
  // To the cart: L 2 s; K 1 day, from the view of Mar 9 (each later view
  // breaks a strict chain waiting for the cart, so Mar 9 is the only start).
  EXPECT_EQ(r->steps[1].count, 2u);
  EXPECT_DOUBLE_EQ(r->steps[1].median_time_to_convert_s, (2 + 86400.0) / 2);
}

// Customers who never get past step 1 take a shortcut in the kernel (the
// union of their step masks decides); each mode, with and without step
// conditions and --where, must count them as the chain rules say.
//   K: page_view (web) 0, page_view (ads) 2 days: depth 1 everywhere
//   L: email_open only: not in the funnel
//   M: add_to_cart only: ordered 0, unordered 1
//   N: purchase 0, add_to_cart 1 s, no page view: ordered 0, unordered 2
TEST(FunnelShallowTest, CustomersWhoStopAtTheFirstStep) {
  TempDir dir;
  EventBatch b;
  AddEvent(&b, "K", kT0, "page_view", "web");
  AddEvent(&b, "K", kT0 + 2 * kDay, "page_view", "ads");
  AddEvent(&b, "L", kT0, "email_open", "email");
  AddEvent(&b, "M", kT0, "add_to_cart");
  AddEvent(&b, "N", kT0, "purchase");
  AddEvent(&b, "N", kT0 + kS, "add_to_cart");
  auto snapshot = LoadFixture(dir.path(), b);
  auto reached = [&](const std::string& steps, const std::string& mode, const std::string& where) {
    FunnelRequest req;
    req.steps = steps;
    req.mode = mode;
    if (!where.empty()) req.where = {where};
    req.window_ms = 7 * kDay;
    auto r = RunFunnel(snapshot, req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<uint64_t> out;
    for (const auto& s : r->steps) out.push_back(s.customers);
    return out;
  };
  using V = std::vector<uint64_t>;
  const std::string plain = "page_view,add_to_cart,purchase";
  const std::string web = "page_view[channel = 'web'],add_to_cart,purchase";
  EXPECT_EQ(reached(plain, "ordered", ""), (V{1, 0, 0}));
  EXPECT_EQ(reached(plain, "strict", ""), (V{1, 0, 0}));
  EXPECT_EQ(reached(plain, "unordered", ""), (V{3, 1, 0}));
  EXPECT_EQ(reached(web, "ordered", ""), (V{1, 0, 0}));
  EXPECT_EQ(reached(web, "unordered", ""), (V{3, 1, 0}));
  // Only K's second page view is on ads; M's and N's events have no channel.
  EXPECT_EQ(reached(plain, "ordered", "channel = 'ads'"), (V{1, 0, 0}));
  EXPECT_EQ(reached(plain, "unordered", "channel = 'ads'"), (V{1, 0, 0}));
  EXPECT_EQ(reached(web, "ordered", "channel = 'ads'"), (V{0, 0, 0}));
}

// Customers whose chains can reach steps 1 and 2 only (no event of step 3)
// take a one-pass shortcut; with --by they take the general path, which must
// agree. Steps page_view, add_to_cart, purchase; 7-day window:
//   P: page_view 0, page_view 1 day, cart 3 days: the earliest start, 3 days
//   Q: page_view 0, cart 10 days (outside), page_view 12 days, cart 13 days: 1 day
//   R: cart 0, page_view 1 s: no cart after the page view, depth 1
//   S: page_view and cart at the same instant: depth 2, 0 s
TEST(FunnelShallowTest, CustomersWhoCanReachTwoSteps) {
  TempDir dir;
  EventBatch b;
  AddEvent(&b, "P", kT0, "page_view", "web");
  AddEvent(&b, "P", kT0 + kDay, "page_view", "web");
  AddEvent(&b, "P", kT0 + 3 * kDay, "add_to_cart", "web");
  AddEvent(&b, "Q", kT0, "page_view", "web");
  AddEvent(&b, "Q", kT0 + 10 * kDay, "add_to_cart", "web");
  AddEvent(&b, "Q", kT0 + 12 * kDay, "page_view", "web");
  AddEvent(&b, "Q", kT0 + 13 * kDay, "add_to_cart", "web");
  AddEvent(&b, "R", kT0, "add_to_cart", "web");
  AddEvent(&b, "R", kT0 + kS, "page_view", "web");
  AddEvent(&b, "S", kT0, "page_view", "web");
  AddEvent(&b, "S", kT0, "add_to_cart", "web");
  auto snapshot = LoadFixture(dir.path(), b);
  for (const std::string& by : {std::string(), std::string("channel")}) {
    for (const std::string& steps : {std::string("page_view,add_to_cart,purchase"), std::string("page_view,add_to_cart")}) {
      FunnelRequest req;
      req.steps = steps;
      if (!by.empty()) req.by = {by};
      req.window_ms = 7 * kDay;
      auto r = RunFunnel(snapshot, req);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      SCOPED_TRACE(steps + " by '" + by + "'");
      EXPECT_EQ(r->steps[0].customers, 4u);
      EXPECT_EQ(r->steps[1].customers, 3u);
      if (r->steps.size() > 2) {
        EXPECT_EQ(r->steps[2].customers, 0u);
      }
      // From the previous step: P 3 days, Q 1 day, S 0.
      EXPECT_DOUBLE_EQ(r->steps[1].median_time_to_convert_s, 86400);
      EXPECT_DOUBLE_EQ(r->steps[1].p90_time_to_convert_s, 86400 + 0.8 * (3 * 86400 - 86400));
      EXPECT_DOUBLE_EQ(r->steps[1].median_time_from_first_s, 86400);
    }
  }
}

}  // namespace
}  // namespace touchpoint::engine
