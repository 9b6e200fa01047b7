// Recommendations end to end on a store with a known co-purchase structure:
// two product families bought together, and one item everybody buys. The
// holdout purchases are the family's other items, which item-to-item
// filtering finds and the most-popular baseline does not.
#include "engine/recommend_query.h"

#include <gtest/gtest.h>

#include "engine/ingest_job.h"
#include "report/recommend_format.h"
#include "store/store.h"
#include "util/file.h"
#include "store_fixture.h"
#include "test_util.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::LoadFixture;
using touchpoint::testing::TempDir;

constexpr int64_t kDay = 86400 * 1000LL;

// Purchases go through a CSV and the ingest pipeline, as a user's export would.
void Buy(std::string* csv, const std::string& customer, int64_t ts, const std::string& product) {
  *csv += FormatTimestamp(ts) + "," + customer + ",purchase,10," + product + "\n";
}

std::shared_ptr<const store::Snapshot> Ingest(const TempDir& dir, const std::string& csv) {
  EXPECT_TRUE(WriteFileSynced(dir.Sub("p.csv"), "timestamp,customer_id,event,revenue,product\n" + csv).ok());
  auto store = store::Store::Open(dir.Sub("store"), store::StoreOptions{});
  EXPECT_TRUE(store.ok());
  IngestRequest ingest;
  ingest.path = dir.Sub("p.csv");
  IngestResult loaded;
  EXPECT_TRUE(IngestFile(store->get(), ingest, &loaded).ok());
  return (*store)->GetSnapshot().value();
}

TEST(RecommendQuery, ItemToItemBeatsMostPopularOnTheHoldout) {
  TempDir dir;
  std::string b;
  const int64_t t0 = ParseTimestamp("2024-01-01", nullptr).value();
  // 40 customers per family; each buys the staple and two family items
  // before day 60, and a third family item on day 80 (the holdout is the
  // last 30 days of [0, 90)).
  for (int family = 0; family < 2; ++family) {
    const std::string f = family == 0 ? "book" : "game";
    for (int i = 0; i < 40; ++i) {
      const std::string id = f + std::to_string(i);
      Buy(&b, id, t0 + 1 * kDay, "staple");
      Buy(&b, id, t0 + 10 * kDay, f + std::to_string(i % 4));
      Buy(&b, id, t0 + 20 * kDay, f + std::to_string((i + 1) % 4));
      Buy(&b, id, t0 + 80 * kDay, f + std::to_string((i + 2) % 4));
    }
  }
  // The staple's fans: many customers buy only it, making it the most popular.
  for (int i = 0; i < 30; ++i) Buy(&b, "fan" + std::to_string(i), t0 + 5 * kDay, "staple");
  Buy(&b, "fan0", t0 + 90 * kDay - 1, "staple");
  auto snapshot = Ingest(dir, b);
  RecommendRequest req;
  auto r = RunRecommend(snapshot, req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->items, 9u);
  EXPECT_EQ(r->item_property, "product");
  EXPECT_EQ(r->evaluation.customers, 80u);
  // Item-to-item: the family's items are the neighbours, so every holdout
  // item is among them. Most popular: the 10 most bought items the customer
  // lacks include all 6 remaining family items of both families, so it hits
  // too here; with k = 1 it does not.
  EXPECT_DOUBLE_EQ(r->evaluation.hit_rate, 1.0);
  req.evaluate_k = 1;
  auto r1 = RunRecommend(snapshot, req);
  ASSERT_TRUE(r1.ok());
  EXPECT_GT(r1->evaluation.hit_rate, r1->evaluation.popular_hit_rate);
  // Recommendations for one customer: their family first, never what they own.
  req.customer = "book0";
  req.top = 3;
  auto one = RunRecommend(snapshot, req);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->customer_id.size(), 1u);
  ASSERT_EQ(one->recommendations[0].size(), 3u);
  EXPECT_EQ(one->recommendations[0][0], "book3");  // the one book item book0 lacks
  EXPECT_NE(report::Render(*report::RecommendBody(*one), report::OutputFormat::kJson).find("\"hit_rate\":"), std::string::npos);
  EXPECT_EQ(report::RecommendCustomersCsv(*one).substr(0, 36), "customer_id,rank,item\nbook0,1,book3\n");
}

TEST(RecommendQuery, NeedsAnItemProperty) {
  TempDir dir;
  EventBatch b;
  touchpoint::testing::AddEvent(&b, "A", 1000, "purchase", "", 5);
  auto r = RunRecommend(LoadFixture(dir.path(), b), RecommendRequest{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no `product` or `item` property"), std::string::npos);
}

}  // namespace
}  // namespace touchpoint::engine
