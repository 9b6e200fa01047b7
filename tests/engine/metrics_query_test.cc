// The measure catalogue end to end on a fixture whose every number was
// worked out by hand (the arithmetic is in the comments).
#include "engine/metrics_query.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <tuple>

#include "store/derived_table.h"
#include "store/load_writer.h"
#include "store/store.h"
#include "test_util.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::TempDir;

int64_t T(const char* iso) { return ParseTimestamp(iso, nullptr).value(); }

struct Row {
  const char* ts;
  const char* customer;
  const char* event;
  const char* channel = "";
  double revenue = kAbsent;
  const char* survey = "";
  double score = kAbsent;
};

// Commits `b` as one load of `store`.
void LoadBatch(store::Store* store, const EventBatch& b) {
  auto load = store->BeginLoad("fixture", 1, 1, false);
  ASSERT_TRUE(load.ok());
  ASSERT_TRUE((*load)->Add(b).ok());
  store::LoadEntry e;
  ASSERT_TRUE((*load)->Commit(&e).ok());
}

// A: two sessions (the 1800 s gap joins, the 1801 s gap splits; the second bounces).
// B: ads impression, click, page view, cart, purchase of 100: one session from
//    the click (the impression is inactive: in no session), 595 s.
// C: two impressions (ads, search) alone: no session, and not activity; a 60 s
//    abandoned-cart session; three survey answers in one 60 s session.
// D: two survey answers 10 s apart.
const Row kRows[] = {
    {"2024-03-01T10:00:00Z", "A", "page_view"},
    {"2024-03-01T10:30:00Z", "A", "page_view"},
    {"2024-03-01T11:00:01Z", "A", "page_view"},
    {"2024-03-02T09:00:00Z", "B", "impression", "ads"},
    {"2024-03-02T09:00:05Z", "B", "click", "ads"},
    {"2024-03-02T09:00:10Z", "B", "page_view", "web"},
    {"2024-03-02T09:05:00Z", "B", "add_to_cart", "web"},
    {"2024-03-02T09:10:00Z", "B", "purchase", "web", 100},
    {"2024-03-03T12:00:00Z", "C", "impression", "ads"},
    {"2024-03-03T12:00:00Z", "C", "impression", "search"},
    {"2024-03-05T08:00:00Z", "C", "page_view", "web"},
    {"2024-03-05T08:01:00Z", "C", "add_to_cart", "web"},
    {"2024-03-10T10:00:00Z", "C", "survey_response", "", kAbsent, "nps", 9},
    {"2024-03-10T10:00:30Z", "C", "survey_response", "", kAbsent, "csat", 4},
    {"2024-03-10T10:01:00Z", "C", "survey_response", "", kAbsent, "ces", 6},
    {"2024-03-04T10:00:00Z", "D", "survey_response", "", kAbsent, "nps", 3},
    {"2024-03-04T10:00:10Z", "D", "survey_response", "", kAbsent, "csat", 2},
};

class MetricsQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::Store::Open(dir_.path(), store::StoreOptions{});
    ASSERT_TRUE(store.ok());
    EventBatch b;
    for (const Row& r : kRows) {
      EventRow row;
      row.timestamp_ms = T(r.ts);
      row.customer_id = r.customer;
      row.event = r.event;
      row.channel = r.channel;
      row.revenue = r.revenue;
      row.survey = r.survey;
      row.score = r.score;
      b.Append(row);
    }
    LoadBatch(store->get(), b);
    auto snap = (*store)->GetSnapshot();
    ASSERT_TRUE(snap.ok());
    snapshot_ = *snap;
  }

  kernels::MetricsReport Run(MetricsRequest req) {
    req.from_ms = T("2024-03-01T00:00:00Z");
    req.to_ms = T("2024-04-01T00:00:00Z");
    auto r = RunMetrics(snapshot_, req);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : kernels::MetricsReport{};
  }

  static double V(const kernels::MetricSet& s, const char* name) {
    const kernels::MetricValue* v = s.Find(name);
    EXPECT_NE(v, nullptr) << name;
    return v ? v->value : NAN;
  }

  TempDir dir_;
  std::shared_ptr<const store::Snapshot> snapshot_;
};

TEST_F(MetricsQueryTest, EveryMeasureMatchesTheHandComputation) {
  kernels::MetricsReport r = Run(MetricsRequest{});
  const auto& m = r.metrics;
  EXPECT_EQ(V(m, "events"), 17);
  EXPECT_EQ(V(m, "customers"), 4);
  EXPECT_EQ(V(m, "visitors"), 3);             // A, B, C viewed a page
  EXPECT_EQ(V(m, "sessions"), 6);             // A 2, B 1, C 2, D 1
  EXPECT_NEAR(V(m, "ctr"), 100.0 / 3, 1e-9);  // 1 click / 3 impressions
  EXPECT_NEAR(V(m, "bounce_rate"), 25, 1e-9);  // A's 11:00:01 session, of 4 with a page view
  EXPECT_NEAR(V(m, "conversion_rate"), 25, 1e-9);  // B of 4
  EXPECT_NEAR(V(m, "session_conversion_rate"), 100.0 / 6, 1e-9);
  // (1800 + 0 + 595 + 60 + 60 + 10) / 6 sessions.
  EXPECT_NEAR(V(m, "avg_session_duration_s"), 2525.0 / 6, 1e-9);
  EXPECT_NEAR(V(m, "csat"), 50, 1e-9);  // 4 satisfied, 2 not
  EXPECT_NEAR(V(m, "nps"), 0, 1e-9);    // one promoter (9), one detractor (3)
  EXPECT_NEAR(V(m, "ces"), 6, 1e-9);
  EXPECT_NEAR(V(m, "cart_abandonment_rate"), 50, 1e-9);  // C's cart, of B's and C's
  EXPECT_NEAR(V(m, "revenue"), 100, 1e-9);
  EXPECT_EQ(V(m, "new_customers"), 4);
  // No activation event in the store: not applicable, not 0.
  EXPECT_TRUE(std::isnan(V(m, "activation_rate")));
  EXPECT_EQ(m.Find("activation_rate")->not_applicable, "not applicable: the store has no activation events");
  EXPECT_NEAR(V(m, "engagement_rate"), 100, 1e-9);
  EXPECT_NEAR(V(m, "active_days"), 1.25, 1e-9);  // A 1, B 1, C 2 (not the impressions' day), D 1 days
  EXPECT_NEAR(V(m, "dau"), 5.0 / 31, 1e-9);
  EXPECT_TRUE(std::isnan(V(m, "churn_rate")));  // nobody was active in February
  // No month after March to see a purchaser stay or leave: no lifespan, no historic CLV.
  EXPECT_TRUE(std::isnan(V(m, "clv_historic")));
  EXPECT_NEAR(V(m, "revenue_per_customer"), 25, 1e-9);  // 100 over 4 customers
  EXPECT_NEAR(V(m, "repeat_purchase_rate"), 0, 1e-9);   // B bought on one day
  const kernels::MetricValue* bounce = m.Find("bounce_rate");
  EXPECT_EQ(bounce->numerator, 1);
  EXPECT_EQ(bounce->denominator, 4);
  ASSERT_TRUE(bounce->ci95.has_value());
  ASSERT_TRUE(bounce->benchmark.has_value());
  EXPECT_EQ(bounce->benchmark->band, "too few");  // 4 sessions: no verdict (issue 12)
}

TEST_F(MetricsQueryTest, ByChannelCutsEventMeasures) {
  MetricsRequest req;
  req.by = {"channel"};
  kernels::MetricsReport r = Run(req);
  const kernels::GroupMetrics* ads = nullptr;
  const kernels::GroupMetrics* search = nullptr;
  for (const auto& g : r.groups) {
    if (g.key == "ads") ads = &g;
    if (g.key == "search") search = &g;
  }
  ASSERT_NE(ads, nullptr);
  ASSERT_NE(search, nullptr);
  EXPECT_NEAR(V(ads->metrics, "ctr"), 50, 1e-9);  // B's click of B's and C's ads impressions
  EXPECT_NEAR(V(search->metrics, "ctr"), 0, 1e-9);
  EXPECT_EQ(V(ads->metrics, "events"), 3);
  EXPECT_EQ(V(r.metrics, "events"), 17);  // the all-groups row still sums everything
  EXPECT_NEAR(V(r.metrics, "ctr"), 100.0 / 3, 1e-9);
}

// Issue 12: customer measures split by the customer's first non-empty value
// in the range among its own actions (the acquisition channel), so each
// customer is in one group and the groups add up: A and D have no channel
// (""), B came by an ads click (its earlier ads impression is not its own
// action), C by a web page view. Event measures stay with the event's value.
TEST_F(MetricsQueryTest, ByChannelPutsEachCustomerInOneGroup) {
  MetricsRequest req;
  req.by = {"channel"};
  kernels::MetricsReport r = Run(req);
  std::map<std::string, double> customers, conversion, events, sessions;
  double total = 0;
  for (const auto& g : r.groups) {
    customers[g.key] = V(g.metrics, "customers");
    conversion[g.key] = V(g.metrics, "conversion_rate");
    events[g.key] = V(g.metrics, "events");
    sessions[g.key] = V(g.metrics, "sessions");
    total += customers[g.key];
  }
  EXPECT_EQ(total, V(r.metrics, "customers"));
  EXPECT_EQ(customers, (std::map<std::string, double>{{"", 2}, {"ads", 1}, {"search", 0}, {"web", 1}}));
  EXPECT_EQ(conversion["ads"], 100);  // B
  EXPECT_EQ(conversion[""], 0);
  EXPECT_EQ(events["ads"], 3);  // the two ads impressions and B's click
  // Sessions by their first event's channel: B's starts at the ads click,
  // C's cart session on web; A's, C's survey and D's sessions have none.
  EXPECT_EQ(sessions, (std::map<std::string, double>{{"", 4}, {"ads", 1}, {"search", 0}, {"web", 1}}));
  // Every measure by each event's value instead (--by-scope event): a
  // customer counts in every channel it touched.
  req.by_scope = kernels::CutScope::kEvent;
  r = Run(req);
  double per_event = 0;
  for (const auto& g : r.groups) per_event += V(g.metrics, "customers");
  // A ""; B ads (click) and web; C web and "" (its surveys); D "". The
  // impressions are not the customers' own actions (inactive events).
  EXPECT_EQ(per_event, 6);
}

// Issue 12: with each customer in one group, the shift-share contributions
// of --compare --by add up to each rate's change (docs/metrics.md).
TEST_F(MetricsQueryTest, ChangeContributionsAddUp) {
  MetricsRequest req;
  req.by = {"channel"};
  req.from_ms = T("2024-03-04T00:00:00Z");
  req.to_ms = T("2024-03-11T00:00:00Z");
  req.compare = "2024-03-01..2024-03-04";
  auto r = RunMetrics(snapshot_, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // engagement_rate has no groups (its denominator counts customers who did
  // nothing in the range), so no contributions either.
  for (const auto& c : r->changes) EXPECT_NE(c.measure, "engagement_rate");
  size_t decomposed = 0;
  for (const char* measure : {"conversion_rate", "bounce_rate", "session_conversion_rate"}) {
    const kernels::MetricValue* total = r->metrics.Find(measure);
    ASSERT_TRUE(total->compare.has_value()) << measure;
    if (!std::isfinite(total->compare->change)) continue;
    double sum = 0;
    for (const auto& c : r->changes) {
      if (c.measure == measure) sum += c.total();
    }
    EXPECT_NEAR(sum, total->compare->change, 1e-9) << measure;
    ++decomposed;
  }
  EXPECT_EQ(decomposed, 3u);
}

// Whether timestamps carry a time of day is read from the data scanned, not
// from what a filter leaves: one event still has its session measures.
TEST_F(MetricsQueryTest, AFilterKeepsTheSessionMeasures) {
  MetricsRequest req;
  req.where = {"event = 'purchase'"};
  kernels::MetricsReport r = Run(req);
  EXPECT_EQ(V(r.metrics, "sessions"), 1);  // B's purchase alone
  EXPECT_NEAR(V(r.metrics, "avg_session_duration_s"), 0, 1e-9);
  EXPECT_EQ(r.metrics.Find("avg_session_duration_s")->not_applicable, "");
}

// Issue 12: a purchases-only store of dates without times (as CDNOW):
// session measures, conversion and activation are not applicable, with the
// reason, instead of 0 s, 100% and 0%.
TEST(MetricsQueryDateOnly, MeasuresThatDoNotApplySayWhy) {
  TempDir dir;
  auto store = store::Store::Open(dir.path(), store::StoreOptions{});
  ASSERT_TRUE(store.ok());
  EventBatch b;
  for (auto [day, customer, revenue] : {std::tuple{"2024-01-01", "A", 10.0}, {"2024-01-05", "A", 20.0},
                                        {"2024-01-05", "A", 5.0}, {"2024-01-02", "B", 30.0},
                                        {"2024-01-02", "C", 7.0}, {"2024-02-02", "C", 1.0}}) {
    EventRow row;
    row.timestamp_ms = T((std::string(day) + "T00:00:00Z").c_str());
    row.customer_id = customer;
    row.event = "purchase";
    row.revenue = revenue;
    b.Append(row);
  }
  LoadBatch(store->get(), b);
  auto r = RunMetrics((*store)->GetSnapshot().value(), MetricsRequest{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const kernels::MetricSet& m = r->metrics;
  EXPECT_FALSE(m.Find("bounce_rate")->not_applicable.empty());  // no page views either
  for (const char* name : {"sessions", "avg_session_duration_s", "session_conversion_rate"}) {
    ASSERT_NE(m.Find(name), nullptr) << name;
    EXPECT_TRUE(std::isnan(m.Find(name)->value)) << name;
    EXPECT_EQ(m.Find(name)->not_applicable, "not applicable: timestamps have no time of day") << name;
  }
  EXPECT_EQ(m.Find("conversion_rate")->not_applicable,
            "not applicable: every customer is known only by a conversion event");
  EXPECT_EQ(m.Find("activation_rate")->not_applicable, "not applicable: the store has no activation events");
  EXPECT_EQ(m.Find("csat")->not_applicable, "not applicable: the store has no csat survey answers");
  // A bought on two days, C on two, B on one: 2 of 3.
  EXPECT_NEAR(m.Find("repeat_purchase_rate")->value, 200.0 / 3, 1e-9);
  EXPECT_EQ(m.Find("repeat_purchase_rate")->not_applicable, "");
  EXPECT_NEAR(m.Find("revenue_per_customer")->value, 73.0 / 3, 1e-9);
}

// Issue 11: a daily series by channel over five decades (one customer in
// 1975, one in 2024) costs the periods that have data, not the calendar
// span x groups: every day is in the all-customers series, and a group's
// series lists only the days it has data in (events, or a churn base).
TEST(MetricsQuerySpan, AGroupsSeriesFollowsItsData) {
  TempDir dir;
  auto store = store::Store::Open(dir.path(), store::StoreOptions{});
  ASSERT_TRUE(store.ok());
  EventBatch b;
  for (auto [ts, customer, channel] : {std::tuple{"1975-06-01T10:00:00Z", "Z", "old"},
                                       {"2024-03-01T10:00:00Z", "W", "web"},
                                       {"2024-03-03T10:00:00Z", "W", "web"}}) {
    EventRow row;
    row.timestamp_ms = T(ts);
    row.customer_id = customer;
    row.event = "page_view";
    row.channel = channel;
    b.Append(row);
  }
  LoadBatch(store->get(), b);
  MetricsRequest req;
  req.from_ms = T("1975-01-01T00:00:00Z");
  req.to_ms = T("2024-04-01T00:00:00Z");
  req.interval = kernels::Interval::kDay;
  req.by = {"channel"};
  auto r = RunMetrics((*store)->GetSnapshot().value(), req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const int64_t days = (*req.to_ms - *req.from_ms) / 86400000;  // 17,987
  ASSERT_EQ(r->series.size(), static_cast<size_t>(days));
  EXPECT_EQ(r->series.front().period, "1975-01-01");
  EXPECT_EQ(r->series.back().period, "2024-03-31");
  std::map<std::string, std::vector<std::string>> periods;
  for (const auto& g : r->groups) {
    for (const auto& p : g.series) periods[g.key].push_back(p.period);
  }
  // The day after each active day carries that day's churn base.
  EXPECT_EQ(periods["old"], (std::vector<std::string>{"1975-06-01", "1975-06-02"}));
  EXPECT_EQ(periods["web"], (std::vector<std::string>{"2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"}));
  for (const auto& g : r->groups) {
    if (g.key != "web") continue;
    EXPECT_EQ(g.series[1].metrics.Find("events")->value, 0);
    EXPECT_EQ(g.series[1].metrics.Find("churn_rate")->value, 100);  // W on the 1st, not the 2nd
    EXPECT_EQ(g.metrics.Find("events")->value, 2);
  }
}

TEST_F(MetricsQueryTest, WhereFiltersEvents) {
  MetricsRequest req;
  req.where = {"channel = 'ads'"};
  kernels::MetricsReport r = Run(req);
  EXPECT_EQ(V(r.metrics, "events"), 3);
  EXPECT_NEAR(V(r.metrics, "ctr"), 50, 1e-9);
  req.where = {"revenue >= 100"};
  r = Run(req);
  EXPECT_EQ(V(r.metrics, "events"), 1);
}

TEST_F(MetricsQueryTest, DerivedColumnsCutAndFilterAndGoStale) {
  store::DerivedColumn segment{"segment", snapshot_->data_stamp, {{"A", "vip"}, {"B", "vip"}, {"C", "basic"}}};
  ASSERT_TRUE(store::DerivedTable::Write(dir_.path(), segment).ok());
  MetricsRequest req;
  req.by = {"derived:segment"};
  kernels::MetricsReport r = Run(req);
  std::map<std::string, double> events;
  for (const auto& g : r.groups) events[g.key] = V(g.metrics, "events");
  EXPECT_EQ(events["vip"], 8);    // A 3 + B 5
  EXPECT_EQ(events["basic"], 7);  // C
  EXPECT_EQ(events[""], 2);       // D has no value
  EXPECT_TRUE(r.header.stale_derived.empty());
  req.by.clear();
  req.where = {"derived:segment = 'vip'"};
  r = Run(req);
  EXPECT_EQ(V(r.metrics, "events"), 8);
  segment.data_stamp = "v0";  // computed from other data
  ASSERT_TRUE(store::DerivedTable::Write(dir_.path(), segment).ok());
  r = Run(req);
  EXPECT_EQ(r.header.stale_derived, std::vector<std::string>{"segment"});
}

TEST_F(MetricsQueryTest, PresetsChangeBounceAndSessions) {
  MetricsRequest req;
  // GA4: impressions leave sessions (C's impression-only session goes: 6);
  // a session bounces when under 10 s with no key event and one page view: only A's second.
  kernels::ApplyPreset(kernels::Preset::kGa4, &req.definitions);
  kernels::MetricsReport r = Run(req);
  EXPECT_EQ(V(r.metrics, "sessions"), 6);
  EXPECT_NEAR(V(r.metrics, "bounce_rate"), 100.0 / 6, 1e-9);
  // Plausible: one page view and nothing interactive; of sessions with a page view (4).
  req.definitions = kernels::Definitions{};
  kernels::ApplyPreset(kernels::Preset::kPlausible, &req.definitions);
  r = Run(req);
  EXPECT_NEAR(V(r.metrics, "bounce_rate"), 25, 1e-9);
  // Matomo: at most one action, of all sessions.
  req.definitions = kernels::Definitions{};
  kernels::ApplyPreset(kernels::Preset::kMatomo, &req.definitions);
  r = Run(req);
  EXPECT_NEAR(V(r.metrics, "bounce_rate"), 100.0 / 6, 1e-9);
}

TEST_F(MetricsQueryTest, WeeklySeriesSplitsByIsoWeek) {
  MetricsRequest req;
  req.interval = kernels::Interval::kWeek;
  kernels::MetricsReport r = Run(req);
  // March 2024 starts on a Friday: weeks W09 (Feb 26-Mar 3), W10, W11, W12, W13, W14 (Apr 1 excluded).
  ASSERT_EQ(r.series.size(), 5u);
  EXPECT_EQ(r.series[0].period, "2024-W09");
  EXPECT_EQ(V(r.series[0].metrics, "events"), 10);  // Mar 1-3: A 3, B 5, C 2
  EXPECT_EQ(V(r.series[1].metrics, "events"), 7);   // Mar 4-10: D 2, C 5
  EXPECT_EQ(V(r.series[1].metrics, "new_customers"), 2);  // D, and C (first active Mar 5, not at its impressions)
}

}  // namespace
}  // namespace touchpoint::engine
