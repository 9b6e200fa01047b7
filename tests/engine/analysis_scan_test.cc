// AnalysisScan (engine/analysis_scan.h) with a small counting kernel: the
// default range and the header, --where parsing, ANDing and binding, names
// checked against the store before the scan, a --by cut named through the
// catalog, and Prepare errors stopping the scan. The fixture, by hand:
//
//   customer  time          event      channel
//   A         t0            page_view  web
//   A         t0            click      web      (same timestamp)
//   A         t0 + 2 h      purchase   email
//   B         t0 + 1 h      page_view  app      (one-event customer)
//
// Data span: [t0, t0 + 2 h + 1 ms).
#include "engine/analysis_scan.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "kernels/analysis_consumer.h"
#include "kernels/group_column.h"
#include "store/store.h"
#include "store_fixture.h"
#include "test_util.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::LoadFixture;
using touchpoint::testing::TempDir;

constexpr int64_t kT0 = 1709280000000;  // 2024-03-01
constexpr int64_t kHour = 3600 * 1000;

// Counts the events that pass --where, per --by key: the smallest kernel
// with the contract of kernels/analysis_consumer.h.
struct CountSpec {
  std::vector<std::string> by;
  const kernels::EventFilter* where = nullptr;
  bool fail_prepare = false;
  kernels::GroupColumn group;
  std::vector<std::string> derived;

  Status Prepare(const scan::Catalog&, std::vector<std::string>* properties) {
    if (fail_prepare) return Status::InvalidArgument("prepare refused");
    properties->clear();
    group = kernels::ResolveCutAndFilter(by, where, properties, &derived);
    return Status::OK();
  }
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const {
    scan::ScanSpec s;
    s.columns = scan::kColumnEvent;
    kernels::AddCutAndFilter(group, where, properties, derived, &s);
    return s;
  }
};

class CountConsumer : public kernels::AnalysisConsumer<CountConsumer> {
 public:
  explicit CountConsumer(const CountSpec& spec) : spec_(spec) {}
  void Consume(const scan::CustomerView& c) override {
    for (size_t i = 0; i < c.size; ++i) {
      if (spec_.where != nullptr && !spec_.where->Matches(c, i)) continue;
      ++counts[spec_.group.none() ? "" : spec_.group.Key(c, i)];
    }
  }
  void MergeFrom(CountConsumer& other) {
    for (const auto& [k, n] : other.counts) counts[k] += n;
  }
  void Finalize() { finalized = true; }
  std::map<std::string, uint64_t> counts;
  bool finalized = false;

 private:
  const CountSpec& spec_;
};

class AnalysisScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EventBatch b;
    AddEvent(&b, "A", kT0, "page_view", "web");
    AddEvent(&b, "A", kT0, "click", "web");
    AddEvent(&b, "A", kT0 + 2 * kHour, "purchase", "email");
    AddEvent(&b, "B", kT0 + kHour, "page_view", "app");
    snapshot_ = LoadFixture(dir_.path(), b);
  }

  // Named counts: dictionary keys through the catalog.
  static std::map<std::string, uint64_t> Named(const AnalysisScan& analysis, const CountSpec& spec,
                                               const CountConsumer& consumer) {
    std::map<std::string, uint64_t> out;
    for (const auto& [key, n] : consumer.counts) out[spec.group.Name(analysis.catalog(), key)] = n;
    return out;
  }

  TempDir dir_;
  std::shared_ptr<const store::Snapshot> snapshot_;
};

TEST_F(AnalysisScanTest, RangeDefaultsToTheDataSpan) {
  AnalysisScan analysis(snapshot_, "count");
  // Last event at t0 + 2 h; the span's end is exclusive, one ms later.
  EXPECT_EQ(analysis.data_range(), std::make_pair(kT0, kT0 + 2 * kHour + 1));
  AnalysisRequest req;
  ASSERT_TRUE(analysis.Begin(req).ok());
  EXPECT_EQ(analysis.range(), std::make_pair(kT0, kT0 + 2 * kHour + 1));
  AnalysisScan second(snapshot_, "count");
  req.from_ms = kT0 + kHour;
  ASSERT_TRUE(second.Begin(req).ok());
  EXPECT_EQ(second.range(), std::make_pair(kT0 + kHour, kT0 + 2 * kHour + 1));
}

TEST_F(AnalysisScanTest, EmptyRangeIsAUsageError) {
  AnalysisScan analysis(snapshot_, "count");
  AnalysisRequest req;
  req.from_ms = kT0 + kHour;
  req.to_ms = kT0 + kHour;
  Status s = analysis.Begin(req);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  EXPECT_NE(s.message().find("empty range"), std::string::npos) << s.ToString();
}

TEST_F(AnalysisScanTest, HeaderSaysWhatWasAsked) {
  AnalysisScan analysis(snapshot_, "count");
  AnalysisRequest req;
  req.tz = "Europe/Berlin";
  req.by = {"channel"};
  req.where = {"event = 'page_view'"};
  req.definitions.preset = kernels::Preset::kGa4;
  ASSERT_TRUE(analysis.Begin(req).ok());
  CountSpec spec;
  spec.by = req.by;
  spec.where = analysis.where();
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_TRUE(run->consumer->finalized);
  const kernels::ResultHeader h = analysis.Finish();
  EXPECT_EQ(h.analysis, "count");
  EXPECT_EQ(h.tz, "Europe/Berlin");
  EXPECT_EQ(h.definitions, "ga4");
  EXPECT_EQ(h.by, std::vector<std::string>{"channel"});
  EXPECT_EQ(h.where, std::vector<std::string>{"event = 'page_view'"});
  EXPECT_EQ(h.scanned_events, 4u);  // the scan hands every event; the kernel filters
  EXPECT_EQ(h.from_ms, kT0);
  EXPECT_GE(h.seconds, 0.0);
}

TEST_F(AnalysisScanTest, NoWhereIsNoFilter) {
  AnalysisScan analysis(snapshot_, "count");
  ASSERT_TRUE(analysis.Begin(AnalysisRequest{}).ok());
  EXPECT_EQ(analysis.where(), nullptr);
  CountSpec spec;
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  // 4 events, no cut: one group "".
  EXPECT_EQ(run->consumer->counts, (std::map<std::string, uint64_t>{{"", 4}}));
  EXPECT_EQ(run->stats.rows, 4u);
  EXPECT_EQ(run->stats.customers, 2u);
}

TEST_F(AnalysisScanTest, ByChannelNamesCodesThroughTheCatalog) {
  AnalysisScan analysis(snapshot_, "count");
  ASSERT_TRUE(analysis.Begin(AnalysisRequest{}).ok());
  CountSpec spec;
  spec.by = {"channel"};
  auto run = analysis.Run<CountConsumer>(spec, 2);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(spec.group.single_dict(), scan::kChannel);
  // web: A's two same-timestamp events; email: A's purchase; app: B's view.
  EXPECT_EQ(Named(analysis, spec, *run->consumer),
            (std::map<std::string, uint64_t>{{"app", 1}, {"email", 1}, {"web", 2}}));
}

TEST_F(AnalysisScanTest, TwoColumnCutJoinsItsParts) {
  AnalysisScan analysis(snapshot_, "count");
  ASSERT_TRUE(analysis.Begin(AnalysisRequest{}).ok());
  CountSpec spec;
  spec.by = {"channel", "event"};
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  const std::string sep(1, kernels::kGroupKeySeparator);
  EXPECT_EQ(Named(analysis, spec, *run->consumer),
            (std::map<std::string, uint64_t>{{"app" + sep + "page_view", 1},
                                             {"email" + sep + "purchase", 1},
                                             {"web" + sep + "click", 1},
                                             {"web" + sep + "page_view", 1}}));
}

TEST_F(AnalysisScanTest, WhereFiltersAreAndedBoundAndApplied) {
  AnalysisScan analysis(snapshot_, "count");
  AnalysisRequest req;
  req.where = {"event = 'page_view' OR event = 'click'", "channel = 'web'"};
  ASSERT_TRUE(analysis.Begin(req).ok());
  ASSERT_NE(analysis.where(), nullptr);
  CountSpec spec;
  spec.by = {"event"};
  spec.where = analysis.where();
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  // (page_view or click) and web: A's two events; B's app view is out.
  EXPECT_EQ(Named(analysis, spec, *run->consumer), (std::map<std::string, uint64_t>{{"click", 1}, {"page_view", 1}}));
  // The same filter serves a second scan (as metrics' comparison range).
  CountSpec second;
  second.where = analysis.where();
  auto again = analysis.Run<CountConsumer>(second, 1);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->consumer->counts, (std::map<std::string, uint64_t>{{"", 2}}));
}

TEST_F(AnalysisScanTest, FilterMatchingNothingGivesEmptyCounts) {
  AnalysisScan analysis(snapshot_, "count");
  AnalysisRequest req;
  req.where = {"channel = 'search'"};  // a value, not a name: no error
  ASSERT_TRUE(analysis.Begin(req).ok());
  CountSpec spec;
  spec.by = {"channel"};
  spec.where = analysis.where();
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_TRUE(run.ok());
  EXPECT_TRUE(run->consumer->counts.empty());
}

// Issue 10: a typo is a usage error naming the parameter, the value and the
// closest known names, before any scan.
TEST_F(AnalysisScanTest, UnknownNamesAreUsageErrorsWithSuggestions) {
  struct Case {
    AnalysisRequest req;
    std::string expected;
  };
  std::vector<Case> cases(6);
  cases[0].req.where = {"chanel = 'web'"};
  cases[0].expected = "--where: unknown column or property 'chanel' (did you mean 'channel'?)";
  cases[1].req.where = {"event = 'purchse'"};
  cases[1].expected = "--where: unknown event 'purchse' (did you mean 'purchase'?)";
  cases[2].req.by = {"chanel"};
  cases[2].expected = "--by: unknown column or property 'chanel' (did you mean 'channel'?)";
  cases[3].req.by = {"derived:segmnt"};
  cases[3].expected = "--by: unknown derived column 'derived:segmnt'";
  cases[4].req.by = {"channel", "event", "page"};
  cases[4].expected = "--by: at most 2 columns, not 3";
  cases[5].req.named_events = {{"--conversion", "purchasee"}};
  cases[5].expected = "--conversion: unknown event 'purchasee' (did you mean 'purchase'?)";
  for (const Case& c : cases) {
    AnalysisScan analysis(snapshot_, "count");
    Status s = analysis.Begin(c.req);
    ASSERT_FALSE(s.ok()) << c.expected;
    EXPECT_EQ(s.code(), Status::Code::kUsage) << s.ToString();
    EXPECT_EQ(s.message().substr(0, c.expected.size()), c.expected) << s.message();
  }
}

TEST_F(AnalysisScanTest, BadWhereAndZoneAreUsageErrors) {
  AnalysisScan analysis(snapshot_, "count");
  AnalysisRequest req;
  req.where = {"channel IN ("};
  Status s = analysis.Begin(req);
  EXPECT_EQ(s.code(), Status::Code::kUsage) << s.ToString();
  AnalysisScan zoned(snapshot_, "count");
  req = AnalysisRequest{};
  req.tz = "Europe/Berln";
  s = zoned.Begin(req);
  EXPECT_EQ(s.code(), Status::Code::kUsage) << s.ToString();
  EXPECT_NE(s.message().find("--tz"), std::string::npos);
}

TEST_F(AnalysisScanTest, PrepareErrorStopsTheScan) {
  AnalysisScan analysis(snapshot_, "count");
  ASSERT_TRUE(analysis.Begin(AnalysisRequest{}).ok());
  CountSpec spec;
  spec.fail_prepare = true;
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), "prepare refused");
}

}  // namespace
}  // namespace touchpoint::engine
