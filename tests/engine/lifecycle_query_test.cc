// Lifecycle stages on a fixture worked out by hand (docs/lifecycle.md has
// the same example): every stage and the main movements, history before the
// range, a one-event customer, same-timestamp events (two purchases; a
// cancel with a page view at the same instant), contractual churn, a
// customer with only inactive events, activation exactly at the window's
// end, --by, --churn-after, month boundaries in a non-UTC zone, and bad
// arguments.
#include "engine/lifecycle_query.h"

#include <gtest/gtest.h>

#include <cmath>

#include "report/lifecycle_format.h"
#include "store/load_writer.h"
#include "store/store.h"
#include "store_fixture.h"
#include "test_util.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

using kernels::LifecycleStage;
using kernels::StageCounts;
using touchpoint::testing::AddEvent;
using touchpoint::testing::LoadFixture;
using touchpoint::testing::TempDir;

int64_t T(const char* iso) { return ParseTimestamp(iso, nullptr).value(); }

void AddNps(EventBatch* b, const std::string& customer, int64_t ts, double score) {
  EventRow row;
  row.customer_id = customer;
  row.timestamp_ms = ts;
  row.event = "survey_response";
  row.survey = "nps";
  row.score = score;
  b->Append(row);
}

std::shared_ptr<const store::Snapshot> Load(const TempDir& dir, const EventBatch& b) {
  return LoadFixture(dir.path(), b);
}

size_t Cell(LifecycleStage from, LifecycleStage to) {
  return static_cast<size_t>(from) * kernels::kLifecycleStages + static_cast<size_t>(to);
}

std::vector<StageCounts> Counts(const kernels::LifecycleGroup& g) {
  std::vector<StageCounts> out;
  for (const auto& p : g.periods) out.push_back(p.counts);
  return out;
}

// Stage order in counts: new, reactivated, engaged, loyal, advocate, at_risk, lost.
// Months Jan..Aug 2024, lost after 3 inactive months (the default).
//   cust  Jan      Feb      Mar      Apr      May      Jun      Jul      Aug
//   A     new      engaged  loyal    at_risk  at_risk  at_risk  lost     lost
//   B     new      loyal    advocate advocate loyal    at_risk  at_risk  lost
//   C     -        new      at_risk  at_risk  lost     lost     lost     lost
//   D     new      at_risk  at_risk  lost     reactiv. advocate loyal    at_risk
//   E     -        -        new      lost     lost     reactiv. at_risk  at_risk
//   F, G  new      at_risk  at_risk  lost     lost     lost     lost     lost
//   H     engaged  loyal    at_risk  at_risk  lost     lost     lost     lost
class LifecycleQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EventBatch b;
    // A: 3, 4, 4 active days (Jan-Mar): streak of 3 makes it loyal in Mar;
    // 2 days in Apr is at most half of Mar's 4: at risk (dropping). Only an
    // impression (inactive) in May; lost in Jul, after May, Jun, Jul idle.
    for (const char* t : {"2024-01-05T10:00:00Z", "2024-01-06T10:00:00Z", "2024-01-07T10:00:00Z",
                          "2024-02-01T10:00:00Z", "2024-02-02T10:00:00Z", "2024-02-03T10:00:00Z",
                          "2024-02-04T10:00:00Z", "2024-03-01T10:00:00Z", "2024-03-02T10:00:00Z",
                          "2024-03-03T10:00:00Z", "2024-03-04T10:00:00Z", "2024-04-01T10:00:00Z",
                          "2024-04-02T10:00:00Z"}) {
      AddEvent(&b, "A", T(t), "page_view", "web");
    }
    AddEvent(&b, "A", T("2024-05-10T10:00:00Z"), "impression", "ads");
    // B: two purchases at the same instant (new in Jan, 1 active day), loyal
    // by purchases in Feb, an NPS 10 makes it an advocate in Mar and Apr, an
    // NPS 3 (latest answer) takes that back in May: loyal again.
    AddEvent(&b, "B", T("2024-01-10T10:00:00Z"), "purchase", "app", 20);
    AddEvent(&b, "B", T("2024-01-10T10:00:00Z"), "purchase", "app", 30);
    AddEvent(&b, "B", T("2024-02-15T10:00:00Z"), "page_view", "app");
    AddNps(&b, "B", T("2024-03-03T10:00:00Z"), 10);
    AddEvent(&b, "B", T("2024-04-03T10:00:00Z"), "page_view", "app");
    AddNps(&b, "B", T("2024-05-05T10:00:00Z"), 3);
    // C: one event.
    AddEvent(&b, "C", T("2024-02-20T10:00:00Z"), "page_view");
    // D: lost after Feb, Mar, Apr idle; back in May (reactivated), shares in
    // Jun (advocate), active May-Jul (loyal by streak).
    AddEvent(&b, "D", T("2024-01-02T10:00:00Z"), "page_view", "web");
    AddEvent(&b, "D", T("2024-05-10T10:00:00Z"), "page_view");
    AddEvent(&b, "D", T("2024-06-10T10:00:00Z"), "share");
    AddEvent(&b, "D", T("2024-07-01T10:00:00Z"), "page_view");
    // E: subscribes in Mar, cancels in Apr with a page view at the same
    // instant (not after the cancel): lost in Apr and May; back in Jun.
    AddEvent(&b, "E", T("2024-03-01T10:00:00Z"), "subscription_start");
    AddEvent(&b, "E", T("2024-04-05T10:00:00Z"), "subscription_cancel");
    AddEvent(&b, "E", T("2024-04-05T10:00:00Z"), "page_view");
    AddEvent(&b, "E", T("2024-06-02T10:00:00Z"), "page_view");
    // F activates exactly 7 days after its first activity (counts); G 1 ms
    // later than that (does not).
    AddEvent(&b, "F", T("2024-01-20T00:00:00Z"), "signup");
    AddEvent(&b, "F", T("2024-01-27T00:00:00Z"), "activation");
    AddEvent(&b, "G", T("2024-01-21T00:00:00Z"), "signup");
    AddEvent(&b, "G", T("2024-01-28T00:00:00.001Z"), "activation");
    // H: first seen in Dec 2023, before the range: engaged in Jan, loyal in Feb.
    AddEvent(&b, "H", T("2023-12-15T10:00:00Z"), "page_view");
    AddEvent(&b, "H", T("2024-01-03T10:00:00Z"), "page_view");
    AddEvent(&b, "H", T("2024-02-03T10:00:00Z"), "page_view");
    // I: only impressions, which are not activity: never a customer here.
    AddEvent(&b, "I", T("2024-03-01T10:00:00Z"), "impression", "ads");
    snapshot_ = Load(dir_, b);
  }

  LifecycleRequest Request() const {
    LifecycleRequest req;
    req.from_ms = T("2024-01-01T00:00:00Z");
    req.to_ms = T("2024-09-01T00:00:00Z");
    req.definitions.inactive_events = {"impression"};
    return req;
  }

  kernels::LifecycleReport Run(const LifecycleRequest& req) {
    auto r = RunLifecycle(snapshot_, req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }

  TempDir dir_;
  std::shared_ptr<const store::Snapshot> snapshot_;
};

TEST_F(LifecycleQueryTest, StagesPerMonthByHand) {
  kernels::LifecycleReport r = Run(Request());
  ASSERT_EQ(r.all.periods.size(), 8u);
  EXPECT_EQ(r.all.periods[0].period, "2024-01");
  EXPECT_EQ(r.all.periods[7].period, "2024-08");
  EXPECT_EQ(r.churn_after, 3);
  //                           new re eng loy adv risk lost
  const std::vector<StageCounts> expected = {{5, 0, 1, 0, 0, 0, 0},   // Jan: A B D F G new, H engaged
                                             {1, 0, 1, 2, 0, 3, 0},   // Feb: C new, A, B H, D F G
                                             {1, 0, 0, 1, 1, 5, 0},   // Mar: E, A, B, C D F G H
                                             {0, 0, 0, 0, 1, 3, 4},   // Apr: B, A C H, D E F G
                                             {0, 1, 0, 1, 0, 1, 5},   // May: D, B, A, C E F G H
                                             {0, 1, 0, 0, 1, 2, 4},   // Jun: E, D, A B, C F G H
                                             {0, 0, 0, 1, 0, 2, 5},   // Jul: D, B E, A C F G H
                                             {0, 0, 0, 0, 0, 2, 6}};  // Aug: D E, the rest
  EXPECT_EQ(Counts(r.all), expected);
  // Customers known by each month's end; I (impressions only) never is.
  EXPECT_EQ(r.all.periods[0].customers, 6u);
  EXPECT_EQ(r.all.periods[1].customers, 7u);
  EXPECT_EQ(r.all.periods[2].customers, 8u);
  EXPECT_EQ(r.all.periods[7].customers, 8u);
  EXPECT_DOUBLE_EQ(r.all.periods[3].percent[static_cast<size_t>(LifecycleStage::kLost)], 50.0);  // 4 / 8
  EXPECT_TRUE(r.all.periods[7].complete);
}

TEST_F(LifecycleQueryTest, MovementsBetweenMonths) {
  kernels::LifecycleReport r = Run(Request());
  ASSERT_EQ(r.all.movements.size(), 7u);
  const auto& jan_feb = r.all.movements[0];
  EXPECT_EQ(jan_feb.from, "2024-01");
  EXPECT_EQ(jan_feb.to, "2024-02");
  EXPECT_EQ(jan_feb.matrix[Cell(LifecycleStage::kNew, LifecycleStage::kEngaged)], 1u);  // A
  EXPECT_EQ(jan_feb.matrix[Cell(LifecycleStage::kNew, LifecycleStage::kLoyal)], 1u);    // B
  EXPECT_EQ(jan_feb.matrix[Cell(LifecycleStage::kNew, LifecycleStage::kAtRisk)], 3u);   // D F G
  EXPECT_EQ(jan_feb.matrix[Cell(LifecycleStage::kEngaged, LifecycleStage::kLoyal)], 1u);  // H
  // Each matrix holds the customers known in its first month: 6, 7, 8, 8, 8, 8, 8.
  const uint64_t known[] = {6, 7, 8, 8, 8, 8, 8};
  for (size_t m = 0; m < r.all.movements.size(); ++m) {
    uint64_t sum = 0;
    for (uint64_t v : r.all.movements[m].matrix) sum += v;
    EXPECT_EQ(sum, known[m]) << m;
  }
  const auto& total = r.all.movements_total;
  // lost -> lost: Apr-May E F G, May-Jun C F G H, Jun-Jul C F G H, Jul-Aug A C F G H = 3 + 4 + 4 + 5.
  EXPECT_EQ(total[Cell(LifecycleStage::kLost, LifecycleStage::kLost)], 16u);
  // at_risk -> lost: Mar-Apr D F G, Apr-May C H, Jun-Jul A, Jul-Aug B.
  EXPECT_EQ(total[Cell(LifecycleStage::kAtRisk, LifecycleStage::kLost)], 7u);
  // loyal -> at_risk: H (Feb-Mar), A (Mar-Apr), B (May-Jun), D (Jul-Aug).
  EXPECT_EQ(total[Cell(LifecycleStage::kLoyal, LifecycleStage::kAtRisk)], 4u);
  EXPECT_EQ(total[Cell(LifecycleStage::kLost, LifecycleStage::kReactivated)], 2u);    // D, E
  EXPECT_EQ(total[Cell(LifecycleStage::kNew, LifecycleStage::kLost)], 1u);            // E (cancelled)
  // advocate -> loyal: B (Apr-May, its latest NPS is 3), D (Jun-Jul, no share in Jul).
  EXPECT_EQ(total[Cell(LifecycleStage::kAdvocate, LifecycleStage::kLoyal)], 2u);
  EXPECT_EQ(total[Cell(LifecycleStage::kReactivated, LifecycleStage::kAdvocate)], 1u);  // D shares
  EXPECT_EQ(total[Cell(LifecycleStage::kReactivated, LifecycleStage::kAtRisk)], 1u);  // E
}

TEST_F(LifecycleQueryTest, ActivationExactlyAtTheWindowEndCounts) {
  kernels::LifecycleReport r = Run(Request());
  // Jan signups A B D F G; only F activates (7 days to the ms; G is 1 ms late).
  EXPECT_EQ(r.all.periods[0].signups, 5u);
  EXPECT_EQ(r.all.periods[0].activated, 1u);
  EXPECT_DOUBLE_EQ(r.all.periods[0].activation_rate, 20.0);
  // Wilson 1/5, z = 1.96: (0.2 + 0.38415) / 1.76829 = 0.33035 centre,
  // 1.96 sqrt(0.032 + 0.038415) / 1.76829 = 0.29413 half-width.
  EXPECT_NEAR(r.all.periods[0].activation_ci.low, 3.62, 0.01);
  EXPECT_NEAR(r.all.periods[0].activation_ci.high, 62.45, 0.01);
  EXPECT_EQ(r.all.periods[1].signups, 1u);  // C
  EXPECT_EQ(r.all.periods[2].signups, 1u);  // E
  EXPECT_EQ(r.all.periods[3].signups, 0u);
  EXPECT_TRUE(std::isnan(r.all.periods[3].activation_rate));  // no signups: undefined
  LifecycleRequest wider = Request();
  wider.definitions.activation_window_ms = 7 * kMillisPerDay + 1;
  EXPECT_EQ(Run(wider).all.periods[0].activated, 2u);  // F and G
}

TEST_F(LifecycleQueryTest, StickinessIsTheCataloguesDauOverMau) {
  kernels::LifecycleReport r = Run(Request());
  // Jan: active A (3 days), B (1), D (1), F (2), G (2), H (1): 6 customers,
  // 10 customer-days; dau = 10 / 31, mau = 6, stickiness = 100 x 10 / 31 / 6.
  EXPECT_EQ(r.all.periods[0].active, 6u);
  EXPECT_DOUBLE_EQ(r.all.periods[0].dau, 10.0 / 31);
  EXPECT_DOUBLE_EQ(r.all.periods[0].mau, 6.0);
  EXPECT_NEAR(r.all.periods[0].stickiness, 100.0 * 10 / 31 / 6, 1e-9);
  // Feb (29 days): A (4 days), B, C, H: 100 x 7 / 29 / 4.
  EXPECT_EQ(r.all.periods[1].active, 4u);
  EXPECT_NEAR(r.all.periods[1].stickiness, 100.0 * 7 / 29 / 4, 1e-9);
  // May: B and D only (A's impression is not activity).
  EXPECT_EQ(r.all.periods[4].active, 2u);
  // Weeks have no MAU in the catalogue: stickiness undefined.
  LifecycleRequest weekly = Request();
  weekly.period = "week";
  kernels::LifecycleReport w = Run(weekly);
  EXPECT_EQ(w.churn_after, 13);
  EXPECT_TRUE(std::isnan(w.all.periods[0].stickiness));
}

TEST_F(LifecycleQueryTest, ByTheFirstEventsChannel) {
  LifecycleRequest req = Request();
  req.by = {"channel"};
  kernels::LifecycleReport r = Run(req);
  ASSERT_EQ(r.groups.size(), 3u);  // "", app, web (sorted)
  EXPECT_EQ(r.groups[0].key, "");     // C E F G H
  EXPECT_EQ(r.groups[1].key, "app");  // B
  EXPECT_EQ(r.groups[2].key, "web");  // A D (D's later events have no channel)
  EXPECT_EQ(Counts(r.groups[2])[0], (StageCounts{2, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(Counts(r.groups[2])[3], (StageCounts{0, 0, 0, 0, 0, 1, 1}));  // Apr: A at risk, D lost
  EXPECT_EQ(Counts(r.groups[2])[7], (StageCounts{0, 0, 0, 0, 0, 1, 1}));  // Aug: D at risk, A lost
  EXPECT_EQ(Counts(r.groups[0])[7], (StageCounts{0, 0, 0, 0, 0, 1, 4}));  // E at risk; C F G H lost
  EXPECT_EQ(Counts(r.groups[1])[7], (StageCounts{0, 0, 0, 0, 0, 0, 1}));  // B lost
}

TEST_F(LifecycleQueryTest, ChurnAfterOnePeriod) {
  LifecycleRequest req = Request();
  req.churn_after = 1;
  kernels::LifecycleReport r = Run(req);
  // Feb: D F G, idle for one month, are lost at once; nobody is idle-at-risk.
  EXPECT_EQ(Counts(r.all)[1], (StageCounts{1, 0, 1, 2, 0, 0, 3}));
  // Apr: A's drop still makes it at risk (active); C H idle -> lost; B advocate.
  EXPECT_EQ(Counts(r.all)[3], (StageCounts{0, 0, 0, 0, 1, 1, 6}));
}

TEST_F(LifecycleQueryTest, JsonShape) {
  kernels::LifecycleReport r = Run(Request());
  const std::string json = report::Render(*report::LifecycleBody(r), report::OutputFormat::kJson);
  EXPECT_NE(json.find("\"period\":\"month\""), std::string::npos);
  EXPECT_NE(json.find("\"stages\":[\"new\",\"reactivated\",\"engaged\",\"loyal\",\"advocate\",\"at_risk\",\"lost\"]"),
            std::string::npos);
  EXPECT_NE(json.find("{\"period\":\"2024-01\",\"complete\":true,\"customers\":6,\"counts\":{\"new\":5,"),
            std::string::npos);
  EXPECT_NE(json.find("\"activation\":{\"signups\":5,\"activated\":1,\"rate\":20,"), std::string::npos);
  EXPECT_NE(json.find("\"movements\":[{\"from\":\"2024-01\",\"to\":\"2024-02\",\"matrix\":{\"new\":{\"new\":0,"),
            std::string::npos);
  EXPECT_NE(json.find("\"movements_total\":{\"new\":{"), std::string::npos);
  EXPECT_EQ(r.header.scanned_events, 37u);  // every fixture event is before `to` + the activation window
  const std::string table = report::Render(*report::LifecycleBody(r), report::OutputFormat::kTable);
  EXPECT_NE(table.find("movements, all periods"), std::string::npos);
}

TEST_F(LifecycleQueryTest, ShardsMergeToTheSameCounts) {
  LifecycleRequest one = Request();
  one.threads = 1;
  one.by = {"channel"};
  LifecycleRequest many = one;
  many.threads = 4;
  kernels::LifecycleReport a = Run(one), b = Run(many);
  EXPECT_EQ(Counts(a.all), Counts(b.all));
  EXPECT_EQ(a.all.movements_total, b.all.movements_total);
  ASSERT_EQ(a.groups.size(), b.groups.size());
  for (size_t g = 0; g < a.groups.size(); ++g) EXPECT_EQ(Counts(a.groups[g]), Counts(b.groups[g]));
}

TEST_F(LifecycleQueryTest, BadArgumentsAreClearErrors) {
  LifecycleRequest req = Request();
  req.period = "year";
  EXPECT_FALSE(RunLifecycle(snapshot_, req).ok());
  req = Request();
  req.churn_after = 0;
  auto r = RunLifecycle(snapshot_, req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("--churn-after"), std::string::npos);
  req = Request();
  req.to_ms = req.from_ms;
  EXPECT_FALSE(RunLifecycle(snapshot_, req).ok());
  req = Request();
  req.definitions.activation_event = "activaton";
  req.named_events = {{"--activation", "activaton"}};
  r = RunLifecycle(snapshot_, req);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find("activaton"), std::string::npos);
  req = Request();
  req.where = {"channel = "};
  EXPECT_FALSE(RunLifecycle(snapshot_, req).ok());
  req = Request();
  req.tz = "Mars/Olympus";
  EXPECT_FALSE(RunLifecycle(snapshot_, req).ok());
}

TEST(LifecycleQuery, MonthBoundariesInTheReportingZone) {
  TempDir dir;
  EventBatch b;
  // 23:30 UTC on Jan 31 is 00:30 on Feb 1 in Berlin (UTC+1).
  AddEvent(&b, "K", T("2024-01-31T23:30:00Z"), "page_view");
  AddEvent(&b, "K", T("2024-03-01T10:00:00Z"), "page_view");
  auto snapshot = Load(dir, b);
  LifecycleRequest req;
  auto utc = RunLifecycle(snapshot, req);
  ASSERT_TRUE(utc.ok()) << utc.status().ToString();
  // UTC: new in Jan, idle Feb (at risk), active Mar (engaged: streak 1).
  ASSERT_EQ(utc->all.periods.size(), 3u);
  EXPECT_EQ(utc->all.periods[0].period, "2024-01");
  EXPECT_EQ(Counts(utc->all).back(), (StageCounts{0, 0, 1, 0, 0, 0, 0}));
  EXPECT_EQ(utc->all.periods[1].counts[static_cast<size_t>(LifecycleStage::kAtRisk)], 1u);
  EXPECT_FALSE(utc->all.periods[2].complete);  // the data ends on Mar 1
  req.tz = "Europe/Berlin";
  auto berlin = RunLifecycle(snapshot, req);
  ASSERT_TRUE(berlin.ok()) << berlin.status().ToString();
  // Berlin: new in Feb, active again in Mar (streak 2): engaged.
  ASSERT_EQ(berlin->all.periods.size(), 2u);
  EXPECT_EQ(berlin->all.periods[0].period, "2024-02");
  EXPECT_EQ(berlin->all.periods[0].counts[static_cast<size_t>(LifecycleStage::kNew)], 1u);
  EXPECT_EQ(berlin->all.periods[0].signups, 1u);
  EXPECT_EQ(berlin->all.periods[1].counts[static_cast<size_t>(LifecycleStage::kEngaged)], 1u);
  EXPECT_EQ(berlin->all.movements_total[Cell(LifecycleStage::kNew, LifecycleStage::kEngaged)], 1u);
}

}  // namespace
}  // namespace touchpoint::engine
