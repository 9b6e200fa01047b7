#include "demo/demo_generator.h"

#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "demo/demo_test_util.h"
#include "test_util.h"
#include "util/file.h"
#include "util/time.h"

namespace touchpoint::demo {
namespace {

using testing::ReadAll;
using testing::SplitCsv;
using Records = std::vector<std::vector<std::string>>;

enum Column {
  kTs,
  kCustomer,
  kEvent,
  kEventId,
  kSession,
  kChannel,
  kCampaign,
  kPage,
  kRevenue,
  kSurvey,
  kScore,
  kComment,
  kFeature,
  kDevice,
  kCountry,
  kColumns
};

std::string Generate(const touchpoint::testing::TempDir& dir, const std::string& name, DemoOptions options,
                     DemoStats* stats = nullptr) {
  const std::string path = dir.Sub(name);
  Status s = GenerateDemo(options, path, stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return ReadAll(path);
}

Records ParseCsv(const std::string& text) {
  bool ok = false;
  Records records = SplitCsv(text, &ok);
  EXPECT_TRUE(ok);
  return records;
}

// One 100k-row file shared by the content tests.
class DemoGenerator : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new touchpoint::testing::TempDir();
    DemoOptions options;
    options.events = 100000;
    text_ = new std::string(Generate(*dir_, "demo.csv", options, &stats_));
    records_ = new Records(ParseCsv(*text_));
  }
  static void TearDownTestSuite() {
    delete records_;
    delete text_;
    delete dir_;
  }
  static touchpoint::testing::TempDir* dir_;
  static std::string* text_;
  static Records* records_;
  static DemoStats stats_;
};
touchpoint::testing::TempDir* DemoGenerator::dir_ = nullptr;
std::string* DemoGenerator::text_ = nullptr;
Records* DemoGenerator::records_ = nullptr;
DemoStats DemoGenerator::stats_;

TEST_F(DemoGenerator, WritesHeaderAndExactlyTheRequestedRows) {
  ASSERT_EQ(records_->size(), 100001u);
  const std::vector<std::string> header = {"timestamp", "customer_id", "event",   "event_id", "session_id",
                                           "channel",   "campaign",    "page",    "revenue",  "survey",
                                           "score",     "comment",     "feature", "device",   "country"};
  EXPECT_EQ((*records_)[0], header);
  EXPECT_EQ(stats_.events, 100000u);
  EXPECT_EQ(stats_.bytes, text_->size());
  EXPECT_EQ(stats_.raw_bytes, text_->size());
  std::set<std::string> customers;
  for (size_t i = 1; i < records_->size(); ++i) customers.insert((*records_)[i][kCustomer]);
  EXPECT_EQ(stats_.customers, customers.size());
  EXPECT_GT(customers.size(), 500u);
}

TEST_F(DemoGenerator, EveryRowParsesWithAllColumns) {
  size_t quoted_comments = 0;
  std::set<std::string> event_ids;
  for (size_t i = 1; i < records_->size(); ++i) {
    const auto& r = (*records_)[i];
    ASSERT_EQ(r.size(), static_cast<size_t>(kColumns)) << "row " << i;
    Result<int64_t> ts = ParseTimestamp(r[kTs], nullptr);
    ASSERT_TRUE(ts.ok()) << r[kTs];
    EXPECT_EQ(FormatTimestamp(*ts), r[kTs]);  // ISO-8601 UTC with milliseconds and Z
    EXPECT_EQ(r[kCustomer][0], 'c');
    event_ids.insert(r[kEventId]);
    if (r[kComment].find_first_of(",\"") != std::string::npos) ++quoted_comments;
    if (!r[kRevenue].empty()) {
      EXPECT_GT(std::stod(r[kRevenue]), 0.0) << r[kEvent];
    }
    EXPECT_FALSE(r[kDevice].empty());
    EXPECT_EQ(r[kCountry].size(), 2u);
  }
  EXPECT_EQ(event_ids.size(), records_->size() - 1);  // unique
  EXPECT_GT(quoted_comments, 10u);                    // commas and quotes survive the round trip
}

TEST_F(DemoGenerator, RowsAreSortedByTimestampWithinThePeriod) {
  for (size_t i = 2; i < records_->size(); ++i) {
    // Same-length ISO strings in UTC sort as text.
    ASSERT_LE((*records_)[i - 1][kTs], (*records_)[i][kTs]) << "row " << i;
  }
  EXPECT_GE((*records_)[1][kTs], "2024-01-01T00:00:00.000Z");
  EXPECT_LT(records_->back()[kTs], "2024-12-31T00:00:00.000Z");
  // Most of the year is covered: the run is not cut short in spring.
  EXPECT_GT(records_->back()[kTs], "2024-12-01");
}

TEST_F(DemoGenerator, EveryWellKnownEventAppears) {
  std::map<std::string, int> counts;
  for (size_t i = 1; i < records_->size(); ++i) ++counts[(*records_)[i][kEvent]];
  for (const char* name : {"page_view",           "impression",     "click",      "signup",     "activation",
                           "add_to_cart",         "checkout",       "purchase",   "refund",     "survey_response",
                           "feature_use",         "like",           "comment",    "share",      "subscription_start",
                           "subscription_cancel", "support_ticket", "email_sent", "email_open", "email_click"}) {
    EXPECT_GT(counts[name], 0) << name;
  }
  EXPECT_EQ(counts.size(), 20u);
}

TEST_F(DemoGenerator, SurveyScoresAreInRangeAndRealistic) {
  const std::map<std::string, std::pair<int, int>> ranges = {{"nps", {0, 10}}, {"csat", {1, 5}}, {"ces", {1, 7}}};
  int promoters = 0, detractors = 0, nps = 0, satisfied = 0, csat = 0, comments = 0, responses = 0;
  for (size_t i = 1; i < records_->size(); ++i) {
    const auto& r = (*records_)[i];
    if (r[kEvent] != "survey_response") {
      EXPECT_TRUE(r[kScore].empty());
      continue;
    }
    ++responses;
    if (!r[kComment].empty()) ++comments;
    ASSERT_TRUE(ranges.count(r[kSurvey])) << r[kSurvey];
    const int score = std::stoi(r[kScore]);
    EXPECT_GE(score, ranges.at(r[kSurvey]).first);
    EXPECT_LE(score, ranges.at(r[kSurvey]).second);
    if (r[kSurvey] == "nps") ++nps, promoters += score >= 9, detractors += score <= 6;
    if (r[kSurvey] == "csat") ++csat, satisfied += score >= 4;
  }
  ASSERT_GT(nps, 100);
  const double nps_value = 100.0 * (promoters - detractors) / nps;
  EXPECT_GT(nps_value, 15);
  EXPECT_LT(nps_value, 50);
  ASSERT_GT(csat, 20);
  EXPECT_GT(100.0 * satisfied / csat, 60);
  EXPECT_NEAR(static_cast<double>(comments) / responses, 0.4, 0.08);
}

TEST_F(DemoGenerator, WebBounceShareIsPlausible) {
  // Sessions of channel web rows, split after 30 minutes without an event;
  // a bounce is a session with one row only.
  struct Open {
    int64_t last = 0;
    int rows = 0;
  };
  std::map<std::string, Open> open;
  int sessions = 0, bounces = 0;
  auto close = [&](const Open& o) {
    ++sessions;
    bounces += o.rows == 1;
  };
  for (size_t i = 1; i < records_->size(); ++i) {
    const auto& r = (*records_)[i];
    if (r[kChannel] != "web") continue;
    const int64_t ts = ParseTimestamp(r[kTs], nullptr).value();
    auto [it, inserted] = open.try_emplace(r[kCustomer]);
    if (!inserted && ts - it->second.last > 30 * kMillisPerSecond * 60) {
      close(it->second);
      it->second.rows = 0;
    }
    it->second.last = ts;
    ++it->second.rows;
  }
  for (const auto& [customer, o] : open) close(o);
  ASSERT_GT(sessions, 1000);
  const double bounce = 100.0 * bounces / sessions;
  EXPECT_GE(bounce, 25);
  EXPECT_LE(bounce, 60);
}

TEST_F(DemoGenerator, AppSessionIdsOnSomeCustomersOnly) {
  std::set<std::string> with_id, without_id;
  for (size_t i = 1; i < records_->size(); ++i) {
    const auto& r = (*records_)[i];
    if (r[kChannel] != "app") {
      EXPECT_TRUE(r[kSession].empty()) << r[kChannel];
      continue;
    }
    (r[kSession].empty() ? without_id : with_id).insert(r[kCustomer]);
  }
  EXPECT_GT(with_id.size(), 20u);
  EXPECT_GT(without_id.size(), 20u);
}

TEST(DemoGeneratorCtr, ChannelsClickWithinBenchmarkBands) {
  touchpoint::testing::TempDir dir;
  DemoOptions options;
  options.events = 200000;
  options.seed = 7;
  const Records records = ParseCsv(Generate(dir, "ctr.csv", options));
  std::map<std::string, double> impressions, clicks;
  double sent = 0, email_clicks = 0;
  for (size_t i = 1; i < records.size(); ++i) {
    const auto& r = records[i];
    if (r[kEvent] == "impression") ++impressions[r[kChannel]];
    if (r[kEvent] == "click") ++clicks[r[kChannel]];
    if (r[kEvent] == "email_sent") ++sent;
    if (r[kEvent] == "email_click") ++email_clicks;
  }
  auto ctr = [&](const std::string& channel) { return 100 * clicks[channel] / impressions[channel]; };
  EXPECT_GE(ctr("ads"), 2.0);
  EXPECT_LE(ctr("ads"), 4.0);
  EXPECT_GE(ctr("search"), 3.0);
  EXPECT_LE(ctr("search"), 5.0);
  EXPECT_GE(ctr("social"), 0.5);
  EXPECT_LE(ctr("social"), 1.6);
  EXPECT_GE(100 * email_clicks / sent, 1.8);
  EXPECT_LE(100 * email_clicks / sent, 3.2);
}

TEST(DemoGeneratorDeterminism, SameSeedSameBytesOtherSeedOtherBytes) {
  touchpoint::testing::TempDir dir;
  DemoOptions options;
  options.events = 20000;
  const std::string a = Generate(dir, "a.csv", options);
  const std::string b = Generate(dir, "b.csv", options);
  options.seed = 43;
  const std::string c = Generate(dir, "c.csv", options);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(DemoGeneratorDeterminism, ExactCountForSmallAndOddSizes) {
  touchpoint::testing::TempDir dir;
  for (uint64_t n : {1u, 7u, 999u, 12345u}) {
    DemoOptions options;
    options.events = n;
    DemoStats stats;
    const std::string text = Generate(dir, "n.csv", options, &stats);
    EXPECT_EQ(stats.events, n);
    EXPECT_EQ(static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n')), n + 1 + 0) << n;
  }
  DemoOptions short_period;
  short_period.events = 5000;
  short_period.days = 3;
  DemoStats stats;
  Generate(dir, "short.csv", short_period, &stats);
  EXPECT_EQ(stats.events, 5000u);
}

std::string Gunzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out;
  char buf[1 << 16];
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof(buf);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - z.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  inflateEnd(&z);
  return out;
}

std::string Unzstd(const std::string& data) {
  ZSTD_DCtx* ctx = ZSTD_createDCtx();
  std::string out;
  std::vector<char> buf(ZSTD_DStreamOutSize());
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  size_t rc = 1;
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buf.data(), buf.size(), 0};
    rc = ZSTD_decompressStream(ctx, &o, &in);
    EXPECT_FALSE(ZSTD_isError(rc));
    if (ZSTD_isError(rc)) break;
    out.append(buf.data(), o.pos);
  }
  EXPECT_EQ(rc, 0u);  // the frame is complete
  ZSTD_freeDCtx(ctx);
  return out;
}

TEST(DemoGeneratorCompression, GzipAndZstdDecompressToThePlainBytes) {
  touchpoint::testing::TempDir dir;
  DemoOptions options;
  options.events = 30000;
  DemoStats plain_stats, gz_stats, zst_stats;
  const std::string plain = Generate(dir, "p.ndjson", options, &plain_stats);
  const std::string gz = Generate(dir, "p.ndjson.gz", options, &gz_stats);
  const std::string zst = Generate(dir, "p.ndjson.zst", options, &zst_stats);
  EXPECT_EQ(Gunzip(gz), plain);
  EXPECT_EQ(Unzstd(zst), plain);
  EXPECT_EQ(gz_stats.bytes, gz.size());
  EXPECT_EQ(gz_stats.raw_bytes, plain.size());
  EXPECT_LT(zst_stats.bytes, plain.size() / 4);
}

TEST(DemoGeneratorNdjson, SameRowsAsCsvWithAbsentKeysLeftOut) {
  touchpoint::testing::TempDir dir;
  DemoOptions options;
  options.events = 3000;
  const Records csv = ParseCsv(Generate(dir, "x.csv", options));
  const std::string json = Generate(dir, "x.jsonl", options);
  ASSERT_EQ(static_cast<size_t>(std::count(json.begin(), json.end(), '\n')), csv.size() - 1);
  const size_t first_end = json.find('\n');
  const std::string first = json.substr(0, first_end);
  const auto& r = csv[1];
  EXPECT_EQ(first.rfind("{\"timestamp\":\"" + r[kTs] + "\",\"customer_id\":\"" + r[kCustomer] + "\"", 0), 0u) << first;
  EXPECT_EQ(first.find("\"session_id\":\"\""), std::string::npos);
  // A purchase has its revenue as a number, and no survey key.
  size_t pos = json.find("\"event\":\"purchase\"");
  ASSERT_NE(pos, std::string::npos);
  const std::string purchase = json.substr(json.rfind('\n', pos) + 1, json.find('\n', pos) - json.rfind('\n', pos) - 1);
  EXPECT_NE(purchase.find("\"revenue\":"), std::string::npos);
  EXPECT_EQ(purchase.find("\"revenue\":\""), std::string::npos);
  EXPECT_EQ(purchase.find("\"survey\""), std::string::npos);
}

TEST(DemoOutputForPath, FormatAndCompressionFromTheName) {
  auto check = [](const std::string& path, DemoFormat format, Compression compression) {
    Result<DemoOutput> out = DemoOutputForPath(path, DemoFormat::kNdjson);
    ASSERT_TRUE(out.ok()) << path;
    EXPECT_EQ(out->format, format) << path;
    EXPECT_EQ(out->compression, compression) << path;
  };
  check("a.csv", DemoFormat::kCsv, Compression::kNone);
  check("dir/a.csv.gz", DemoFormat::kCsv, Compression::kGzip);
  check("a.ndjson.zst", DemoFormat::kNdjson, Compression::kZstd);
  check("a.jsonl", DemoFormat::kNdjson, Compression::kNone);
  check("-", DemoFormat::kNdjson, Compression::kNone);
}

TEST(DemoOutputForPath, UnknownExtensionIsAnError) {
  Result<DemoOutput> out = DemoOutputForPath("data.txt", DemoFormat::kCsv);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(DemoOutputForPath("data.gz", DemoFormat::kCsv).ok());
}

TEST(GenerateDemo, BadArgumentsAndUnwritablePathsAreErrors) {
  DemoOptions options;
  options.events = 10;
  options.days = 0;
  EXPECT_EQ(GenerateDemo(options, "/tmp/x.csv", nullptr).code(), Status::Code::kInvalidArgument);
  options.days = 10;
  EXPECT_EQ(GenerateDemo(options, "/nonexistent-dir/x.csv", nullptr).code(), Status::Code::kIOError);
}

}  // namespace
}  // namespace touchpoint::demo

namespace touchpoint::demo {
namespace {

// Issue 11 item 10: every seed wrote event ids e0, e1, ..., so the README's
// two-file example loaded nothing from the second file.
TEST(DemoGeneratorIds, EventIdsAreUniqueAcrossSeeds) {
  touchpoint::testing::TempDir dir;
  std::set<std::string> ids;
  size_t rows = 0;
  for (uint64_t seed : {1, 2}) {
    DemoOptions options;
    options.events = 2000;
    options.seed = seed;
    const std::string path = dir.Sub("e" + std::to_string(seed) + ".csv");
    DemoStats stats;
    ASSERT_TRUE(GenerateDemo(options, path, &stats).ok());
    std::istringstream in(ReadFileToString(path).value());
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      const size_t a = line.find(',', line.find(',', line.find(',') + 1) + 1);
      ids.insert(line.substr(a + 1, line.find(',', a + 1) - a - 1));
      ++rows;
    }
  }
  EXPECT_EQ(rows, 4000u);
  EXPECT_EQ(ids.size(), 4000u);
  EXPECT_EQ(ids.count("e1-0"), 1u);
  EXPECT_EQ(ids.count("e2-0"), 1u);
}

}  // namespace
}  // namespace touchpoint::demo
