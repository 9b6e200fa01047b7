// RetentionConsumer (kernels/retention_consumer.h) on customers held in
// memory: weekly cohorts, and inactive events (impressions) that neither
// start a cohort nor count as a return (issue 10: retention read no
// definitions at all).
//
// Weeks W0, W1, W2 from Monday 2024-03-04 (UTC):
//   A  page_view W0, page_view W1, impression W2
//   B  impression W0, page_view W1, page_view W2
//   C  page_view W0
//
// Without inactive events: cohort W0 = {A, B, C}; back in W1: A, B; in W2: A, B.
// With impression inactive: cohort W0 = {A, C}, W1 = {B}; A back in W1 only,
// B back in W2 (its k = 1).
#include "kernels/retention_consumer.h"

#include <gtest/gtest.h>

#include "memory_customers.h"

namespace touchpoint::kernels {
namespace {

constexpr int64_t kMonday = 1709510400000;  // 2024-03-04T00:00:00Z
constexpr int64_t kWeek = 7 * 86400 * 1000LL;

class RetentionConsumerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_.Add("A", kMonday + 1000, "page_view");
    data_.Add("A", kMonday + kWeek + 1000, "page_view");
    data_.Add("A", kMonday + 2 * kWeek + 1000, "impression");
    data_.Add("B", kMonday + 2000, "impression");
    data_.Add("B", kMonday + kWeek + 2000, "page_view");
    data_.Add("B", kMonday + 2 * kWeek + 2000, "page_view");
    data_.Add("C", kMonday + 3000, "page_view");
  }

  RetentionSpec Spec(std::vector<std::string> inactive) {
    RetentionSpec spec;
    spec.period = Interval::kWeek;
    spec.from_ms = kMonday;
    spec.to_ms = kMonday + 3 * kWeek;
    spec.defs.inactive_events = std::move(inactive);
    return spec;
  }

  testing::MemoryCustomers data_;
};

TEST_F(RetentionConsumerTest, EveryEventCountsByDefault) {
  RetentionSpec spec = Spec({});
  auto consumer = data_.Run<RetentionConsumer>(spec);
  const CohortRows& rows = consumer->groups()[0];
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.at(0).retained, (std::vector<uint64_t>{3, 2, 2}));
}

TEST_F(RetentionConsumerTest, InactiveEventsAreNeitherCohortStartsNorReturns) {
  RetentionSpec spec = Spec({"impression"});
  auto consumer = data_.Run<RetentionConsumer>(spec);
  const CohortRows& rows = consumer->groups()[0];
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows.at(0).retained, (std::vector<uint64_t>{2, 1, 0}));  // A and C; A back in W1
  EXPECT_EQ(rows.at(1).retained, (std::vector<uint64_t>{1, 1}));     // B; back in W2
}

}  // namespace
}  // namespace touchpoint::kernels
