// The ingest pipeline: file in, one load, rejected rows kept with their
// reasons, the same file refused twice, event ids idempotent, and every
// field back out of the scan as it went in.
#include "engine/ingest_job.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <optional>
#include <thread>

#include "store/part_batch.h"
#include "store/store.h"
#include "test_util.h"
#include "util/file.h"
#include "util/json_string.h"
#include "util/time.h"
#include "util/utf8.h"

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

// Issue 11 item 6: a pipe read as empty (the whole-file hash drained it).
// /dev/fd/N of a pipe opens the same pipe again, as <(cat f) does.
TEST(IngestFile, APipeIsReadOnceAndARepeatIsFoundAtCommit) {
  TempDir dir;
  ASSERT_TRUE(WriteFileSynced(dir.Sub("events.csv"), kCsv).ok());
  auto store = OpenStore(dir.Sub("store"));
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    const std::string text = kCsv;
    EXPECT_EQ(::write(fds[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ::close(fds[1]);
  });
  IngestRequest req;
  req.path = "/dev/fd/" + std::to_string(fds[0]);
  IngestResult piped;
  Status s = IngestFile(store.get(), req, &piped);
  writer.join();
  ::close(fds[0]);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(piped.load.accepted, 4u);
  EXPECT_EQ(piped.load.rejected, 2u);
  // The same content again, from a file and from a gzip copy: repeats,
  // found by the hash taken while parsing; nothing is committed.
  const size_t loads = store->manifest().loads.size();
  ASSERT_EQ(std::system(("gzip -c " + dir.Sub("events.csv") + " > " + dir.Sub("copy.csv.gz")).c_str()), 0);
  for (const char* name : {"events.csv", "copy.csv.gz"}) {
    IngestRequest again;
    again.path = dir.Sub(name);
    IngestResult r;
    EXPECT_EQ(IngestFile(store.get(), again, &r).code(), Status::Code::kAlreadyExists) << name;
  }
  EXPECT_EQ(store->manifest().loads.size(), loads);
  EXPECT_EQ(ListDir(dir.Sub("store/parts"))->size(), 1u);
}

// Issue 11 item 9: loads with nothing in them are errors, not recorded.
TEST(IngestFile, LoadsWithNothingInThemAreErrorsAndNotRecorded) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_TRUE(WriteFileSynced(dir.Sub("events.csv"), kCsv).ok());
  IngestRequest wrong;
  wrong.path = dir.Sub("events.csv");
  wrong.read.format = ingest::InputFormat::kNdjson;  // every line rejected
  IngestResult r;
  Status s = IngestFile(store.get(), wrong, &r);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("none of the 8 rows"), std::string::npos) << s.message();
  EXPECT_TRUE(store->manifest().loads.empty());
  EXPECT_TRUE(ListDir(dir.Sub("store/rejected"))->empty());
  IngestRequest right;
  right.path = dir.Sub("events.csv");
  IngestResult ok;
  ASSERT_TRUE(IngestFile(store.get(), right, &ok).ok());  // not blocked as a repeat
  EXPECT_EQ(ok.load.accepted, 4u);
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"empty.ndjson", ""}, {"blank.ndjson", "\n  \n"}, {"empty.csv", ""}, {"header.csv", "timestamp,customer_id,event\n"}}) {
    ASSERT_TRUE(WriteFileSynced(dir.Sub(name), text).ok());
    IngestRequest req;
    req.path = dir.Sub(name);
    IngestResult res;
    Status e = IngestFile(store.get(), req, &res);
    EXPECT_FALSE(e.ok()) << name;
    EXPECT_NE(e.message().find(name), std::string::npos) << e.message();
  }
  EXPECT_EQ(store->manifest().loads.size(), 1u);
}

// Issue 11 item 12: a directory said only "IO error: read in/adir".
TEST(IngestFile, ADirectoryIsNamedAsSuch) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_TRUE(CreateDirIfMissing(dir.Sub("adir")).ok());
  IngestRequest req;
  req.path = dir.Sub("adir");
  IngestResult r;
  Status s = IngestFile(store.get(), req, &r);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("is a directory"), std::string::npos) << s.message();
}

// Issue 11 item 12: raw invalid bytes went into rejected/*.ndjson. Every
// line is now valid JSON and UTF-8, and names the row's customer.
TEST(IngestFile, RejectedRowsAreValidJsonWithTheirCustomer) {
  TempDir dir;
  auto store = OpenStore(dir.Sub("store"));
  ASSERT_TRUE(WriteFileSynced(dir.Sub("a.csv"), std::string("timestamp,customer_id,event\n2024-01-01,c1,x\n"
                                                            "bad\xff\x01time,c\"2,x\n")).ok());
  IngestRequest req;
  req.path = dir.Sub("a.csv");
  IngestResult r;
  ASSERT_TRUE(IngestFile(store.get(), req, &r).ok());
  auto names = ListDir(dir.Sub("store/rejected"));
  ASSERT_EQ(names->size(), 1u);
  const std::string line = ReadFileToString(dir.Sub("store/rejected/" + names->front())).value();
  EXPECT_TRUE(IsValidUtf8(line));
  EXPECT_NE(line.find("bad\xEF\xBF\xBD\\u0001time"), std::string::npos) << line;
  EXPECT_EQ(JsonStringField(line, "customer_id"), std::optional<std::string>("c\"2"));
  EXPECT_EQ(std::system(("python3 -c 'import json,sys; json.loads(open(sys.argv[1]).read())' " + dir.Sub("store/rejected/" +
                                                                                                       names->front())).c_str()),
            0);
}

// Issue 11 item 11: ingest time grew with the square of the column count
// (40k columns 8.4 s, 100k 59 s; the lookup of a property by name scanned
// every column). 20,000 properties, every value back in its column.
TEST(IngestFile, TwentyThousandColumns) {
  TempDir dir;
  constexpr int kColumns = 20000;
  std::string text = "timestamp,customer_id,event";
  for (int c = 0; c < kColumns; ++c) text += ",p" + std::to_string(c);
  text += "\n";
  for (int row = 0; row < 3; ++row) {
    text += "2024-01-0" + std::to_string(row + 1) + ",c" + std::to_string(row) + ",x";
    for (int c = 0; c < kColumns; ++c) text += "," + std::to_string(c * 10 + row);
    text += "\n";
  }
  ASSERT_TRUE(WriteFileSynced(dir.Sub("wide.csv"), text).ok());
  auto store = OpenStore(dir.Sub("store"));
  IngestRequest req;
  req.path = dir.Sub("wide.csv");
  IngestResult r;
  ASSERT_TRUE(IngestFile(store.get(), req, &r).ok());
  EXPECT_EQ(r.load.accepted, 3u);
  EventBatch rows = AllRows(*store);
  ASSERT_EQ(rows.properties.size(), static_cast<size_t>(kColumns));
  for (const PropertyColumn& p : rows.properties) {
    const int c = std::stoi(p.name.substr(1));
    for (size_t i = 0; i < rows.size(); ++i) {
      const int row = rows.customer_id.Get(i)[1] - '0';
      ASSERT_EQ(p.values.Get(i), std::to_string(c * 10 + row)) << p.name;
    }
  }
}

}  // namespace
}  // namespace touchpoint::engine
