// Long-history demo data (`touchpoint generate --events-per-customer`): the
// customers average the requested number of events, histories are longer
// than the default mix's, the behaviour is the same, and bad requests are
// errors. The default mix is measured alongside as the yardstick.
#include "demo/long_history.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "demo/demo_generator.h"
#include "demo/demo_test_util.h"
#include "test_util.h"
#include "util/time.h"

namespace touchpoint::demo {
namespace {

using testing::ReadAll;
using testing::SplitCsv;

constexpr uint64_t kEvents = 200000;

// What the tests look at, counted from the written CSV.
struct Shape {
  uint64_t rows = 0;
  std::vector<int64_t> events_per_customer;  // sorted
  std::vector<int64_t> span_days;            // first to last event, sorted
  std::map<std::string, int64_t> events;     // by event name

  int64_t Quantile(const std::vector<int64_t>& v, double q) const { return v[static_cast<size_t>(q * v.size())]; }
  double Share(const std::string& event) const { return static_cast<double>(events.at(event)) / rows; }
  double Ratio(const std::string& a, const std::string& b) const {
    return static_cast<double>(events.at(a)) / events.at(b);
  }
};

Shape Measure(const std::string& text) {
  bool ok = false;
  const auto records = SplitCsv(text, &ok);
  EXPECT_TRUE(ok);
  struct Customer {
    int64_t n = 0, first = 0, last = 0;
  };
  std::map<std::string, Customer> customers;
  Shape shape;
  for (size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    const int64_t ts = ParseTimestamp(r[0], nullptr).value();
    auto [it, inserted] = customers.try_emplace(r[1]);
    if (inserted) it->second.first = ts;
    it->second.last = ts;  // rows are in time order
    ++it->second.n;
    ++shape.events[r[2]];
    ++shape.rows;
  }
  for (const auto& [id, c] : customers) {
    shape.events_per_customer.push_back(c.n);
    shape.span_days.push_back((c.last - c.first) / (24 * 3600 * kMillisPerSecond));
  }
  std::sort(shape.events_per_customer.begin(), shape.events_per_customer.end());
  std::sort(shape.span_days.begin(), shape.span_days.end());
  return shape;
}

std::string Generate(const touchpoint::testing::TempDir& dir, const DemoOptions& options, DemoStats* stats) {
  const std::string path = dir.Sub("demo.csv");
  const Status s = GenerateDemo(options, path, stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return ReadAll(path);
}

class LongHistory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    touchpoint::testing::TempDir dir;
    DemoOptions options;
    options.events = kEvents;
    options.seed = 5;
    default_ = new Shape(Measure(Generate(dir, options, &default_stats_)));
    options.events_per_customer = 56;
    long_ = new Shape(Measure(Generate(dir, options, &long_stats_)));
  }
  static void TearDownTestSuite() {
    delete default_;
    delete long_;
  }
  static Shape* default_;
  static Shape* long_;
  static DemoStats default_stats_, long_stats_;
};
Shape* LongHistory::default_ = nullptr;
Shape* LongHistory::long_ = nullptr;
DemoStats LongHistory::default_stats_;
DemoStats LongHistory::long_stats_;

TEST_F(LongHistory, CustomersAverageTheRequestedEvents) {
  EXPECT_EQ(long_stats_.events, kEvents);
  EXPECT_EQ(long_->rows, kEvents);
  // 200,000 / 56 = 3,571 customers; the pilot's mean is within 0.5% and the
  // sample of real customers adds a few percent.
  EXPECT_NEAR(static_cast<double>(long_stats_.customers), 200000.0 / 56, 0.06 * 200000.0 / 56);
  EXPECT_EQ(long_stats_.customers, long_->events_per_customer.size());
}

TEST_F(LongHistory, HistoriesAreLongerThanTheDefaultMix) {
  const Shape& d = *default_;
  const Shape& l = *long_;
  // Default: a tenth of the customers have one event, the median ~23
  // events over ~1 month. Long: the median ~40 events over ~4 months.
  EXPECT_LE(d.Quantile(d.events_per_customer, 0.1), 2);
  EXPECT_GE(l.Quantile(l.events_per_customer, 0.1), 4);
  EXPECT_GT(l.Quantile(l.events_per_customer, 0.5), 1.4 * d.Quantile(d.events_per_customer, 0.5));
  EXPECT_GT(l.Quantile(l.span_days, 0.5), 3 * d.Quantile(d.span_days, 0.5));
  EXPECT_GT(l.Quantile(l.span_days, 0.25), 20);
  // The heavy tail is thinner: the busiest customers write less.
  EXPECT_LT(l.events_per_customer.back(), d.events_per_customer.back());
}

TEST_F(LongHistory, SameKindsOfEventsAndBehaviour) {
  const Shape& d = *default_;
  const Shape& l = *long_;
  for (const auto& [event, n] : d.events) EXPECT_GT(l.events.count(event), 0u) << event;
  EXPECT_EQ(l.events.size(), d.events.size());
  // What a customer does in a session or after a cart is the same model.
  EXPECT_NEAR(l.Ratio("purchase", "checkout"), 0.72, 0.06);
  EXPECT_NEAR(l.Ratio("checkout", "add_to_cart"), d.Ratio("checkout", "add_to_cart"), 0.06);
  EXPECT_NEAR(l.Ratio("email_open", "email_sent"), 0.22, 0.02);
  EXPECT_NEAR(l.Share("page_view"), d.Share("page_view"), 0.08);
  EXPECT_NEAR(l.Share("impression"), d.Share("impression"), 0.08);
}

TEST(LongHistoryProfile, DeterministicPerSeed) {
  touchpoint::testing::TempDir dir;
  DemoOptions options;
  options.events = 20000;
  options.events_per_customer = 80;
  DemoStats stats;
  const std::string a = Generate(dir, options, &stats);
  EXPECT_EQ(a, Generate(dir, options, &stats));
  options.seed = 43;
  EXPECT_NE(a, Generate(dir, options, &stats));
  options.seed = 42;
  options.events_per_customer = 120;
  const std::string c = Generate(dir, options, &stats);
  EXPECT_NE(a, c);
  EXPECT_NEAR(static_cast<double>(stats.customers), 20000.0 / 120, 0.1 * 20000.0 / 120);
  const Result<HistoryProfile> p = LongHistoryProfile(120, 42, kDefaultDemoStartMs, 365);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->long_histories);
  const Result<HistoryProfile> q = LongHistoryProfile(120, 42, kDefaultDemoStartMs, 365);
  EXPECT_EQ(p->visit_scale, q->visit_scale);
  // More events a customer need a higher visit rate.
  EXPECT_GT(p->visit_scale, LongHistoryProfile(56, 42, kDefaultDemoStartMs, 365)->visit_scale);
}

TEST(LongHistoryProfile, UnreachableRequestsAreErrors) {
  // Every customer comes back: one event each is below the floor.
  const Result<HistoryProfile> few = LongHistoryProfile(1, 42, kDefaultDemoStartMs, 365);
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(few.status().ToString().find("at least about"), std::string::npos) << few.status().ToString();
  // 19,000 events in two days is beyond the per-customer cap of the sessions' pace.
  const Result<HistoryProfile> many = LongHistoryProfile(19000, 42, kDefaultDemoStartMs, 2);
  ASSERT_FALSE(many.ok());
  EXPECT_EQ(many.status().code(), Status::Code::kInvalidArgument);
  DemoOptions options;
  options.events = 100;
  options.events_per_customer = 1;
  EXPECT_EQ(GenerateDemo(options, "/tmp/x.csv", nullptr).code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace touchpoint::demo
