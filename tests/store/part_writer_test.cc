// Round trips through PartWriter and PartReader, every field compared.
#include "store/part_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "store/part_batch.h"
#include "store/part_columns.h"
#include "store/part_order.h"
#include "store/part_reader.h"
#include "test_util.h"
#include "util/file.h"

namespace touchpoint::store {
namespace {

using touchpoint::testing::TempDir;

// A batch with every column filled in varied ways, `n` rows over `customers`.
EventBatch MakeBatch(size_t n, size_t customers) {
  EventBatch b;
  uint32_t device = b.PropertyIndex("device");
  uint32_t note = b.PropertyIndex("note");
  for (size_t i = 0; i < n; ++i) {
    std::string customer = "c" + std::to_string((i * 7919) % customers);
    std::string event_id = "e" + std::to_string(i);
    std::string session = i % 3 == 0 ? "" : "s" + std::to_string(i / 5);
    std::string page = "/p/" + std::to_string(i % 300);  // > 255 values: 2-byte codes
    std::string comment = i % 11 == 0 ? "great, \"really\"\nnew line " + std::to_string(i) : "";
    std::string dev = i % 2 ? "mobile" : "desktop";
    std::string note_v = "unique-" + std::to_string(i);
    EventRow row;
    row.timestamp_ms = 1'700'000'000'000 + static_cast<int64_t>((i * 104729) % 100000) * 1000 - 5;
    row.customer_id = customer;
    row.event = i % 5 == 0 ? "purchase" : "page_view";
    row.event_id = event_id;
    row.session_id = session;
    row.channel = i % 4 == 0 ? "" : "web";
    row.campaign = i % 7 == 0 ? "spring" : "";
    row.page = page;
    row.revenue = i % 5 == 0 ? 10.25 + static_cast<double>(i) : kAbsent;
    row.survey = i % 13 == 0 ? "nps" : "";
    row.score = i % 13 == 0 ? static_cast<double>(i % 11) : kAbsent;
    row.comment = comment;
    row.feature = i % 17 == 0 ? "export" : "";
    row.properties = {{device, dev}};
    if (i % 2 == 0) row.properties.emplace_back(note, note_v);
    b.Append(row);
  }
  return b;
}

void ExpectSameRows(const EventBatch& want, const EventBatch& got) {
  ASSERT_EQ(want.size(), got.size());
  auto prop = [](const EventBatch& b, const std::string& name, size_t i) -> std::string {
    for (const auto& p : b.properties) {
      if (p.name == name) return std::string(p.values.Get(i));
    }
    return "";
  };
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE("row " + std::to_string(i));
    EXPECT_EQ(want.timestamp_ms[i], got.timestamp_ms[i]);
    EXPECT_EQ(want.customer_id.Get(i), got.customer_id.Get(i));
    EXPECT_EQ(want.event.Get(i), got.event.Get(i));
    EXPECT_EQ(want.event_id.Get(i), got.event_id.Get(i));
    EXPECT_EQ(want.session_id.Get(i), got.session_id.Get(i));
    EXPECT_EQ(want.channel.Get(i), got.channel.Get(i));
    EXPECT_EQ(want.campaign.Get(i), got.campaign.Get(i));
    EXPECT_EQ(want.page.Get(i), got.page.Get(i));
    EXPECT_EQ(want.survey.Get(i), got.survey.Get(i));
    EXPECT_EQ(want.comment.Get(i), got.comment.Get(i));
    EXPECT_EQ(want.feature.Get(i), got.feature.Get(i));
    EXPECT_EQ(std::isnan(want.revenue[i]), std::isnan(got.revenue[i]));
    if (!std::isnan(want.revenue[i])) {
      EXPECT_EQ(want.revenue[i], got.revenue[i]);
    }
    EXPECT_EQ(std::isnan(want.score[i]), std::isnan(got.score[i]));
    if (!std::isnan(want.score[i])) {
      EXPECT_EQ(want.score[i], got.score[i]);
    }
    EXPECT_EQ(prop(want, "device", i), prop(got, "device", i));
    EXPECT_EQ(prop(want, "note", i), prop(got, "note", i));
  }
}

// The batch in part order, computed with PartOrder and Permuted.
EventBatch SortedCopy(const EventBatch& batch) {
  std::vector<uint32_t> rows;
  for (const RowRef& r : PartOrder({&batch})) rows.push_back(r.row);
  return batch.Permuted(rows);
}

EventBatch ReadAll(const PartReader& part) {
  EventBatch out;
  DecodeContext ctx;
  for (size_t b = 0; b < part.blocks().size(); ++b) EXPECT_TRUE(ReadBlockAsBatch(part, b, &ctx, &out).ok());
  return out;
}

TEST(PartWriter, RoundTripsEveryFieldAcrossBlocks) {
  TempDir dir;
  const size_t n = 150'000;  // > 2 blocks
  EventBatch batch = MakeBatch(n, 5000);
  PartInfo info;
  ASSERT_TRUE(PartWriter::WriteSorted(dir.Sub("p.tpp"), batch, &info).ok());
  EXPECT_EQ(info.rows, n);
  EXPECT_EQ(info.customers, 5000u);
  auto part = PartReader::Open(dir.Sub("p.tpp"));
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  EXPECT_GE((*part)->blocks().size(), 2u);
  EXPECT_EQ((*part)->rows(), n);
  EXPECT_EQ((*part)->min_ts(), *std::min_element(batch.timestamp_ms.begin(), batch.timestamp_ms.end()));
  EXPECT_EQ((*part)->max_ts(), *std::max_element(batch.timestamp_ms.begin(), batch.timestamp_ms.end()));
  ExpectSameRows(SortedCopy(batch), ReadAll(**part));
}

TEST(PartWriter, BlocksNeverSplitACustomerAndAreInHashOrder) {
  TempDir dir;
  EventBatch batch = MakeBatch(140'000, 7);  // 20k rows per customer
  PartInfo info;
  ASSERT_TRUE(PartWriter::WriteSorted(dir.Sub("p.tpp"), batch, &info).ok());
  auto part = PartReader::Open(dir.Sub("p.tpp"));
  ASSERT_TRUE(part.ok());
  DecodeContext ctx;
  uint64_t prev_last = 0;
  uint64_t customers = 0;
  for (size_t b = 0; b < (*part)->blocks().size(); ++b) {
    const BlockInfo& info_b = (*part)->blocks()[b];
    CustomerRuns runs;
    ASSERT_TRUE((*part)->DecodeCustomers(b, &ctx, &runs).ok());
    EXPECT_EQ(runs.hash.front(), info_b.first_hash);
    EXPECT_EQ(runs.hash.back(), info_b.last_hash);
    if (b > 0) {
      EXPECT_LT(prev_last, info_b.first_hash);
    }
    prev_last = info_b.last_hash;
    customers += runs.hash.size();
  }
  EXPECT_EQ(customers, 7u);
}

TEST(PartWriter, InMemoryPartReadsLikeAFile) {
  EventBatch batch = MakeBatch(1000, 50);
  auto part = PartWriter::WriteToMemory(batch, "memory");
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  ExpectSameRows(SortedCopy(batch), ReadAll(**part));
}

TEST(PartWriter, EventIdSetHoldsEveryDistinctId) {
  EventBatch batch = MakeBatch(1000, 50);
  auto part = PartWriter::WriteToMemory(batch, "memory");
  ASSERT_TRUE(part.ok());
  DecodeContext ctx;
  std::vector<uint64_t> ids;
  ASSERT_TRUE((*part)->ReadEventIdHashes(&ctx, &ids).ok());
  EXPECT_EQ(ids.size(), 1000u);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
}

TEST(PartReader, FlippedByteIsCorruptionNotData) {
  TempDir dir;
  EventBatch batch = MakeBatch(5000, 100);
  PartInfo info;
  ASSERT_TRUE(PartWriter::WriteSorted(dir.Sub("p.tpp"), batch, &info).ok());
  auto bytes = ReadFileToString(dir.Sub("p.tpp"));
  ASSERT_TRUE(bytes.ok());
  std::string damaged = *bytes;
  damaged[100] ^= 0x40;  // inside the first block's first chunk
  ASSERT_TRUE(WriteFileSynced(dir.Sub("bad.tpp"), damaged).ok());
  auto part = PartReader::Open(dir.Sub("bad.tpp"));
  ASSERT_TRUE(part.ok());  // the footer is intact
  EventBatch out;
  DecodeContext ctx;
  Status s = ReadBlockAsBatch(**part, 0, &ctx, &out);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.message().find("bad.tpp: block 0"), std::string::npos) << s.message();
}

TEST(PartReader, TruncatedFileIsRefused) {
  TempDir dir;
  EventBatch batch = MakeBatch(5000, 100);
  PartInfo info;
  ASSERT_TRUE(PartWriter::WriteSorted(dir.Sub("p.tpp"), batch, &info).ok());
  auto bytes = ReadFileToString(dir.Sub("p.tpp"));
  ASSERT_TRUE(bytes.ok());
  for (size_t cut : {size_t{0}, size_t{10}, bytes->size() / 2, bytes->size() - 1}) {
    ASSERT_TRUE(WriteFileSynced(dir.Sub("cut.tpp"), std::string_view(*bytes).substr(0, cut)).ok());
    auto part = PartReader::Open(dir.Sub("cut.tpp"));
    EXPECT_FALSE(part.ok()) << "cut at " << cut;
    EXPECT_EQ(part.status().code(), Status::Code::kCorruption);
  }
}

}  // namespace
}  // namespace touchpoint::store
