#include "store/batch_codec.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "event/event_batch.h"
#include "util/coding.h"

namespace touchpoint::store {
namespace {

void ExpectStringsEqual(const StringColumn& a, const StringColumn& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t r = 0; r < a.size(); ++r) EXPECT_EQ(a.Get(r), b.Get(r)) << what << " row " << r;
}

void ExpectNumbersEqual(const std::vector<double>& a, const std::vector<double>& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t r = 0; r < a.size(); ++r) {
    if (std::isnan(a[r])) {
      EXPECT_TRUE(std::isnan(b[r])) << what << " row " << r;
    } else {
      EXPECT_EQ(std::bit_cast<uint64_t>(a[r]), std::bit_cast<uint64_t>(b[r])) << what << " row " << r;
    }
  }
}

void ExpectBatchesEqual(const EventBatch& a, const EventBatch& b) {
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.timestamp_ms, b.timestamp_ms);
  ExpectStringsEqual(a.customer_id, b.customer_id, "customer_id");
  ExpectStringsEqual(a.event, b.event, "event");
  ExpectStringsEqual(a.event_id, b.event_id, "event_id");
  ExpectStringsEqual(a.session_id, b.session_id, "session_id");
  ExpectStringsEqual(a.channel, b.channel, "channel");
  ExpectStringsEqual(a.campaign, b.campaign, "campaign");
  ExpectStringsEqual(a.page, b.page, "page");
  ExpectNumbersEqual(a.revenue, b.revenue, "revenue");
  ExpectStringsEqual(a.survey, b.survey, "survey");
  ExpectNumbersEqual(a.score, b.score, "score");
  ExpectStringsEqual(a.comment, b.comment, "comment");
  ExpectStringsEqual(a.feature, b.feature, "feature");
  ASSERT_EQ(a.properties.size(), b.properties.size());
  for (size_t p = 0; p < a.properties.size(); ++p) {
    EXPECT_EQ(a.properties[p].name, b.properties[p].name);
    ExpectStringsEqual(a.properties[p].values, b.properties[p].values, "property " + a.properties[p].name);
  }
}

// Three rows touching every column: NaN and signed-zero numbers, empty
// strings, bytes outside ASCII, a property set on only some rows, extreme
// timestamps.
EventBatch FullBatch() {
  EventBatch b;
  const uint32_t device = b.PropertyIndex("device");
  const uint32_t region = b.PropertyIndex("région");
  EventRow r0;
  r0.timestamp_ms = 1700000000123;
  r0.customer_id = "cust-1";
  r0.event = "purchase";
  r0.event_id = "evt-1";
  r0.session_id = "s1";
  r0.channel = "web";
  r0.campaign = "spring";
  r0.page = "/checkout";
  r0.revenue = 49.99;
  r0.survey = "";
  r0.score = kAbsent;
  r0.comment = "great, \"fast\"\nshipping";
  r0.feature = "";
  r0.properties = {{device, "mobile"}, {region, "EU"}};
  b.Append(r0);
  EventRow r1;
  r1.timestamp_ms = -5;  // before the epoch
  r1.customer_id = "";
  r1.event = "survey_response";
  r1.revenue = -0.0;
  r1.survey = "nps";
  r1.score = 9;
  r1.comment = std::string_view("nul\0byte", 8);
  r1.feature = "export";
  r1.properties = {{region, ""}};
  b.Append(r1);
  EventRow r2;
  r2.timestamp_ms = std::numeric_limits<int64_t>::max();
  r2.customer_id = "cust-\xc3\xa9";
  r2.event = "refund";
  r2.revenue = std::numeric_limits<double>::infinity();
  r2.score = std::numeric_limits<double>::quiet_NaN();
  r2.properties = {{device, "desktop"}};
  b.Append(r2);
  return b;
}

TEST(BatchCodec, RoundTripOfEveryColumn) {
  const EventBatch in = FullBatch();
  EventBatch out;
  ASSERT_TRUE(DecodeBatch(EncodeBatch(in), &out).ok());
  ExpectBatchesEqual(in, out);
  EXPECT_TRUE(std::isnan(out.score[0]));
  EXPECT_TRUE(std::signbit(out.revenue[1]));
  EXPECT_EQ(out.comment.Get(1).size(), 8u);
  EXPECT_EQ(out.properties[1].name, "région");
  EXPECT_EQ(out.properties[0].values.Get(1), "");
}

TEST(BatchCodec, EmptyBatch) {
  EventBatch in;
  const std::string bytes = EncodeBatch(in);
  // version, rows, 10 empty string columns, 2 number columns, 0 properties.
  EXPECT_EQ(bytes.size(), 2u + 10 + 2 + 1);
  EventBatch out = FullBatch();
  ASSERT_TRUE(DecodeBatch(bytes, &out).ok());
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(out.properties.empty());
}

TEST(BatchCodec, ExactBytesOfAMinimalRow) {
  EventBatch b;
  EventRow r;
  r.timestamp_ms = 5;
  r.customer_id = "c";
  r.event = "e";
  b.Append(r);
  // version 1, 1 row, zigzag(5) = 10, customer "c", event "e", then eight
  // empty string columns and two all-absent number columns, 0 properties.
  const std::string expected(
      "\x01\x01\x0a"
      "\x01\x01"
      "c"
      "\x01\x01"
      "e"
      "\x00\x00\x00\x00\x00"
      "\x00"
      "\x00"
      "\x00"
      "\x00\x00"
      "\x00",
      3 + 3 + 3 + 5 + 1 + 1 + 1 + 2 + 1);
  EXPECT_EQ(EncodeBatch(b), expected);
  EventBatch out;
  ASSERT_TRUE(DecodeBatch(expected, &out).ok());
  ExpectBatchesEqual(b, out);
  EXPECT_TRUE(std::isnan(out.revenue[0]));
}

TEST(BatchCodec, TimestampsAsDeltas) {
  EventBatch b;
  for (int64_t ts : {int64_t{1700000000000}, int64_t{1700000000001}, int64_t{1699999999999},
                     std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    EventRow r;
    r.timestamp_ms = ts;
    b.Append(r);
  }
  EventBatch out;
  ASSERT_TRUE(DecodeBatch(EncodeBatch(b), &out).ok());
  EXPECT_EQ(out.timestamp_ms, b.timestamp_ms);
}

TEST(BatchCodec, ManyRowsWithRandomContent) {
  std::mt19937 rng(7);
  EventBatch b;
  const uint32_t prop = b.PropertyIndex("p");
  std::vector<std::string> keep;
  for (int i = 0; i < 2000; ++i) {
    keep.push_back(std::string(rng() % 40, static_cast<char>('a' + rng() % 26)));
  }
  for (int i = 0; i < 2000; ++i) {
    EventRow r;
    r.timestamp_ms = 1700000000000 + static_cast<int64_t>(rng() % 100000);
    r.customer_id = keep[i];
    r.event = keep[(i * 7) % 2000];
    r.revenue = (i % 3 == 0) ? kAbsent : static_cast<double>(rng()) / 1000.0;
    if (i % 5 == 0) r.properties = {{prop, keep[(i * 13) % 2000]}};
    b.Append(r);
  }
  EventBatch out;
  ASSERT_TRUE(DecodeBatch(EncodeBatch(b), &out).ok());
  ExpectBatchesEqual(b, out);
}

TEST(BatchCodec, EveryTruncationIsCorruption) {
  const std::string bytes = EncodeBatch(FullBatch());
  for (size_t n = 0; n < bytes.size(); ++n) {
    EventBatch out = FullBatch();
    Status s = DecodeBatch(std::string_view(bytes).substr(0, n), &out);
    ASSERT_EQ(s.code(), Status::Code::kCorruption) << "prefix " << n;
    EXPECT_TRUE(out.empty());
  }
}

TEST(BatchCodec, TrailingBytesAreCorruption) {
  EventBatch out;
  Status s = DecodeBatch(EncodeBatch(FullBatch()) + "x", &out);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("trailing"), std::string::npos);
}

TEST(BatchCodec, NewerVersionIsNotSupported) {
  std::string bytes = EncodeBatch(FullBatch());
  bytes[0] = 2;
  EventBatch out;
  EXPECT_EQ(DecodeBatch(bytes, &out).code(), Status::Code::kNotSupported);
  bytes[0] = 0;
  EXPECT_EQ(DecodeBatch(bytes, &out).code(), Status::Code::kCorruption);
}

TEST(BatchCodec, HugeCountsAreRejectedWithoutAllocating) {
  EventBatch out;
  std::string rows;
  PutVarint64(&rows, 1);
  PutVarint64(&rows, uint64_t{1} << 60);  // a billion billion rows in 12 bytes
  EXPECT_EQ(DecodeBatch(rows, &out).code(), Status::Code::kCorruption);

  // One row, a customer column claiming 2^40 bytes.
  std::string strings("\x01\x01\x00", 3);
  PutVarint64(&strings, uint64_t{1} << 40);
  EXPECT_EQ(DecodeBatch(strings, &out).code(), Status::Code::kCorruption);
}

TEST(BatchCodec, InconsistentStringLengthsAreCorruption) {
  // One row; customer column total 3 but the row's length says 2.
  const std::string bytes(
      "\x01\x01\x00"
      "\x03\x02"
      "abc",
      8);
  EventBatch out;
  EXPECT_EQ(DecodeBatch(bytes, &out).code(), Status::Code::kCorruption);
}

TEST(BatchCodec, UnknownNumberModeIsCorruption) {
  EventBatch b;
  EventRow r;
  b.Append(r);
  std::string bytes = EncodeBatch(b);
  // Layout: version, rows, ts, 7 string columns, then revenue's mode byte.
  bytes[3 + 7] = 9;
  EventBatch out;
  EXPECT_EQ(DecodeBatch(bytes, &out).code(), Status::Code::kCorruption);
}

TEST(BatchCodec, RandomDamageNeverCrashes) {
  const std::string good = EncodeBatch(FullBatch());
  std::mt19937 rng(99);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string bad = good;
    const int flips = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < flips; ++f) bad[rng() % bad.size()] = static_cast<char>(rng());
    EventBatch out;
    Status s = DecodeBatch(bad, &out);
    if (s.ok()) {
      // Whatever decodes must still satisfy the batch invariant.
      for (const PropertyColumn& p : out.properties) ASSERT_EQ(p.values.size(), out.size());
      ASSERT_EQ(out.customer_id.size(), out.size());
      ASSERT_EQ(out.score.size(), out.size());
    } else {
      ASSERT_TRUE(s.code() == Status::Code::kCorruption || s.code() == Status::Code::kNotSupported);
    }
  }
}

}  // namespace
}  // namespace touchpoint::store
