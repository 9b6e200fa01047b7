// The --where language: parsing, errors that point at the problem, and
// SQL-style absent values.
#include "kernels/event_filter.h"

#include <gtest/gtest.h>

#include "kernels/group_column.h"
#include "memory_customers.h"
#include "scan/scan_spec.h"

namespace touchpoint::kernels {
namespace {

TEST(EventFilter, ParsesAndReportsWhatItReads) {
  auto f = EventFilter::Parse("channel IN ('web', \"app\") AND (revenue >= 10 OR NOT device = mobile)");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_NE(f->columns() & scan::kColumnChannel, 0u);
  EXPECT_NE(f->columns() & scan::kColumnRevenue, 0u);
  EXPECT_EQ(f->properties(), std::vector<std::string>{"device"});
}

TEST(EventFilter, ErrorsSayWhereAndWhat) {
  auto f = EventFilter::Parse("channel = 'web' AND");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("expected a column or property name"), std::string::npos)
      << f.status().message();
  f = EventFilter::Parse("revenue > lots");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("'lots' is not a number"), std::string::npos);
  f = EventFilter::Parse("page > '/a'");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("ranges apply to"), std::string::npos);
  f = EventFilter::Parse("channel IN ('web'");
  ASSERT_FALSE(f.ok());
  f = EventFilter::Parse("comment = 'it''s fine' AND x = 'unterminated");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("unterminated quote"), std::string::npos);
}

TEST(EventFilter, BlankMeansEverything) {
  auto f = EventFilter::Parse("   ");
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->empty());
}

// A kernel that records which rows a filter keeps: the filter bound and
// evaluated as every analysis binds and evaluates it.
struct MatchSpec {
  const EventFilter* where = nullptr;
  std::vector<std::string> derived;
  Status Prepare(const scan::Catalog&, std::vector<std::string>* properties) {
    properties->clear();
    ResolveCutAndFilter({}, where, properties, &derived);
    return Status::OK();
  }
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>&) const { return {}; }
};

class MatchConsumer : public AnalysisConsumer<MatchConsumer> {
 public:
  explicit MatchConsumer(const MatchSpec& spec) : spec_(spec) {}
  void Consume(const scan::CustomerView& c) override {
    for (size_t i = 0; i < c.size; ++i) {
      if (spec_.where->Matches(c, i)) kept.push_back(std::string(c.customer_id) + std::to_string(i));
    }
  }
  void MergeFrom(MatchConsumer& other) { kept.insert(kept.end(), other.kept.begin(), other.kept.end()); }
  std::vector<std::string> kept;

 private:
  const MatchSpec& spec_;
};

// Customer A: three events; B: one event with nothing but its name.
//   A0  page_view  channel web    revenue -      device mobile  plan 10
//   A1  purchase   channel email  revenue 25.5   device -       plan 9
//   A2  click      channel -      revenue 0      device desktop plan x
//   B0  signup     (no fields)                   derived:segment = vip
class EventFilterEval : public ::testing::Test {
 protected:
  void SetUp() override {
    data_.Add("A", 1000, "page_view", {{"channel", "web"}, {"device", "mobile"}, {"plan", "10"}});
    data_.Add("A", 2000, "purchase", {{"channel", "email"}, {"revenue", "25.5"}, {"plan", "9"}});
    data_.Add("A", 3000, "click", {{"revenue", "0"}, {"device", "desktop"}, {"plan", "x"}});
    data_.Add("B", 1500, "signup");
    data_.SetDerived("B", "segment", "vip");
  }
  std::vector<std::string> Kept(const std::string& text) {
    auto filter = EventFilter::Parse(text);
    EXPECT_TRUE(filter.ok()) << filter.status().ToString();
    MatchSpec spec;
    spec.where = &*filter;
    auto consumer = data_.Run<MatchConsumer>(spec, &*filter);
    std::vector<std::string> kept = consumer->kept;
    std::sort(kept.begin(), kept.end());
    return kept;
  }
  testing::MemoryCustomers data_;
};

using Rows = std::vector<std::string>;

TEST_F(EventFilterEval, ComparesDictionaryColumns) {
  EXPECT_EQ(Kept("channel = 'web'"), (Rows{"A0"}));
  EXPECT_EQ(Kept("channel IN ('web', 'email')"), (Rows{"A0", "A1"}));
  EXPECT_EQ(Kept("event = 'signup' OR event = 'click'"), (Rows{"A2", "B0"}));
  EXPECT_EQ(Kept("channel = 'search'"), Rows{});  // a value nobody has
}

// SQL NULL semantics: an absent value matches no comparison, so `!=` and
// NOT IN leave it out while NOT (...) keeps it.
TEST_F(EventFilterEval, AbsentValuesMatchNoComparison) {
  EXPECT_EQ(Kept("channel != 'web'"), (Rows{"A1"}));         // A2, B0 have no channel
  EXPECT_EQ(Kept("channel NOT IN ('web')"), (Rows{"A1"}));
  EXPECT_EQ(Kept("NOT channel = 'web'"), (Rows{"A1", "A2", "B0"}));
  EXPECT_EQ(Kept("revenue >= 0"), (Rows{"A1", "A2"}));       // A0 and B0 have no revenue
  EXPECT_EQ(Kept("NOT revenue > 10"), (Rows{"A0", "A2", "B0"}));
  EXPECT_EQ(Kept("device != 'mobile'"), (Rows{"A2"}));        // a property, absent on A1 and B0
}

TEST_F(EventFilterEval, NumbersPropertiesAndTimestamps) {
  EXPECT_EQ(Kept("revenue > 10"), (Rows{"A1"}));
  EXPECT_EQ(Kept("revenue = 25.5"), (Rows{"A1"}));
  // Ranges on a property compare numerically when both sides are numbers
  // (9 < 10 < 11), else as text ("x" > "11").
  EXPECT_EQ(Kept("plan < 11"), (Rows{"A0", "A1"}));
  EXPECT_EQ(Kept("plan > 11"), (Rows{"A2"}));
  EXPECT_EQ(Kept("timestamp >= '1970-01-01T00:00:02Z'"), (Rows{"A1", "A2"}));
  EXPECT_EQ(Kept("(channel = 'web' OR revenue > 20) AND NOT event = 'purchase'"), (Rows{"A0"}));
}

TEST_F(EventFilterEval, DerivedColumnsAreTheCustomers) {
  EXPECT_EQ(Kept("derived:segment = 'vip'"), (Rows{"B0"}));
  EXPECT_EQ(Kept("derived:segment != 'vip'"), Rows{});  // A has no segment: absent
}

TEST(EventFilter, ReferencesNameWhatAFilterMentions) {
  auto f = EventFilter::Parse("chanel = 'web' AND event IN ('purchse', 'signup') OR derived:seg = x");
  ASSERT_TRUE(f.ok());
  const auto refs = f->references();
  ASSERT_EQ(refs.size(), 3u);
  EXPECT_EQ(refs[0].field, "chanel");
  EXPECT_EQ(refs[1].field, "event");
  EXPECT_EQ(refs[1].values, (std::vector<std::string>{"purchse", "signup"}));
  EXPECT_EQ(refs[2].field, "derived:seg");
}

}  // namespace
}  // namespace touchpoint::kernels
