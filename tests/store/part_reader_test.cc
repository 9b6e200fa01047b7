// PartReader across format versions: a version 1 part (varint timestamps)
// and a version 2 part (byte-plane timestamps), written by the builds of
// their day from tests/data/part_v1/events.csv, must still decode to exactly
// those rows; the same rows written today (version 3, bit-packed
// timestamps) must decode the same, and so must many customers whose gaps
// range from equal timestamps to decades.
#include "store/part_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "store/part_batch.h"
#include "store/part_columns.h"
#include "store/part_format.h"
#include "store/part_writer.h"
#include "test_util.h"

namespace touchpoint::store {
namespace {

using touchpoint::testing::TempDir;

struct Row {
  std::string customer;
  int64_t ts;
  std::string event, channel;
  double revenue;
};

// The rows of tests/data/part_v1/events.csv, by customer, each in time
// order (ties in file order); ReadAll sorts the part's rows the same way.
std::vector<Row> Expected() {
  return {
      {"alice", 1709287200123, "page_view", "web", NAN},
      {"alice", 1709287500000, "purchase", "web", 19.5},
      {"bob", 1704067199999, "signup", "app", NAN},
      {"bob", 1709337600000, "page_view", "app", NAN},
      {"bob", 1709337600000, "click", "app", NAN},
      {"carol", 946641600000, "signup", "email", NAN},
      {"carol", 1735689600001, "page_view", "email", NAN},
  };
}

// Every row of the part, block after block.
EventBatch ReadBatch(const PartReader& part) {
  EventBatch b;
  DecodeContext ctx;
  for (size_t i = 0; i < part.blocks().size(); ++i) EXPECT_TRUE(ReadBlockAsBatch(part, i, &ctx, &b).ok());
  return b;
}

// `batch` written as a part today (in `dir`) and opened again.
std::unique_ptr<PartReader> WriteAndOpen(const EventBatch& batch, const TempDir& dir) {
  const std::string path = dir.path() + "/part.tpp";
  PartInfo info;
  EXPECT_TRUE(PartWriter::WriteSorted(path, batch, &info).ok());
  auto part = PartReader::Open(path);
  EXPECT_TRUE(part.ok()) << part.status().ToString();
  return part.ok() ? std::move(part).value() : nullptr;
}

std::vector<Row> ReadAll(const PartReader& part) {
  const EventBatch b = ReadBatch(part);
  std::vector<Row> rows;
  for (size_t i = 0; i < b.size(); ++i) {
    rows.push_back({std::string(b.customer_id.Get(i)), b.timestamp_ms[i], std::string(b.event.Get(i)),
                    std::string(b.channel.Get(i)), b.revenue[i]});
  }
  // Compare customer by customer: the hash order is checked by the scan tests.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.customer < b.customer; });
  return rows;
}

void ExpectRows(const std::vector<Row>& got) {
  const std::vector<Row> want = Expected();
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i].customer, want[i].customer) << i;
    EXPECT_EQ(got[i].ts, want[i].ts) << i;
    EXPECT_EQ(got[i].event, want[i].event) << i;
    EXPECT_EQ(got[i].channel, want[i].channel) << i;
    EXPECT_EQ(std::isnan(got[i].revenue), std::isnan(want[i].revenue)) << i;
    if (!std::isnan(want[i].revenue)) {
      EXPECT_DOUBLE_EQ(got[i].revenue, want[i].revenue) << i;
    }
  }
}

// The committed part of an older version, written from events.csv.
void ExpectFixturePart(const std::string& name, uint64_t version) {
  auto part = PartReader::Open(std::string(TP_SOURCE_DIR) + "/tests/data/" + name);
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  EXPECT_EQ((*part)->format_version(), version);
  EXPECT_EQ((*part)->min_ts(), 946641600000);
  EXPECT_EQ((*part)->max_ts(), 1735689600001);
  ExpectRows(ReadAll(**part));
}

TEST(PartReader, ReadsVersionOneParts) { ExpectFixturePart("part_v1/part_v1.tpp", 1); }

TEST(PartReader, ReadsVersionTwoParts) { ExpectFixturePart("part_v2/part_v2.tpp", 2); }

// Version 4: customer runs, hashes and ids in one zstd frame (the load of
// tests/data/part_v1/events.csv by the version-4 writer).
TEST(PartReader, ReadsVersionFourParts) { ExpectFixturePart("part_v4/part_v4.tpp", 4); }

TEST(PartReader, TodaysVersionRoundTripsTheSameRows) {
  EventBatch b;
  for (const Row& r : Expected()) {
    EventRow row;
    row.customer_id = r.customer;
    row.timestamp_ms = r.ts;
    row.event = r.event;
    row.channel = r.channel;
    row.revenue = r.revenue;
    b.Append(row);
  }
  TempDir dir;
  auto part = WriteAndOpen(b, dir);
  ASSERT_NE(part, nullptr);
  EXPECT_EQ(part->format_version(), kPartFormatVersion);
  ExpectRows(ReadAll(*part));
}

// Several blocks of customers with gaps of every size: equal timestamps,
// milliseconds, days, and a few of decades (exceptions to the packed width),
// before and after 1970.
EventBatch EveryGapBatch(std::vector<std::pair<std::string, int64_t>>* want) {
  EventBatch b;
  uint64_t x = 88172645463325252ULL;  // xorshift64: a fixed pseudo-random sequence
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (int c = 0; c < 3000; ++c) {
    const std::string id = "c" + std::to_string(c);
    int64_t t = -2208988800000 + static_cast<int64_t>(next() % 4000000000000ULL);  // 1900 .. 2026
    const int rows = 1 + static_cast<int>(next() % 20);
    for (int r = 0; r < rows; ++r) {
      const uint64_t kind = next() % 100;
      if (kind < 10) {
        // equal timestamp
      } else if (kind < 60) {
        t += static_cast<int64_t>(next() % 60000);
      } else if (kind < 98) {
        t += static_cast<int64_t>(next() % (30 * 86400000ULL));
      } else {
        t += static_cast<int64_t>(next() % (40 * 365 * 86400000ULL));
      }
      EventRow row;
      row.customer_id = id;
      row.timestamp_ms = t;
      row.event = "page_view";
      b.Append(row);
      want->emplace_back(id, t);
    }
  }
  return b;
}

TEST(PartReader, PackedTimestampsRoundTripEveryGap) {
  std::vector<std::pair<std::string, int64_t>> want;
  const EventBatch b = EveryGapBatch(&want);
  TempDir dir;
  auto part = WriteAndOpen(b, dir);
  ASSERT_NE(part, nullptr);
  ASSERT_GT(part->blocks().size(), 1u);
  const EventBatch got = ReadBatch(*part);
  std::vector<std::pair<std::string, int64_t>> rows;
  for (size_t i = 0; i < got.size(); ++i) rows.emplace_back(std::string(got.customer_id.Get(i)), got.timestamp_ms[i]);
  std::sort(rows.begin(), rows.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(rows, want);
}

// Timestamps decoded customer by customer (a scan's lazy timestamps), in
// any order, equal the block decoder's (checked against the input above):
// with exceptions (gaps of decades) and at width 0 (every customer's
// events at one instant).
TEST(PartReader, PackedTimestampsDecodeCustomerByCustomer) {
  std::vector<std::pair<std::string, int64_t>> want;
  EventBatch gaps = EveryGapBatch(&want);
  EventBatch same_instant;
  for (int c = 0; c < 500; ++c) {
    const std::string id = "s" + std::to_string(c);  // EventRow holds views
    for (int r = 0; r < 1 + c % 7; ++r) {
      EventRow row;
      row.customer_id = id;
      row.timestamp_ms = 1700000000000 + c * 1000;
      row.event = "page_view";
      same_instant.Append(row);
    }
  }
  for (const EventBatch* batch : {&gaps, &same_instant}) {
    TempDir dir;
    auto part = WriteAndOpen(*batch, dir);
    ASSERT_NE(part, nullptr);
    DecodeContext ctx;
    CustomerRuns runs;
    std::vector<int64_t> whole;
    PackedTimestamps packed;
    size_t exceptions = 0;
    for (size_t block = 0; block < part->blocks().size(); ++block) {
      ASSERT_TRUE(part->DecodeCustomers(block, &ctx, &runs).ok());
      ASSERT_TRUE(part->DecodeTimestamps(block, runs, &ctx, &whole).ok());
      ASSERT_TRUE(part->PrepareTimestamps(block, runs, &ctx, &packed).ok());
      if (batch == &same_instant) {
        EXPECT_EQ(packed.width, 0u);
      }
      exceptions += packed.exception_at.size();
      std::vector<int64_t> by_customer(whole.size(), -1);
      for (size_t c = runs.hash.size(); c-- > 0;) packed.Decode(c, runs.start[c], runs.start[c + 1], by_customer.data());
      ASSERT_EQ(by_customer, whole) << "block " << block;
    }
    if (batch == &gaps) {
      EXPECT_GT(exceptions, 0u);
    }
  }
}

// Dictionary codes come out right at every packed width (1 to 9 bits:
// 1 to 300 distinct events), plain and through a catalog remap.
TEST(PartReader, PackedCodesRoundTripAtEveryWidth) {
  for (int distinct : {1, 2, 3, 4, 7, 8, 15, 16, 31, 33, 127, 128, 255, 256, 300}) {
    SCOPED_TRACE(distinct);
    EventBatch b;
    std::vector<std::pair<std::string, std::string>> want;
    for (int r = 0; r < 5000; ++r) {
      // EventRow holds views: the strings live until Append copies them.
      const std::string customer = "c" + std::to_string(r % 37);
      const std::string event = "e" + std::to_string((r * 7919) % distinct);
      EventRow row;
      row.customer_id = customer;
      row.timestamp_ms = 1700000000000 + r;
      row.event = event;
      b.Append(row);
      want.emplace_back(row.customer_id, row.event);
    }
    TempDir dir;
    auto part = WriteAndOpen(b, dir);
    ASSERT_NE(part, nullptr);
    const std::vector<std::string>& dict = part->columns()[kColEvent].dictionary;
    // A remap that reverses the dictionary's codes (0 stays 0).
    std::vector<uint32_t> remap(dict.size());
    for (size_t code = 1; code < dict.size(); ++code) remap[code] = static_cast<uint32_t>(dict.size() - code);
    std::vector<std::pair<std::string, std::string>> got;
    DecodeContext ctx;
    CustomerRuns runs;
    std::vector<uint32_t> plain, remapped;
    for (size_t block = 0; block < part->blocks().size(); ++block) {
      ASSERT_TRUE(part->DecodeCustomers(block, &ctx, &runs).ok());
      ASSERT_TRUE(part->DecodeCodes(block, kColEvent, &ctx, &plain).ok());
      ASSERT_TRUE(part->DecodeCodes(block, kColEvent, &ctx, &remapped, remap.data()).ok());
      ASSERT_EQ(plain.size(), remapped.size());
      for (size_t c = 0; c + 1 < runs.start.size(); ++c) {
        for (uint32_t r = runs.start[c]; r < runs.start[c + 1]; ++r) {
          ASSERT_LT(plain[r], dict.size());
          EXPECT_EQ(remapped[r], remap[plain[r]]);
          got.emplace_back(std::string(runs.id[c]), dict[plain[r]]);
        }
      }
    }
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want);
  }
}

}  // namespace
}  // namespace touchpoint::store
