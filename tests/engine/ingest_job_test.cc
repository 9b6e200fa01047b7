// The ingest pipeline: file in, one load, rejected rows kept with their
// reasons, the same file refused twice, event ids idempotent, and every
// field back out of the scan as it went in.
#include "engine/ingest_job.h"

#include <gtest/gtest.h>

#include <cmath>

#include "store/part_batch.h"
#include "store/store.h"
#include "test_util.h"
#include "util/file.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::TempDir;

constexpr const char* kCsv =
    "timestamp,customer_id,event,event_id,session_id,channel,campaign,page,revenue,survey,score,comment,feature,device\n"
    "2024-03-01T10:00:00.250Z,c1,page_view,e1,s1,web,spring,/pricing,,,,,,mobile\n"
    "2024-03-01T10:05:00+01:00,c1,order_completed,e2,s1,web,spring,/checkout,49.90,,,,,mobile\n"
    "2024-03-01,c2,survey_response,e3,,email,,,,nps,9,\"Great, \"\"really\"\" fast\nand friendly\",,desktop\n"
    "not-a-time,c3,page_view,e4,,web,,,,,,,,\n"
    "2024-03-02T00:00:00Z,c4,survey_response,e5,,,,,,csat,7,,,\n"
    "1709337600,c5,feature_use,e6,,app,,,,,,,export,tablet\n";

std::unique_ptr<store::Store> OpenStore(const std::string& dir) {
  auto s = store::Store::Open(dir, store::StoreOptions{});
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return std::move(s).value();
}

EventBatch AllRows(const store::Store& store) {
  auto snap = store.GetSnapshot();
  EXPECT_TRUE(snap.ok());
  EventBatch out;
  store::DecodeContext ctx;
  for (const auto& p : (*snap)->parts) {
    for (size_t b = 0; b < p->blocks().size(); ++b) EXPECT_TRUE(store::ReadBlockAsBatch(*p, b, &ctx, &out).ok());
  }
  return out;
}

TEST(IngestFile, LoadsGoodRowsKeepsBadOnesAndMapsNames) {
  TempDir dir;
  ASSERT_TRUE(WriteFileSynced(dir.Sub("events.csv"), kCsv).ok());
  auto store = OpenStore(dir.Sub("store"));
  IngestRequest req;
  req.path = dir.Sub("events.csv");
  ASSERT_TRUE(req.read.mapping.AddRule("event:order_completed=purchase").ok());
  IngestResult result;
  Status s = IngestFile(store.get(), req, &result);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(result.load.accepted, 4u);
  EXPECT_EQ(result.load.rejected, 2u);  // the bad timestamp; CSAT 7 out of 1-5
  EventBatch rows = AllRows(*store);
  ASSERT_EQ(rows.size(), 4u);
  bool saw_purchase = false, saw_comment = false;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows.event.Get(i) == "purchase") {
      saw_purchase = true;
      EXPECT_EQ(rows.timestamp_ms[i], ParseTimestamp("2024-03-01T09:05:00Z", nullptr).value());
      EXPECT_DOUBLE_EQ(rows.revenue[i], 49.90);
      EXPECT_EQ(rows.page.Get(i), "/checkout");
      EXPECT_EQ(rows.session_id.Get(i), "s1");
    }
    if (rows.customer_id.Get(i) == "c2") {
      saw_comment = true;
      EXPECT_EQ(rows.comment.Get(i), "Great, \"really\" fast\nand friendly");
      EXPECT_EQ(rows.score[i], 9);
      EXPECT_EQ(rows.timestamp_ms[i], ParseTimestamp("2024-03-01T00:00:00Z", nullptr).value());
    }
    if (rows.customer_id.Get(i) == "c5") {
      EXPECT_EQ(rows.timestamp_ms[i], 1709337600000);  // seconds, below 1e11
      EXPECT_EQ(rows.feature.Get(i), "export");
      ASSERT_EQ(rows.properties.size(), 1u);
      EXPECT_EQ(rows.properties[0].name, "device");
      EXPECT_EQ(rows.properties[0].values.Get(i), "tablet");
    }
  }
  EXPECT_TRUE(saw_purchase);
  EXPECT_TRUE(saw_comment);
  // Rejected rows name file, line and column.
  auto names = ListDir(dir.Sub("store/rejected"));
  ASSERT_TRUE(names.ok());
  ASSERT_EQ(names->size(), 1u);
  auto text = ReadFileToString(dir.Sub("store/rejected/" + names->front()));
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("\"line\":6"), std::string::npos) << *text;  // not-a-time (line 6: the quoted newline)
  EXPECT_NE(text->find("\"column\":\"timestamp\""), std::string::npos) << *text;
  EXPECT_NE(text->find("\"column\":\"score\""), std::string::npos) << *text;
  EXPECT_NE(text->find("events.csv"), std::string::npos);
}

TEST(IngestFile, TheSameFileTwiceIsRefusedUnlessForcedAndIdsStayUnique) {
  TempDir dir;
  ASSERT_TRUE(WriteFileSynced(dir.Sub("events.csv"), kCsv).ok());
  auto store = OpenStore(dir.Sub("store"));
  IngestRequest req;
  req.path = dir.Sub("events.csv");
  IngestResult first, second, third;
  ASSERT_TRUE(IngestFile(store.get(), req, &first).ok());
  Status again = IngestFile(store.get(), req, &second);
  EXPECT_EQ(again.code(), Status::Code::kAlreadyExists);
  req.force = true;
  ASSERT_TRUE(IngestFile(store.get(), req, &third).ok());
  EXPECT_EQ(third.load.accepted, 0u);
  EXPECT_EQ(third.load.duplicates, 4u);
  EXPECT_EQ(AllRows(*store).size(), 4u);
}

TEST(IngestFile, MissingFileIsAnErrorNamingIt) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  IngestRequest req;
  req.path = dir.Sub("nope.csv");
  IngestResult r;
  Status s = IngestFile(store.get(), req, &r);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("nope.csv"), std::string::npos);
}

}  // namespace
}  // namespace touchpoint::engine
