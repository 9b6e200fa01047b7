// AnalysisScan (engine/analysis_scan.h) with a small counting kernel: the
// default range, --where parsing and binding, a --by cut named through the
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

#include "kernels/group_column.h"
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
constexpr int64_t kHour = 3600 * 1000;

// Counts the events that pass --where, per --by key: the smallest kernel
// with the spec shape AnalysisScan::Run expects.
struct CountSpec {
  std::string by;
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

class CountConsumer : public scan::CustomerConsumer {
 public:
  explicit CountConsumer(const CountSpec& spec) : spec_(spec) {}
  void Consume(const scan::CustomerView& c) override {
    for (size_t i = 0; i < c.size; ++i) {
      if (spec_.where != nullptr && !spec_.where->Matches(c, i)) continue;
      ++counts[spec_.group.none() ? "" : spec_.group.Key(c, i)];
    }
  }
  void Merge(scan::CustomerConsumer& other) override {
    for (const auto& [k, n] : static_cast<CountConsumer&>(other).counts) counts[k] += n;
  }
  std::map<std::string, uint64_t> counts;

 private:
  const CountSpec& spec_;
};

// The same spec with a void Prepare (as MeasureSpec's).
struct VoidCountSpec : CountSpec {
  void Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
    (void)CountSpec::Prepare(catalog, properties);
  }
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
  AnalysisScan analysis(snapshot_);
  // Last event at t0 + 2 h; the span's end is exclusive, one ms later.
  EXPECT_EQ(analysis.data_range(), std::make_pair(kT0, kT0 + 2 * kHour + 1));
  AnalysisRequest req;
  EXPECT_EQ(analysis.Range(req), std::make_pair(kT0, kT0 + 2 * kHour + 1));
  req.from_ms = kT0 + kHour;
  EXPECT_EQ(analysis.Range(req), std::make_pair(kT0 + kHour, kT0 + 2 * kHour + 1));
  req.to_ms = kT0 + 5;
  EXPECT_EQ(analysis.Range(req), std::make_pair(kT0 + kHour, kT0 + 5));  // kept as given, even if empty
}

TEST_F(AnalysisScanTest, EmptyWhereIsNoFilter) {
  AnalysisScan analysis(snapshot_);
  ASSERT_TRUE(analysis.ParseWhere("").ok());
  EXPECT_EQ(analysis.where(), nullptr);
  CountSpec spec;
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  // 4 events, no cut: one group "".
  EXPECT_EQ(run->consumer->counts, (std::map<std::string, uint64_t>{{"", 4}}));
  EXPECT_EQ(run->stats.rows, 4u);
  EXPECT_EQ(run->stats.customers, 2u);
  EXPECT_GE(analysis.seconds(), 0.0);
}

TEST_F(AnalysisScanTest, ByChannelNamesCodesThroughTheCatalog) {
  AnalysisScan analysis(snapshot_);
  CountSpec spec;
  spec.by = "channel";
  auto run = analysis.Run<CountConsumer>(spec, 2);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(spec.group.dict, scan::kChannel);
  // web: A's two same-timestamp events; email: A's purchase; app: B's view.
  EXPECT_EQ(Named(analysis, spec, *run->consumer),
            (std::map<std::string, uint64_t>{{"app", 1}, {"email", 1}, {"web", 2}}));
}

TEST_F(AnalysisScanTest, WhereIsBoundAndApplied) {
  AnalysisScan analysis(snapshot_);
  ASSERT_TRUE(analysis.ParseWhere("event = 'page_view'").ok());
  ASSERT_NE(analysis.where(), nullptr);
  CountSpec spec;
  spec.by = "channel";
  spec.where = analysis.where();
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  // Page views: A's on web, B's on app.
  EXPECT_EQ(Named(analysis, spec, *run->consumer), (std::map<std::string, uint64_t>{{"app", 1}, {"web", 1}}));
  // The same filter serves a second scan (as metrics' comparison range).
  VoidCountSpec second;
  second.where = analysis.where();
  auto again = analysis.Run<CountConsumer>(second, 1);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->consumer->counts, (std::map<std::string, uint64_t>{{"", 2}}));
}

TEST_F(AnalysisScanTest, FilterMatchingNothingGivesEmptyCounts) {
  AnalysisScan analysis(snapshot_);
  ASSERT_TRUE(analysis.ParseWhere("channel = 'search'").ok());
  CountSpec spec;
  spec.by = "channel";
  spec.where = analysis.where();
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_TRUE(run.ok());
  EXPECT_TRUE(run->consumer->counts.empty());
}

TEST_F(AnalysisScanTest, BadWhereIsAnError) {
  AnalysisScan analysis(snapshot_);
  Status s = analysis.ParseWhere("channel IN (");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
}

TEST_F(AnalysisScanTest, PrepareErrorStopsTheScan) {
  AnalysisScan analysis(snapshot_);
  CountSpec spec;
  spec.fail_prepare = true;
  auto run = analysis.Run<CountConsumer>(spec, 1);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), "prepare refused");
}

}  // namespace
}  // namespace touchpoint::engine
