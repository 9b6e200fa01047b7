// Journeys on a fixture worked out by hand (docs/paths.md has the same
// example): same-timestamp events, immediate and non-immediate repeats, a
// one-event customer, a conversion in a later session, survey answers,
// --start / --end, session vs customer scope, channel touchpoints, --by,
// exits, the Sankey graph and the funnel chart; then bad arguments.
//
// Events (t0 = 2024-03-01 00:00 UTC; sessions split after 30 min):
//   A: page_view web t0, page_view web +10 s, add_to_cart web +20 s, purchase web +30 s,
//      page_view email +2 h, survey_response csat 5 +2 h 1 min
//   B: page_view ads, add_to_cart ads, purchase ads, all at t0 (stored order)
//   C: page_view web t0 (one event)
//   D: page_view web t0, add_to_cart web +1 min, page_view web +2 min, add_to_cart web +3 min,
//      purchase web +1 day, survey_response ces 6 +1 day 1 min
//   E: page_view email t0, survey_response csat 2 +1 min
// Session journeys, collapsed (row numbers are the customer's):
//   A1 [page_view(rows 0-1), add_to_cart(2), purchase(3)]   A2 [page_view(4), survey_response(5)]
//   B1 [page_view(0), add_to_cart(1), purchase(2)]           C1 [page_view(0)]
//   D1 [page_view(0), add_to_cart(1), page_view(2), add_to_cart(3)]   D2 [purchase(4), survey_response(5)]
//   E1 [page_view(0), survey_response(1)]
#include "engine/paths_query.h"

#include <cmath>

#include <gtest/gtest.h>

#include "report/paths_format.h"
#include "store/load_writer.h"
#include "store/store.h"
#include "store_fixture.h"
#include "test_util.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::LoadFixture;
using touchpoint::testing::TempDir;

constexpr int64_t kT0 = 1709251200000;  // 2024-03-01T00:00:00Z
constexpr int64_t kS = 1000;
constexpr int64_t kMin = 60 * kS;
constexpr int64_t kHour = 60 * kMin;
constexpr int64_t kDay = 24 * kHour;

using Path = std::vector<std::string>;

void AddSurvey(EventBatch* b, const std::string& customer, int64_t ts, const std::string& kind, double score) {
  EventRow row;
  row.customer_id = customer;
  row.timestamp_ms = ts;
  row.event = "survey_response";
  row.survey = kind;
  row.score = score;
  b->Append(row);
}

class PathsQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    EventBatch b;
    AddEvent(&b, "A", kT0, "page_view", "web");
    AddEvent(&b, "A", kT0 + 10 * kS, "page_view", "web");
    AddEvent(&b, "A", kT0 + 20 * kS, "add_to_cart", "web");
    AddEvent(&b, "A", kT0 + 30 * kS, "purchase", "web");
    AddEvent(&b, "A", kT0 + 2 * kHour, "page_view", "email");
    AddSurvey(&b, "A", kT0 + 2 * kHour + kMin, "csat", 5);
    AddEvent(&b, "B", kT0, "page_view", "ads");
    AddEvent(&b, "B", kT0, "add_to_cart", "ads");
    AddEvent(&b, "B", kT0, "purchase", "ads");
    AddEvent(&b, "C", kT0, "page_view", "web");
    AddEvent(&b, "D", kT0, "page_view", "web");
    AddEvent(&b, "D", kT0 + 1 * kMin, "add_to_cart", "web");
    AddEvent(&b, "D", kT0 + 2 * kMin, "page_view", "web");
    AddEvent(&b, "D", kT0 + 3 * kMin, "add_to_cart", "web");
    AddEvent(&b, "D", kT0 + kDay, "purchase", "web");
    AddSurvey(&b, "D", kT0 + kDay + kMin, "ces", 6);
    AddEvent(&b, "E", kT0, "page_view", "email");
    AddSurvey(&b, "E", kT0 + kMin, "csat", 2);
    snapshot_ = LoadFixture(dir_.path(), b);
  }

  kernels::PathsReport Run(PathsRequest req) {
    auto r = RunPaths(snapshot_, req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }

  static std::vector<Path> Paths(const std::vector<kernels::PathResult>& paths) {
    std::vector<Path> out;
    for (const auto& p : paths) out.push_back(p.path);
    return out;
  }

  static const kernels::TransitionResult* Transition(const kernels::PathsReport& r, const std::string& from,
                                                     const std::string& to) {
    for (const auto& t : r.transitions) {
      if (t.from == from && t.to == to) return &t;
    }
    return nullptr;
  }

  static uint64_t Count(const kernels::PathsReport& r, const std::string& from, const std::string& to) {
    const auto* t = Transition(r, from, to);
    return t == nullptr ? 0 : t->count;
  }

  TempDir dir_;
  std::shared_ptr<const store::Snapshot> snapshot_;
};

TEST_F(PathsQueryTest, SessionPathsWithConversionAfter) {
  kernels::PathsReport r = Run(PathsRequest{});
  EXPECT_EQ(r.customers, 5u);
  EXPECT_EQ(r.journeys, 7u);  // A1 A2 B1 C1 D1 D2 E1
  EXPECT_EQ(r.customers_with_path, 5u);
  EXPECT_EQ(r.paths_counted, 7u);
  // Two paths twice, ordered by labels ("add_to_cart" < "survey_response");
  // then the three single ones (a prefix sorts first, "page_view" < "purchase").
  ASSERT_EQ(Paths(r.top_paths), (std::vector<Path>{{"page_view", "add_to_cart", "purchase"},
                                                   {"page_view", "survey_response"},
                                                   {"page_view"},
                                                   {"page_view", "add_to_cart", "page_view", "add_to_cart"},
                                                   {"purchase", "survey_response"}}));
  const auto& p1 = r.top_paths[0];  // A1 and B1: A's pv,pv folded; B's same-millisecond events in stored order
  EXPECT_EQ(p1.paths, 2u);
  EXPECT_EQ(p1.customers, 2u);
  EXPECT_EQ(p1.ended, 2u);
  EXPECT_DOUBLE_EQ(p1.share_of_customers, 40.0);  // 2 / 5
  // Completed on the purchase (A row 3, B row 2), which is each one's last conversion: 0 / 2.
  EXPECT_EQ(p1.converted, 0u);
  EXPECT_DOUBLE_EQ(p1.conversion_after, 0.0);
  EXPECT_DOUBLE_EQ(r.top_paths[2].share_of_customers, 20.0);  // C: 1 / 5
  // D1 completes on row 3; D buys on row 4, in its next session: 1 / 1.
  const auto& p4 = r.top_paths[3];
  EXPECT_EQ(p4.converted, 1u);
  EXPECT_DOUBLE_EQ(p4.conversion_after, 100.0);
  // Wilson 1/1, z = 1.96: centre (1 + z^2/2) / (1 + z^2) = 0.60328, half-width z sqrt(z^2/4) / (1 + z^2) = 0.39672.
  EXPECT_NEAR(p4.conversion_ci.low, 20.656, 0.01);
  EXPECT_NEAR(p4.conversion_ci.high, 100.0, 1e-9);
  EXPECT_EQ(r.top_paths[4].converted, 0u);  // D2 completes on row 5, after its purchase
}

TEST_F(PathsQueryTest, TransitionsIncludeStartAndExit) {
  kernels::PathsReport r = Run(PathsRequest{});
  EXPECT_EQ(Count(r, "(start)", "page_view"), 6u);  // every session but D2
  EXPECT_EQ(Count(r, "(start)", "purchase"), 1u);
  // page_view -> add_to_cart: A1, B1 and twice in D1 = 4 of page_view's 4 + 2 + 1 = 7 outgoing.
  EXPECT_EQ(Count(r, "page_view", "add_to_cart"), 4u);
  EXPECT_DOUBLE_EQ(Transition(r, "page_view", "add_to_cart")->share, 100.0 * 4 / 7);
  // From the step's last event: A 20 - 10 s (its folded views end at +10 s), B 0 s, D 60 s twice.
  EXPECT_DOUBLE_EQ(Transition(r, "page_view", "add_to_cart")->mean_time_s, (10.0 + 0 + 60 + 60) / 4);
  EXPECT_DOUBLE_EQ(Transition(r, "add_to_cart", "purchase")->mean_time_s, (10.0 + 0) / 2);
  EXPECT_TRUE(std::isnan(Transition(r, "page_view", "(exit)")->mean_time_s));
  EXPECT_EQ(Count(r, "page_view", "survey_response"), 2u);  // A2, E1
  EXPECT_EQ(Count(r, "page_view", "(exit)"), 1u);           // C1
  EXPECT_EQ(Count(r, "page_view", "page_view"), 0u);        // folded
  // add_to_cart: purchase 2, page_view 1, (exit) 1.
  EXPECT_DOUBLE_EQ(Transition(r, "add_to_cart", "purchase")->share, 50.0);
  EXPECT_DOUBLE_EQ(Transition(r, "add_to_cart", "(exit)")->share, 25.0);
  EXPECT_EQ(Count(r, "survey_response", "(exit)"), 3u);
  EXPECT_EQ(r.transitions[0].from, "(start)");  // the largest count first
  EXPECT_EQ(r.transitions.size(), 11u);
}

TEST_F(PathsQueryTest, TouchpointTableAndExits) {
  kernels::PathsReport r = Run(PathsRequest{});
  ASSERT_EQ(r.touchpoints.size(), 4u);
  const auto& pv = r.touchpoints[0];
  EXPECT_EQ(pv.touchpoint, "page_view");
  EXPECT_EQ(pv.events, 8u);  // A 3, B 1, C 1, D 2, E 1 (before folding)
  EXPECT_EQ(pv.customers, 5u);
  EXPECT_EQ(pv.journeys, 6u);
  EXPECT_EQ(pv.entries, 6u);
  EXPECT_EQ(pv.exits, 1u);
  EXPECT_DOUBLE_EQ(pv.exit_rate, 100.0 / 6);
  EXPECT_EQ(pv.converted_after, 3u);  // A, B, D buy after their first page view; C, E never
  EXPECT_DOUBLE_EQ(pv.conversion_after, 60.0);
  EXPECT_EQ(pv.csat_answers, 2u);  // A's 5 (satisfied) and E's 2
  EXPECT_DOUBLE_EQ(pv.csat, 50.0);
  EXPECT_EQ(pv.ces_answers, 1u);  // D's 6
  EXPECT_DOUBLE_EQ(pv.ces, 6.0);
  const auto& cart = r.touchpoints[1];  // 3 customers, 4 events
  EXPECT_EQ(cart.touchpoint, "add_to_cart");
  EXPECT_EQ(cart.events, 4u);
  EXPECT_EQ(cart.journeys, 3u);
  EXPECT_DOUBLE_EQ(cart.conversion_after, 100.0);  // B too: its purchase is stored after its cart
  EXPECT_DOUBLE_EQ(cart.csat, 100.0);              // only A answered csat
  EXPECT_DOUBLE_EQ(cart.exit_rate, 100.0 / 3);     // D1 ends on it
  const auto& purchase = r.touchpoints[2];          // ties with survey_response on 3 and 3: by label
  EXPECT_EQ(purchase.touchpoint, "purchase");
  EXPECT_EQ(purchase.entries, 1u);                  // D2
  EXPECT_DOUBLE_EQ(purchase.conversion_after, 0.0);  // nobody buys twice
  EXPECT_DOUBLE_EQ(purchase.exit_rate, 100.0 * 2 / 3);
  ASSERT_EQ(r.exits.size(), 4u);
  EXPECT_EQ(r.exits[0].touchpoint, "survey_response");  // 3 of 3 journeys end on it
  EXPECT_DOUBLE_EQ(r.exits[0].exit_rate, 100.0);
  EXPECT_EQ(r.exits[1].touchpoint, "purchase");
  EXPECT_EQ(r.exits[1].exits, 2u);
}

TEST_F(PathsQueryTest, SankeyByPositionAndFunnelChart) {
  kernels::PathsReport r = Run(PathsRequest{});
  EXPECT_EQ(r.sankey_nodes, (std::vector<std::string>{"1: page_view", "2: add_to_cart", "3: purchase", "4: (exit)",
                                                       "2: survey_response", "3: (exit)", "2: (exit)", "3: page_view",
                                                       "4: add_to_cart", "5: (exit)", "1: purchase"}));
  std::vector<std::tuple<size_t, size_t, uint64_t>> links;
  for (const auto& l : r.sankey_links) links.emplace_back(l.source, l.target, l.value);
  // 1: page_view -> 2: add_to_cart carries the 2 journeys of path 1 and D1's 1.
  EXPECT_EQ(links, (std::vector<std::tuple<size_t, size_t, uint64_t>>{
                       {0, 1, 3}, {1, 2, 2}, {2, 3, 2}, {0, 4, 2}, {4, 5, 3}, {0, 6, 1}, {1, 7, 1}, {7, 8, 1}, {8, 9, 1},
                       {10, 4, 1}}));
  // Customers whose path starts with page_view: A B C D E; then A B D; then A B.
  ASSERT_EQ(r.funnel_chart.size(), 3u);
  EXPECT_EQ(r.funnel_chart[0].customers, 5u);
  EXPECT_EQ(r.funnel_chart[1].step, "add_to_cart");
  EXPECT_EQ(r.funnel_chart[1].customers, 3u);
  EXPECT_EQ(r.funnel_chart[2].customers, 2u);
  const std::string json = report::Render(*report::PathsBody(r), report::OutputFormat::kJson);
  EXPECT_NE(json.find(R"("sankey":{"nodes":[{"name":"1: page_view"},{"name":"2: add_to_cart"})"), std::string::npos);
  EXPECT_NE(json.find(R"("links":[{"source":0,"target":1,"value":3})"), std::string::npos);
  EXPECT_NE(json.find(R"("funnel_chart":[{"step":"page_view","customers":5})"), std::string::npos);
  EXPECT_NE(report::Render(*report::PathsBody(r), report::OutputFormat::kTable).find("page_view > add_to_cart > purchase > (exit)"), std::string::npos);
}

TEST_F(PathsQueryTest, NoCollapseKeepsRepeats) {
  PathsRequest req;
  req.collapse = false;
  kernels::PathsReport r = Run(req);
  EXPECT_EQ(Count(r, "page_view", "page_view"), 1u);  // A's two views
  EXPECT_EQ(r.top_paths[0].path, (Path{"page_view", "survey_response"}));  // A1 is now pv,pv,cart,purchase
  EXPECT_EQ(r.touchpoints[0].events, 8u);
}

TEST_F(PathsQueryTest, StartAnchorsAtTheFirstOccurrence) {
  PathsRequest req;
  req.start = "add_to_cart";
  kernels::PathsReport r = Run(req);
  EXPECT_EQ(r.customers_with_path, 3u);  // A, B, D (sessions A1, B1, D1)
  ASSERT_EQ(Paths(r.top_paths), (std::vector<Path>{{"add_to_cart", "purchase"}, {"add_to_cart", "page_view", "add_to_cart"}}));
  EXPECT_DOUBLE_EQ(r.top_paths[0].share_of_customers, 100.0 * 2 / 3);
  EXPECT_EQ(r.top_paths[1].converted, 1u);  // D buys the next day
  EXPECT_EQ(r.sankey_nodes, (std::vector<std::string>{"1: add_to_cart", "2: purchase", "3: (exit)", "2: page_view",
                                                       "3: add_to_cart", "4: (exit)"}));
  // The transition matrix still describes whole journeys.
  EXPECT_EQ(Count(r, "(start)", "page_view"), 6u);
}

TEST_F(PathsQueryTest, EndAnchorsAndAlignsOnTheLastStep) {
  PathsRequest req;
  req.end = "purchase";
  req.depth = 2;
  kernels::PathsReport r = Run(req);
  // A1 and B1 end [add_to_cart, purchase] (depth 2 cuts the page view); D2 starts on its purchase.
  ASSERT_EQ(Paths(r.top_paths), (std::vector<Path>{{"add_to_cart", "purchase"}, {"purchase"}}));
  EXPECT_EQ(r.top_paths[0].ended, 0u);  // no exits before an end point
  EXPECT_EQ(r.customers_with_path, 3u);
  EXPECT_EQ(r.sankey_nodes, (std::vector<std::string>{"1: add_to_cart", "2: purchase"}));
  ASSERT_EQ(r.sankey_links.size(), 1u);
  EXPECT_EQ(r.sankey_links[0].value, 2u);
  ASSERT_EQ(r.funnel_chart.size(), 2u);
  EXPECT_EQ(r.funnel_chart[0].customers, 2u);
}

TEST_F(PathsQueryTest, CustomerScopeSpansSessions) {
  PathsRequest req;
  req.scope = "customer";
  kernels::PathsReport r = Run(req);
  EXPECT_EQ(r.journeys, 5u);
  // One path each, by label. D's six steps are cut at depth 5 (no exit).
  ASSERT_EQ(Paths(r.top_paths),
            (std::vector<Path>{{"page_view"},
                               {"page_view", "add_to_cart", "page_view", "add_to_cart", "purchase"},
                               {"page_view", "add_to_cart", "purchase"},
                               {"page_view", "add_to_cart", "purchase", "page_view", "survey_response"},
                               {"page_view", "survey_response"}}));
  EXPECT_EQ(r.top_paths[1].ended, 0u);
  EXPECT_EQ(r.top_paths[3].ended, 1u);  // A: exactly 5 steps
  EXPECT_EQ(Count(r, "purchase", "page_view"), 1u);  // A comes back
  EXPECT_EQ(Count(r, "purchase", "survey_response"), 1u);
  EXPECT_EQ(Count(r, "purchase", "(exit)"), 1u);  // B
  EXPECT_EQ(r.exits[0].touchpoint, "survey_response");
  EXPECT_EQ(r.exits[0].exits, 3u);  // A, D, E
}

TEST_F(PathsQueryTest, SessionTimeoutDecidesTheJourneys) {
  PathsRequest req;
  req.definitions.session_timeout_ms = 3 * kHour;  // A's 2 h gap no longer splits; D's day still does
  kernels::PathsReport r = Run(req);
  EXPECT_EQ(r.journeys, 6u);
  EXPECT_EQ(Count(r, "purchase", "page_view"), 1u);  // A1 + A2 as one session
  EXPECT_EQ(Count(r, "(start)", "page_view"), 5u);
}

TEST_F(PathsQueryTest, ChannelTouchpoints) {
  PathsRequest req;
  req.touchpoint = "channel:event";
  req.start = "ads:page_view";
  kernels::PathsReport r = Run(req);
  ASSERT_EQ(Paths(r.top_paths), (std::vector<Path>{{"ads:page_view", "ads:add_to_cart", "ads:purchase"}}));
  req.start = "page_view";  // any channel
  r = Run(req);
  EXPECT_EQ(r.customers_with_path, 5u);
  EXPECT_EQ(r.top_paths[0].path, (Path{"email:page_view", "survey_response"}));  // A2, E1: surveys carry no channel

  req = PathsRequest{};
  req.touchpoint = "channel";
  req.scope = "customer";
  r = Run(req);
  // Surveys have no channel and are no channel touchpoint. A: web, email; B ads; C web; D web; E email.
  ASSERT_EQ(Paths(r.top_paths), (std::vector<Path>{{"web"}, {"ads"}, {"email"}, {"web", "email"}}));
  EXPECT_EQ(r.top_paths[0].paths, 2u);
  const auto& web = r.touchpoints[0];
  EXPECT_EQ(web.touchpoint, "web");
  EXPECT_EQ(web.events, 10u);         // A 4, C 1, D 5
  EXPECT_EQ(web.converted_after, 2u);  // A, D (C never buys)
}

TEST_F(PathsQueryTest, ByCutsOnThePathsFirstEvent) {
  PathsRequest req;
  req.by = {"channel"};
  kernels::PathsReport r = Run(req);
  ASSERT_EQ(r.groups.size(), 3u);
  EXPECT_EQ(r.groups[0].key, "web");  // A1, C1, D1, D2: customers A, C, D
  EXPECT_EQ(r.groups[0].customers, 3u);
  EXPECT_EQ(r.groups[0].paths_counted, 4u);
  EXPECT_EQ(r.groups[1].key, "email");  // A2, E1
  EXPECT_EQ(r.groups[1].top_paths[0].path, (Path{"page_view", "survey_response"}));
  EXPECT_DOUBLE_EQ(r.groups[1].top_paths[0].share_of_customers, 100.0);
  EXPECT_EQ(r.groups[2].key, "ads");
}

TEST_F(PathsQueryTest, WhereAndEmptyResults) {
  PathsRequest req;
  req.where = {"event != 'survey_response'"};
  kernels::PathsReport r = Run(req);
  EXPECT_EQ(r.top_paths[0].path, (Path{"page_view"}));  // A2, C1, E1 without their surveys
  EXPECT_EQ(r.top_paths[0].paths, 3u);
  EXPECT_TRUE(r.touchpoints[0].csat_answers == 0);  // the answers are filtered out too

  req = PathsRequest{};
  req.from_ms = kT0 + 10 * kDay;
  req.to_ms = kT0 + 11 * kDay;
  r = Run(req);
  EXPECT_EQ(r.customers, 0u);
  EXPECT_TRUE(r.top_paths.empty());
  EXPECT_TRUE(r.sankey_nodes.empty());
  EXPECT_TRUE(r.funnel_chart.empty());
  EXPECT_NE(report::Render(*report::PathsBody(r), report::OutputFormat::kJson).find(R"("top_paths":[])"), std::string::npos);

  req = PathsRequest{};
  req.touchpoint = "page";  // no event has a page
  r = Run(req);
  EXPECT_EQ(r.journeys, 0u);
  EXPECT_TRUE(r.touchpoints.empty());
}

TEST_F(PathsQueryTest, BadArgumentsAreClearErrors) {
  auto fails = [&](PathsRequest req, const std::string& needle) {
    auto r = RunPaths(snapshot_, req);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find(needle), std::string::npos) << r.status().ToString();
  };
  PathsRequest req;
  req.depth = 0;
  fails(req, "--depth");
  req.depth = 17;
  fails(req, "--depth");
  req = PathsRequest{};
  req.start = "page_view";
  req.end = "purchase";
  fails(req, "not both");
  req = PathsRequest{};
  req.start = "pageview";
  fails(req, "no event 'pageview'");
  req = PathsRequest{};
  req.touchpoint = "channel:event";
  req.start = "tv:page_view";
  fails(req, "no channel 'tv'");
  req = PathsRequest{};
  req.touchpoint = "device";
  fails(req, "--touchpoint");
  req = PathsRequest{};
  req.scope = "week";
  fails(req, "--scope");
  req = PathsRequest{};
  req.definitions.conversion_events = {"order_completed"};
  req.named_events = {{"--conversion", "order_completed"}};
  fails(req, "--conversion");
  req = PathsRequest{};
  req.top = 0;
  fails(req, "--top");
  req = PathsRequest{};
  req.where = {"channel = "};
  EXPECT_FALSE(RunPaths(snapshot_, req).ok());
}

}  // namespace
}  // namespace touchpoint::engine
