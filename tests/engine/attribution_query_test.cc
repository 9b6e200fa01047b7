// Attribution on a fixture worked out by hand for every model
// (docs/attribution.md, "Worked example"): a lookback edge, conversions
// without a touchpoint, a touch at the conversion's millisecond, several
// conversions per customer, one-event customers, an impression (no visit),
// non-converting paths, the Markov chain over them, --from reaching back,
// --where, --by and errors.
#include "engine/attribution_query.h"

#include <gtest/gtest.h>

#include <cmath>

#include "report/attribution_format.h"
#include "store/load_writer.h"
#include "store/store.h"
#include "store_fixture.h"
#include "test_util.h"

namespace touchpoint::engine {
namespace {

using kernels::AttributionModel;
using kernels::AttributionReport;
using kernels::AttributionRow;
using touchpoint::testing::AddEvent;
using touchpoint::testing::LoadFixture;
using touchpoint::testing::TempDir;

constexpr int64_t kS = 1000;
constexpr int64_t kMin = 60 * kS;
constexpr int64_t kHour = 60 * kMin;
constexpr int64_t kDay = 24 * kHour;
constexpr int64_t kT = 1709280000000 + 40 * kDay;  // 2024-04-10, the conversions' instant
constexpr double kEps = 1e-9;

void AddCampaignEvent(EventBatch* b, const std::string& customer, int64_t ts, const std::string& event,
                      const std::string& channel, const std::string& campaign) {
  EventRow row;
  row.customer_id = customer;
  row.timestamp_ms = ts;
  row.event = event;
  row.channel = channel;
  row.campaign = campaign;
  b->Append(row);
}

std::shared_ptr<const store::Snapshot> Commit(const TempDir& dir, const EventBatch& b) {
  return LoadFixture(dir.path(), b);
}

// Lookback 28 d, half-life 7 d (so ages of 0, 7, 14, 28 d weigh 1, 1/2, 1/4, 1/16).
// Touchpoints: clicks, email_clicks and session starts (30 min inactivity) with a channel.
//
// A: click ads T-7d (+ page_view web 1 s later, same session: no touch),
//    purchase 100 at T stored BEFORE an email_click at T (same millisecond: it counts).
//    Path [ads 7d, email 0d].
// B: page_view social T-28d-1ms (outside the lookback), click search T-28d (on the
//    edge: inside), page_view web T-14d (session start), purchase 50 at T:
//    path [search 28d, web 14d]. page_view email T+30min (exactly 30 min after the
//    purchase: same session, no touch), click ads T+59min, purchase 30 at T+1h:
//    path [ads]. Purchase 20 at T+2h: no touchpoint since the last conversion ->
//    (direct). page_view social T+5d: non-converting path [social].
// C: one purchase at T, no channel, no revenue -> (direct), revenue 0.
// D: an impression ads T-1d-1min (no touchpoint: impressions start no session)
//    and a page_view web at T-1d: non-converting path [web].
// E: click ads T-3d, email_click T-2d, click ads T-1d: non-converting [ads, email, ads].
// F: page_view search T-14d, click ads T-7d, email_click at T stored before the
//    purchase 10 at T: path [search 14d, ads 7d, email 0d].
//
// Counted conversions 6 (A, B x3, C, F), revenue 210; unattributed B3 and C:
// 2 conversions, 20 revenue; attributed 4 conversions, 190 revenue.
class AttributionQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EventBatch b;
    AddEvent(&b, "A", kT - 7 * kDay, "click", "ads");
    AddEvent(&b, "A", kT - 7 * kDay + kS, "page_view", "web");
    AddEvent(&b, "A", kT, "purchase", "web", 100);
    AddEvent(&b, "A", kT, "email_click", "email");
    AddEvent(&b, "B", kT - 28 * kDay - 1, "page_view", "social");
    AddEvent(&b, "B", kT - 28 * kDay, "click", "search");
    AddEvent(&b, "B", kT - 14 * kDay, "page_view", "web");
    AddEvent(&b, "B", kT, "purchase", "web", 50);
    AddEvent(&b, "B", kT + 30 * kMin, "page_view", "email");
    AddEvent(&b, "B", kT + 59 * kMin, "click", "ads");
    AddEvent(&b, "B", kT + kHour, "purchase", "web", 30);
    AddEvent(&b, "B", kT + 2 * kHour, "purchase", "web", 20);
    AddEvent(&b, "B", kT + 5 * kDay, "page_view", "social");
    AddEvent(&b, "C", kT, "purchase");
    AddEvent(&b, "D", kT - kDay - kMin, "impression", "ads");  // not a visit: starts no session
    AddEvent(&b, "D", kT - kDay, "page_view", "web");
    AddEvent(&b, "E", kT - 3 * kDay, "click", "ads");
    AddEvent(&b, "E", kT - 2 * kDay, "email_click", "email");
    AddEvent(&b, "E", kT - kDay, "click", "ads");
    AddEvent(&b, "F", kT - 14 * kDay, "page_view", "search");
    AddEvent(&b, "F", kT - 7 * kDay, "click", "ads");
    AddEvent(&b, "F", kT, "email_click", "email");
    AddEvent(&b, "F", kT, "purchase", "web", 10);
    snapshot_ = Commit(dir_, b);
  }

  AttributionReport Run(AttributionRequest req) {
    auto r = RunAttribution(snapshot_, req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }
  static AttributionRequest Request() {
    AttributionRequest req;
    req.window_ms = 28 * kDay;
    return req;
  }
  static const AttributionRow& Row(const AttributionReport& r, const std::string& key) {
    for (const auto& row : r.rows) {
      if (row.key == key) return row;
    }
    ADD_FAILURE() << "no row " << key;
    static const AttributionRow kNone;
    return kNone;
  }
  static double Rev(const AttributionRow& row, AttributionModel m) { return row.revenue[static_cast<int>(m)]; }
  static double Conv(const AttributionRow& row, AttributionModel m) { return row.conversions[static_cast<int>(m)]; }

  TempDir dir_;
  std::shared_ptr<const store::Snapshot> snapshot_;
};

TEST_F(AttributionQueryTest, TotalsAndUnattributed) {
  const AttributionReport r = Run(Request());
  EXPECT_EQ(r.conversion, std::vector<std::string>{"purchase"});
  EXPECT_EQ(r.conversions, 6u);
  EXPECT_DOUBLE_EQ(r.revenue, 210);
  EXPECT_EQ(r.unattributed_key, "(direct)");
  EXPECT_EQ(r.unattributed_conversions, 2u);  // B's third purchase and C
  EXPECT_DOUBLE_EQ(r.unattributed_revenue, 20);
  EXPECT_EQ(r.converting_paths, 4u);
  EXPECT_EQ(r.null_paths, 3u);   // B [social], D [web], E [ads, email, ads]
  ASSERT_EQ(r.rows.size(), 5u);  // ads, email, search, web, social (null paths only)
  // Touchpoints on converting paths: ads A, B2, F; email A, F; search B1, F; web B1.
  EXPECT_EQ(Row(r, "ads").touchpoints, 3u);
  EXPECT_EQ(Row(r, "ads").null_touchpoints, 2u);
  EXPECT_EQ(Row(r, "email").touchpoints, 2u);
  EXPECT_EQ(Row(r, "search").touchpoints, 2u);
  EXPECT_EQ(Row(r, "web").touchpoints, 1u);
  EXPECT_EQ(Row(r, "web").null_touchpoints, 1u);
  EXPECT_EQ(Row(r, "social").touchpoints, 0u);
  EXPECT_EQ(Row(r, "social").null_touchpoints, 1u);
  EXPECT_EQ(Row(r, "ads").paths, 3u);
}

TEST_F(AttributionQueryTest, FirstAndLastTouch) {
  const AttributionReport r = Run(Request());
  // First: ads A 100 + B2 30; search B1 50 + F 10.
  EXPECT_DOUBLE_EQ(Rev(Row(r, "ads"), AttributionModel::kFirstTouch), 130);
  EXPECT_DOUBLE_EQ(Rev(Row(r, "search"), AttributionModel::kFirstTouch), 60);
  EXPECT_DOUBLE_EQ(Rev(Row(r, "email"), AttributionModel::kFirstTouch), 0);
  EXPECT_DOUBLE_EQ(Conv(Row(r, "ads"), AttributionModel::kFirstTouch), 2);
  // Last: email A 100 + F 10 (both same-millisecond touches); web B1 50; ads B2 30.
  EXPECT_DOUBLE_EQ(Rev(Row(r, "email"), AttributionModel::kLastTouch), 110);
  EXPECT_DOUBLE_EQ(Rev(Row(r, "web"), AttributionModel::kLastTouch), 50);
  EXPECT_DOUBLE_EQ(Rev(Row(r, "ads"), AttributionModel::kLastTouch), 30);
  EXPECT_DOUBLE_EQ(Rev(Row(r, "search"), AttributionModel::kLastTouch), 0);
  EXPECT_DOUBLE_EQ(Conv(Row(r, "email"), AttributionModel::kLastTouch), 2);
  // Shares of the 190 attributed: ads first touch 130 / 190.
  EXPECT_NEAR(Row(r, "ads").share_pct[static_cast<int>(AttributionModel::kFirstTouch)], 100.0 * 130 / 190, kEps);
}

TEST_F(AttributionQueryTest, LinearTimeDecayAndPositionBased) {
  const AttributionReport r = Run(Request());
  // Linear: A 50/50, B1 25/25, B2 ads 30, F 10/3 each.
  EXPECT_NEAR(Rev(Row(r, "ads"), AttributionModel::kLinear), 50 + 30 + 10.0 / 3, kEps);
  EXPECT_NEAR(Rev(Row(r, "email"), AttributionModel::kLinear), 50 + 10.0 / 3, kEps);
  EXPECT_NEAR(Rev(Row(r, "search"), AttributionModel::kLinear), 25 + 10.0 / 3, kEps);
  EXPECT_NEAR(Rev(Row(r, "web"), AttributionModel::kLinear), 25, kEps);
  EXPECT_NEAR(Conv(Row(r, "ads"), AttributionModel::kLinear), 0.5 + 1 + 1.0 / 3, kEps);
  // Time decay, weights 2^(-age / 7d): A ads 1/2, email 1 -> 1/3, 2/3;
  // B1 search 1/16, web 1/4 -> 1/5, 4/5; F 1/4, 1/2, 1 -> 1/7, 2/7, 4/7.
  EXPECT_NEAR(Rev(Row(r, "ads"), AttributionModel::kTimeDecay), 100.0 / 3 + 30 + 20.0 / 7, kEps);
  EXPECT_NEAR(Rev(Row(r, "email"), AttributionModel::kTimeDecay), 200.0 / 3 + 40.0 / 7, kEps);
  EXPECT_NEAR(Rev(Row(r, "search"), AttributionModel::kTimeDecay), 10 + 10.0 / 7, kEps);
  EXPECT_NEAR(Rev(Row(r, "web"), AttributionModel::kTimeDecay), 40, kEps);
  EXPECT_NEAR(Conv(Row(r, "web"), AttributionModel::kTimeDecay), 0.8, kEps);
  // Position-based: two touches 50/50; F 40/20/40 -> search 4, ads 2, email 4.
  EXPECT_NEAR(Rev(Row(r, "ads"), AttributionModel::kPositionBased), 50 + 30 + 2, kEps);
  EXPECT_NEAR(Rev(Row(r, "email"), AttributionModel::kPositionBased), 54, kEps);
  EXPECT_NEAR(Rev(Row(r, "search"), AttributionModel::kPositionBased), 29, kEps);
  EXPECT_NEAR(Rev(Row(r, "web"), AttributionModel::kPositionBased), 25, kEps);
  // Every model hands out exactly the attributed 190 (and 4 conversions).
  for (size_t m = 0; m < kernels::kAttributionModelCount; ++m) {
    double rev = 0, conv = 0;
    for (const auto& row : r.rows) {
      rev += row.revenue[m];
      conv += row.conversions[m];
    }
    EXPECT_NEAR(rev, 190, kEps) << m;
    EXPECT_NEAR(conv, 4, kEps) << m;
  }
}

// Paths: converting [ads, email], [search, web], [ads], [search, ads, email];
// null [social], [web], [ads, email, ads].
// start -> ads 3/7, search 2/7, social 1/7, web 1/7; ads -> email 3/5, conv 1/5,
// null 1/5; email -> conv 2/3, ads 1/3; search -> web 1/2, ads 1/2;
// web -> conv 1/2, null 1/2; social -> null 1.
// x_ads = 3/5 x_email + 1/5, x_email = 2/3 + 1/3 x_ads  =>  x_ads = 3/4, x_email = 11/12;
// x_web = 1/2, x_search = 1/4 + 3/8 = 5/8; P = 9/28 + 5/28 + 0 + 2/28 = 4/7.
// Without ads: x_search = 1/4, P = 1/14 + 1/14 = 1/7, effect 3/4.
// Without email: x_ads = 1/5, x_search = 7/20, P = 3/35 + 1/10 + 1/14 = 9/35, effect 11/20.
// Without search: P = 9/28 + 2/28 = 11/28, effect 5/16.
// Without web: x_search = 3/8, P = 9/28 + 3/28 = 3/7, effect 1/4. Social: 0.
// Sum 149/80: markov revenue = 190 x (60, 44, 25, 20) / 149.
TEST_F(AttributionQueryTest, MarkovRemovalEffects) {
  for (auto solver : {kernels::MarkovChain::Solver::kDense, kernels::MarkovChain::Solver::kIterative}) {
    AttributionRequest req = Request();
    req.solver = solver;
    const AttributionReport r = Run(req);
    EXPECT_NEAR(r.conversion_probability, 4.0 / 7, kEps);
    EXPECT_NEAR(Row(r, "ads").removal_effect, 0.75, kEps);
    EXPECT_NEAR(Row(r, "email").removal_effect, 11.0 / 20, kEps);
    EXPECT_NEAR(Row(r, "search").removal_effect, 5.0 / 16, kEps);
    EXPECT_NEAR(Row(r, "web").removal_effect, 0.25, kEps);
    EXPECT_NEAR(Row(r, "social").removal_effect, 0, kEps);
    EXPECT_NEAR(Rev(Row(r, "ads"), AttributionModel::kMarkov), 190.0 * 60 / 149, kEps);
    EXPECT_NEAR(Rev(Row(r, "email"), AttributionModel::kMarkov), 190.0 * 44 / 149, kEps);
    EXPECT_NEAR(Rev(Row(r, "search"), AttributionModel::kMarkov), 190.0 * 25 / 149, kEps);
    EXPECT_NEAR(Rev(Row(r, "web"), AttributionModel::kMarkov), 190.0 * 20 / 149, kEps);
    EXPECT_NEAR(Conv(Row(r, "ads"), AttributionModel::kMarkov), 4.0 * 60 / 149, kEps);
    // Rows by Markov revenue: ads, email, search, web, social.
    ASSERT_EQ(r.rows.size(), 5u);
    EXPECT_EQ(r.rows[0].key, "ads");
    EXPECT_EQ(r.rows[1].key, "email");
    EXPECT_EQ(r.rows[4].key, "social");
    // Transitions, most frequent first: start -> ads and ads -> email, 3 each.
    ASSERT_GE(r.transitions.size(), 2u);
    EXPECT_EQ(r.transitions[0].from, "(start)");
    EXPECT_EQ(r.transitions[0].to, "ads");
    EXPECT_EQ(r.transitions[0].count, 3u);
    EXPECT_NEAR(r.transitions[0].probability, 3.0 / 7, kEps);
    EXPECT_EQ(r.transitions[1].from, "ads");
    EXPECT_EQ(r.transitions[1].to, "email");
    EXPECT_NEAR(r.transitions[1].probability, 3.0 / 5, kEps);
    EXPECT_EQ(r.transitions.size(), 14u);
  }
}

// --from T+30min: only B's purchases at T+1h (path [ads], 30) and T+2h (direct, 20)
// count. The lookback reaches back to T+30min-28d, so B's purchase at T is seen and
// keeps its touchpoints. Null paths ending in range: B [social] only. Markov:
// start -> ads 1/2 -> conversion, start -> social 1/2 -> null: P = 1/2, ads effect 1.
TEST_F(AttributionQueryTest, FromKeepsEarlierConversionsOutButSeesTheirTouches) {
  AttributionRequest req = Request();
  req.from_ms = kT + 30 * kMin;
  const AttributionReport r = Run(req);
  EXPECT_EQ(r.conversions, 2u);
  EXPECT_DOUBLE_EQ(r.revenue, 50);
  EXPECT_EQ(r.unattributed_conversions, 1u);
  EXPECT_EQ(r.null_paths, 1u);
  EXPECT_NEAR(r.conversion_probability, 0.5, kEps);
  EXPECT_NEAR(Row(r, "ads").removal_effect, 1, kEps);
  for (size_t m = 0; m < kernels::kAttributionModelCount; ++m) EXPECT_NEAR(Row(r, "ads").revenue[m], 30, kEps) << m;
  EXPECT_NEAR(Row(r, "social").revenue[static_cast<int>(AttributionModel::kMarkov)], 0, kEps);
}

TEST_F(AttributionQueryTest, EmptyRange) {
  AttributionRequest req = Request();
  req.from_ms = kT + 3 * kDay;
  req.to_ms = kT + 4 * kDay;
  const AttributionReport r = Run(req);
  EXPECT_EQ(r.conversions, 0u);
  EXPECT_EQ(r.null_paths, 0u);  // D's and E's paths end before --from; B's social is after --to
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(r.conversion_probability, 0);
  EXPECT_NE(report::Render(*report::AttributionBody(r), report::OutputFormat::kJson).find("\"conversions\":0"), std::string::npos);
  EXPECT_FALSE(report::Render(*report::AttributionBody(r), report::OutputFormat::kTable).empty());
}

// Without social events B's non-converting path disappears: start -> ads 3/6,
// search 2/6, web 1/6, the rest as before: P = 3/8 + 5/24 + 1/12 = 2/3.
TEST_F(AttributionQueryTest, WhereFiltersEventsFirst) {
  AttributionRequest req = Request();
  req.where = {"NOT channel = 'social'"};
  const AttributionReport r = Run(req);
  EXPECT_EQ(r.conversions, 6u);
  EXPECT_EQ(r.null_paths, 2u);
  EXPECT_EQ(r.rows.size(), 4u);
  EXPECT_NEAR(r.conversion_probability, 2.0 / 3, kEps);
}

TEST_F(AttributionQueryTest, ConversionsAsTheValue) {
  AttributionRequest req = Request();
  req.value = "conversions";
  const AttributionReport r = Run(req);
  // Position-based conversions: ads 0.5 (A) + 1 (B2) + 0.2 (F); share of 4.
  EXPECT_NEAR(Conv(Row(r, "ads"), AttributionModel::kPositionBased), 1.7, kEps);
  EXPECT_NEAR(Row(r, "ads").share_pct[static_cast<int>(AttributionModel::kPositionBased)], 100 * 1.7 / 4, kEps);
  const std::string json = report::Render(*report::AttributionBody(r), report::OutputFormat::kJson);
  EXPECT_NE(json.find("\"value\":\"conversions\""), std::string::npos);
  EXPECT_NE(json.find("\"channel\":\"ads\""), std::string::npos);
}

TEST_F(AttributionQueryTest, BadArgumentsAreClearErrors) {
  AttributionRequest req = Request();
  req.value = "profit";
  EXPECT_FALSE(RunAttribution(snapshot_, req).ok());
  req = Request();
  req.by = {"derived:segment"};
  auto by = RunAttribution(snapshot_, req);
  ASSERT_FALSE(by.ok());
  EXPECT_NE(by.status().ToString().find("--by"), std::string::npos);
  req.by = {"event"};
  EXPECT_FALSE(RunAttribution(snapshot_, req).ok());
  req = Request();
  req.named_events = {{"--conversion", "order_completed"}};  // not in the store, nor well known
  auto conv = RunAttribution(snapshot_, req);
  ASSERT_FALSE(conv.ok());
  EXPECT_NE(conv.status().ToString().find("order_completed"), std::string::npos);
  req = Request();
  req.window_ms = 0;
  EXPECT_FALSE(RunAttribution(snapshot_, req).ok());
  req = Request();
  req.half_life_ms = -1;
  EXPECT_FALSE(RunAttribution(snapshot_, req).ok());
  req = Request();
  req.from_ms = kT;
  req.to_ms = kT;
  EXPECT_FALSE(RunAttribution(snapshot_, req).ok());
  req = Request();
  req.where = {"channel = "};
  EXPECT_FALSE(RunAttribution(snapshot_, req).ok());
}

// Defaults: 30-day lookback, so B's social touch at T-28d-1ms now starts B1's path
// (first touch social 50) and its search click is no longer first.
TEST_F(AttributionQueryTest, DefaultsAreThirtyDaysAndSevenDayHalfLife) {
  AttributionRequest req;
  EXPECT_EQ(req.window_ms, 30 * kDay);
  EXPECT_EQ(req.half_life_ms, 7 * kDay);
  const AttributionReport r = Run(req);
  EXPECT_DOUBLE_EQ(Rev(Row(r, "social"), AttributionModel::kFirstTouch), 50);
  EXPECT_DOUBLE_EQ(Rev(Row(r, "search"), AttributionModel::kFirstTouch), 10);
}

// Shards merge by channel name: one thread or many, the same report.
TEST_F(AttributionQueryTest, ShardsMergeToTheSameReport) {
  AttributionRequest one = Request(), many = Request();
  one.threads = 1;
  many.threads = 8;  // 8 x kShardsPerThread shards for 7 customers
  const AttributionReport a = Run(one), b = Run(many);
  ASSERT_EQ(a.rows.size(), b.rows.size());
  for (size_t i = 0; i < a.rows.size(); ++i) {
    EXPECT_EQ(a.rows[i].key, b.rows[i].key);
    EXPECT_EQ(a.rows[i].touchpoints, b.rows[i].touchpoints);
    EXPECT_EQ(a.rows[i].null_touchpoints, b.rows[i].null_touchpoints);
    for (size_t m = 0; m < kernels::kAttributionModelCount; ++m) {
      EXPECT_NEAR(a.rows[i].revenue[m], b.rows[i].revenue[m], kEps) << a.rows[i].key << " " << m;
    }
    EXPECT_NEAR(a.rows[i].removal_effect, b.rows[i].removal_effect, kEps);
  }
  ASSERT_EQ(a.transitions.size(), b.transitions.size());
  for (size_t i = 0; i < a.transitions.size(); ++i) {
    EXPECT_EQ(a.transitions[i].from, b.transitions[i].from);
    EXPECT_EQ(a.transitions[i].to, b.transitions[i].to);
    EXPECT_EQ(a.transitions[i].count, b.transitions[i].count);
  }
}

// Two purchases at one millisecond: the first stored takes the touchpoints, the
// second has none left (direct). Campaigns as the dimension: touches without a
// campaign are not touchpoints, so a path of campaign-less touches is "(none)".
TEST(AttributionQuery, SameMillisecondConversionsAndCampaigns) {
  TempDir dir;
  EventBatch b;
  AddCampaignEvent(&b, "G", kT - kHour, "click", "ads", "spring");
  AddEvent(&b, "G", kT - kMin, "email_click", "email");
  AddEvent(&b, "G", kT, "purchase", "web", 5);
  AddEvent(&b, "G", kT, "purchase", "web", 7);
  auto snapshot = Commit(dir, b);
  AttributionRequest req;
  auto r = RunAttribution(snapshot, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->conversions, 2u);
  EXPECT_EQ(r->unattributed_conversions, 1u);
  EXPECT_DOUBLE_EQ(r->unattributed_revenue, 7);
  ASSERT_EQ(r->rows.size(), 2u);
  req.by = {"campaign"};
  auto c = RunAttribution(snapshot, req);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->unattributed_key, "(none)");
  ASSERT_EQ(c->rows.size(), 1u);
  EXPECT_EQ(c->rows[0].key, "spring");
  EXPECT_DOUBLE_EQ(c->rows[0].revenue[static_cast<int>(AttributionModel::kLastTouch)], 5);
  EXPECT_NEAR(c->rows[0].removal_effect, 1, kEps);
}

// Issue 12: a channel on no converting path gets no Markov credit. By hand:
// A clicks web, then buys 10 (path [web]); B clicks on a newsletter
// (email), then web, and never buys (null path [email, web]). The chain
// start -> web 1/2, start -> email 1/2, email -> web 1, web -> conversion
// 1/2, web -> null 1/2 gives P(conversion) = 1/2, and removing email drops
// it to 1/4: a removal effect of 1/2 that no converting path lost. Email
// therefore gets 0, web the whole conversion and its revenue.
TEST(AttributionQuery, ChannelsOnNoConvertingPathGetNoMarkovCredit) {
  TempDir dir;
  EventBatch b;
  AddEvent(&b, "A", kT - kHour, "click", "web");
  AddEvent(&b, "A", kT, "purchase", "web", 10);
  AddEvent(&b, "B", kT - 2 * kHour, "email_click", "email");
  AddEvent(&b, "B", kT - kHour, "click", "web");
  auto snapshot = Commit(dir, b);
  auto r = RunAttribution(snapshot, AttributionRequest{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NEAR(r->conversion_probability, 0.5, kEps);
  ASSERT_EQ(r->rows.size(), 2u);
  const AttributionRow& web = r->rows[0];
  const AttributionRow& email = r->rows[1];
  EXPECT_EQ(web.key, "web");
  EXPECT_EQ(email.key, "email");
  EXPECT_EQ(email.paths, 0u);
  EXPECT_EQ(email.null_touchpoints, 1u);
  EXPECT_EQ(email.removal_effect, 0);
  EXPECT_EQ(email.revenue[static_cast<int>(AttributionModel::kMarkov)], 0);
  EXPECT_NEAR(web.revenue[static_cast<int>(AttributionModel::kMarkov)], 10, kEps);
  EXPECT_NEAR(web.conversions[static_cast<int>(AttributionModel::kMarkov)], 1, kEps);
}

}  // namespace
}  // namespace touchpoint::engine
