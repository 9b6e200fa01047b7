// FunnelConsumer (kernels/funnel_consumer.h) on customers held in memory:
// the three modes on a hand-worked case, the window, times to convert and
// the breakdown by the first step's channel, across two merged shards.
//
//   A  page_view (web) 0      add_to_cart 10 min   purchase 20 min
//   B  page_view (ads) 0      purchase 5 min       add_to_cart 10 min
//   C  add_to_cart 0
//   D  page_view 0            add_to_cart 8 days (outside the 7-day window)
//
// Steps page_view, add_to_cart, purchase, window 7 days:
//   ordered:   A 3, B 2 (no purchase after its cart), D 1       -> 3, 2, 1
//   strict:    B's purchase between page_view and add_to_cart
//              breaks its chain at step 1                        -> 3, 1, 1
//   unordered: A 3, B 3, C 1 (add_to_cart alone fills a step), D 1 -> 4, 2, 2
#include "kernels/funnel_consumer.h"

#include <gtest/gtest.h>

#include "kernels/funnel_report.h"
#include "memory_customers.h"

namespace touchpoint::kernels {
namespace {

constexpr int64_t kMinute = 60 * 1000;
constexpr int64_t kDay = 1440 * kMinute;

class FunnelConsumerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_.Add("A", 0, "page_view", {{"channel", "web"}});
    data_.Add("A", 10 * kMinute, "add_to_cart");
    data_.Add("A", 20 * kMinute, "purchase");
    data_.Add("B", 0, "page_view", {{"channel", "ads"}});
    data_.Add("B", 5 * kMinute, "purchase");
    data_.Add("B", 10 * kMinute, "add_to_cart");
    data_.Add("C", 0, "add_to_cart");
    data_.Add("D", 0, "page_view");
    data_.Add("D", 8 * kDay, "add_to_cart");
  }

  FunnelSpec Spec(FunnelMode mode, std::vector<std::string> by = {}) {
    FunnelSpec spec;
    spec.steps = *FunnelSteps::Parse("page_view,add_to_cart,purchase");
    spec.mode = mode;
    spec.window_ms = 7 * kDay;
    spec.from_ms = 0;
    spec.to_ms = 30 * kDay;
    spec.by = std::move(by);
    return spec;
  }

  static std::vector<uint64_t> Reached(const FunnelCounts& counts) { return counts.reached; }

  testing::MemoryCustomers data_;
};

TEST_F(FunnelConsumerTest, OrderedStrictAndUnordered) {
  for (auto [mode, want] : {std::pair{FunnelMode::kOrdered, std::vector<uint64_t>{3, 2, 1}},
                            std::pair{FunnelMode::kStrict, std::vector<uint64_t>{3, 1, 1}},
                            std::pair{FunnelMode::kUnordered, std::vector<uint64_t>{4, 2, 2}}}) {
    FunnelSpec spec = Spec(mode);
    auto consumer = data_.Run<FunnelConsumer>(spec);
    ASSERT_NE(consumer, nullptr);
    EXPECT_EQ(Reached(consumer->groups()[0]), want) << static_cast<int>(mode);
  }
}

TEST_F(FunnelConsumerTest, TimesToConvertComeFromTheChains) {
  FunnelSpec spec = Spec(FunnelMode::kOrdered);
  auto consumer = data_.Run<FunnelConsumer>(spec);
  const std::vector<FunnelStepResult> steps = SummarizeFunnel(spec.steps, consumer->groups()[0]);
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[1].count, 2u);
  EXPECT_DOUBLE_EQ(steps[1].median_time_to_convert_s, 600);  // A and B: 10 minutes each
  EXPECT_DOUBLE_EQ(steps[2].median_time_to_convert_s, 600);  // A: cart to purchase
  EXPECT_DOUBLE_EQ(steps[2].median_time_from_first_s, 1200);
  EXPECT_EQ(steps[1].dropped, 1u);  // D
  EXPECT_NEAR(steps[1].conversion_from_previous, 200.0 / 3, 1e-9);
}

TEST_F(FunnelConsumerTest, BreakdownByTheFirstStepsChannel) {
  FunnelSpec spec = Spec(FunnelMode::kOrdered, {"channel"});
  auto consumer = data_.Run<FunnelConsumer>(spec);
  auto& groups = consumer->groups();
  std::map<std::string, std::vector<uint64_t>> by;
  for (uint32_t g = 1; g < groups.size(); ++g) {
    by[spec.group.Name(data_.catalog(), groups.key(g))] = Reached(groups[g]);
  }
  // A entered on web, B on ads, D on no channel; the groups add up to all.
  EXPECT_EQ(by, (std::map<std::string, std::vector<uint64_t>>{
                    {"", {1, 0, 0}}, {"ads", {1, 1, 0}}, {"web", {1, 1, 1}}}));
}

}  // namespace
}  // namespace touchpoint::kernels
