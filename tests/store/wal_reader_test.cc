#include "store/wal_reader.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "store/wal_format.h"
#include "store/wal_writer.h"
#include "test_util.h"
#include "util/coding.h"
#include "util/crc32c.h"
#include "util/file.h"

namespace touchpoint::store {
namespace {

using touchpoint::testing::TempDir;

std::string Random(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

// Writes `records` to a fresh log and returns the file's bytes.
std::string WriteLog(const TempDir& dir, const std::vector<std::string>& records) {
  const std::string path = dir.Sub("log.wal");
  (void)RemoveFile(path);
  Result<std::unique_ptr<WalWriter>> w = WalWriter::Open(path);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  for (const std::string& r : records) EXPECT_TRUE((*w)->AddRecord(r).ok());
  EXPECT_TRUE((*w)->Sync().ok());
  Result<std::string> bytes = ReadFileToString(path);
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? bytes.value() : std::string();
}

struct Drop {
  uint64_t bytes;
  std::string reason;
};

struct ReadResult {
  std::vector<std::string> records;
  std::vector<Drop> drops;
  Status status;
  uint64_t end_of_last_record = 0;
};

ReadResult ReadBytes(std::string bytes) {
  ReadResult out;
  auto reader = WalReader::FromContents(std::move(bytes), "test.wal", [&out](uint64_t n, const Status& s) {
    out.drops.push_back(Drop{n, s.ToString()});
  });
  std::string rec;
  while (reader->ReadRecord(&rec)) out.records.push_back(rec);
  EXPECT_FALSE(reader->ReadRecord(&rec));  // stays at the end
  out.status = reader->status();
  out.end_of_last_record = reader->end_of_last_record();
  return out;
}

TEST(WalReader, RoundTripOfManySizes) {
  TempDir dir;
  std::vector<std::string> records;
  uint32_t seed = 1;
  for (size_t n : {size_t{0}, size_t{1}, size_t{100}, kWalMaxFragment - 1, kWalMaxFragment, kWalMaxFragment + 1,
                   kWalBlockSize, 3 * kWalBlockSize + 17, size_t{1} << 20, size_t{0}}) {
    records.push_back(Random(n, seed++));
  }
  const std::string log = WriteLog(dir, records);
  ReadResult r = ReadBytes(log);
  EXPECT_EQ(r.records, records);
  EXPECT_TRUE(r.drops.empty());
  EXPECT_TRUE(r.status.ok());
  EXPECT_EQ(r.end_of_last_record, log.size());
}

TEST(WalReader, ManySmallRecordsAcrossBlocks) {
  TempDir dir;
  std::vector<std::string> records;
  for (uint32_t i = 0; i < 5000; ++i) records.push_back(Random(i % 301, i));
  ReadResult r = ReadBytes(WriteLog(dir, records));
  EXPECT_EQ(r.records, records);
  EXPECT_TRUE(r.drops.empty());
}

TEST(WalReader, OpenReadsAFile) {
  TempDir dir;
  WriteLog(dir, {"one", "two"});
  Result<std::unique_ptr<WalReader>> reader = WalReader::Open(dir.Sub("log.wal"));
  ASSERT_TRUE(reader.ok());
  std::string rec;
  ASSERT_TRUE((*reader)->ReadRecord(&rec));
  EXPECT_EQ(rec, "one");
  EXPECT_EQ((*reader)->last_record_offset(), 0u);
  ASSERT_TRUE((*reader)->ReadRecord(&rec));
  EXPECT_EQ(rec, "two");
  EXPECT_EQ((*reader)->last_record_offset(), 10u);
  EXPECT_EQ((*reader)->end_of_last_record(), 20u);
  EXPECT_FALSE((*reader)->ReadRecord(&rec));
  EXPECT_FALSE(WalReader::Open(dir.Sub("missing.wal")).ok());
}

TEST(WalReader, EmptyFileHasNoRecords) {
  ReadResult r = ReadBytes("");
  EXPECT_TRUE(r.records.empty());
  EXPECT_TRUE(r.status.ok());
}

// Cuts the log at every byte inside its last record: the reader must return
// exactly the complete records before it and report nothing.
void ExpectEveryTornTailIsCleanEnd(const std::vector<std::string>& records, const std::string& log) {
  const std::vector<std::string> complete(records.begin(), records.end() - 1);
  // The last record starts where the one before it ends.
  auto full = WalReader::FromContents(log, "full.wal");
  std::string rec;
  for (size_t i = 0; i < complete.size(); ++i) ASSERT_TRUE(full->ReadRecord(&rec));
  const uint64_t last_start = full->end_of_last_record();
  ASSERT_LT(last_start, log.size());
  for (uint64_t cut = last_start; cut < log.size(); ++cut) {
    ReadResult r = ReadBytes(log.substr(0, cut));
    ASSERT_EQ(r.records.size(), complete.size()) << "cut at " << cut;
    ASSERT_TRUE(r.records == complete) << "cut at " << cut;
    ASSERT_TRUE(r.drops.empty()) << "cut at " << cut << ": " << r.drops[0].reason;
    ASSERT_TRUE(r.status.ok());
    ASSERT_EQ(r.end_of_last_record, last_start);
  }
}

TEST(WalReader, TornTailOfAFragmentedRecordAtEveryOffset) {
  TempDir dir;
  // The last record starts in block 0 and ends in block 2.
  const std::vector<std::string> records = {"a", Random(1000, 2), Random(70000, 3)};
  ExpectEveryTornTailIsCleanEnd(records, WriteLog(dir, records));
}

TEST(WalReader, TornTailAfterABlockTrailerAtEveryOffset) {
  TempDir dir;
  // The first record leaves a 5-byte trailer; the cut also falls inside it.
  const std::vector<std::string> records = {Random(32756, 4), "hello world"};
  const std::string log = WriteLog(dir, records);
  ASSERT_EQ(log.size(), kWalBlockSize + kWalHeaderSize + 11);
  ExpectEveryTornTailIsCleanEnd(records, log);
}

TEST(WalReader, TornTailOfASmallRecordAtEveryOffset) {
  TempDir dir;
  const std::vector<std::string> records = {"x", "yy", std::string(300, 'z')};
  ExpectEveryTornTailIsCleanEnd(records, WriteLog(dir, records));
}

TEST(WalReader, ZeroFilledTailIsCleanEnd) {
  TempDir dir;
  const std::string log = WriteLog(dir, {"a", "b"});
  for (size_t zeros : {size_t{1}, size_t{7}, size_t{100}, size_t{40000}}) {
    ReadResult r = ReadBytes(log + std::string(zeros, '\0'));
    EXPECT_EQ(r.records, (std::vector<std::string>{"a", "b"}));
    EXPECT_TRUE(r.drops.empty()) << zeros;
  }
}

TEST(WalReader, ChecksumMismatchSkipsToTheNextBlock) {
  TempDir dir;
  // A and B in block 0, C filling block 0 exactly, D in block 1.
  const std::vector<std::string> records = {Random(100, 5), Random(100, 6), Random(32768 - 214 - 7, 7), "D"};
  std::string log = WriteLog(dir, records);
  ASSERT_EQ(log.size(), kWalBlockSize + kWalHeaderSize + 1);
  log[107 + kWalHeaderSize + 50] ^= 0x04;  // a bit in B's payload
  ReadResult r = ReadBytes(log);
  EXPECT_EQ(r.records, (std::vector<std::string>{records[0], "D"}));
  ASSERT_EQ(r.drops.size(), 1u);
  EXPECT_EQ(r.drops[0].bytes, kWalBlockSize - 107);
  EXPECT_NE(r.drops[0].reason.find("checksum mismatch"), std::string::npos) << r.drops[0].reason;
  EXPECT_NE(r.drops[0].reason.find("offset 107"), std::string::npos) << r.drops[0].reason;
  EXPECT_EQ(r.status.code(), Status::Code::kCorruption);
}

TEST(WalReader, CorruptStartOfAFragmentedRecordDropsItsRest) {
  TempDir dir;
  // B starts in block 0 and ends in block 1, where C follows.
  const std::vector<std::string> records = {"A", Random(40000, 8), "C"};
  std::string log = WriteLog(dir, records);
  log[kWalHeaderSize] ^= 0x01;  // A's payload: block 0 is dropped with B's FIRST fragment
  ReadResult r = ReadBytes(log);
  EXPECT_EQ(r.records, (std::vector<std::string>{"C"}));
  ASSERT_EQ(r.drops.size(), 2u);
  EXPECT_EQ(r.drops[0].bytes, kWalBlockSize);
  // B's LAST fragment: 40000 - (32768 - 8 - 7) = 7247 bytes plus its header.
  EXPECT_EQ(r.drops[1].bytes, kWalHeaderSize + 7247);
  EXPECT_NE(r.drops[1].reason.find("without the start"), std::string::npos);
}

TEST(WalReader, CorruptMiddleFragmentReportsTheRecordSoFar) {
  TempDir dir;
  const std::vector<std::string> records = {Random(80000, 9), "after"};
  std::string log = WriteLog(dir, records);
  log[kWalBlockSize + 100] ^= 0x80;  // inside the MIDDLE fragment in block 1
  ReadResult r = ReadBytes(log);
  // The LAST fragment in block 2 has lost its start; "after" survives.
  EXPECT_EQ(r.records, (std::vector<std::string>{"after"}));
  ASSERT_EQ(r.drops.size(), 3u);
  EXPECT_EQ(r.drops[0].bytes, kWalBlockSize);                                 // block 1
  EXPECT_EQ(r.drops[1].bytes, kWalMaxFragment);                               // FIRST fragment gathered from block 0
  EXPECT_EQ(r.drops[2].bytes, kWalHeaderSize + 80000 - 2 * kWalMaxFragment);  // orphan LAST
}

TEST(WalReader, FlippedBitsNeverYieldAWrongRecord) {
  TempDir dir;
  const std::vector<std::string> records = {"alpha", Random(500, 10), "", Random(33000, 11), "omega"};
  const std::string log = WriteLog(dir, records);
  const size_t last_start = log.size() - kWalHeaderSize - 5;
  for (size_t pos = 0; pos < log.size(); pos += (pos < 600 || pos + 600 > log.size()) ? 1 : 97) {
    std::string bad = log;
    bad[pos] ^= 0x20;
    ReadResult r = ReadBytes(bad);
    // What comes back is a subsequence of the records, in order.
    size_t next = 0;
    for (const std::string& got : r.records) {
      while (next < records.size() && records[next] != got) ++next;
      ASSERT_LT(next, records.size()) << "unexpected record after flip at " << pos;
      ++next;
    }
    // A flip in the very last record may make its length reach past the end
    // of the file, which is a torn tail; any other loss must be reported.
    if (r.records.size() < records.size() && pos < last_start) {
      EXPECT_FALSE(r.drops.empty()) << "flip at " << pos;
      EXPECT_EQ(r.status.code(), Status::Code::kCorruption);
    }
  }
}

// Builds one physical record by hand (for types and lengths the writer never
// produces).
std::string Physical(uint8_t type, std::string_view payload) {
  std::string typed(1, static_cast<char>(type));
  typed += payload;
  std::string out;
  PutFixed32(&out, crc32c::Mask(crc32c::Value(typed)));
  out.push_back(static_cast<char>(payload.size() & 0xff));
  out.push_back(static_cast<char>(payload.size() >> 8));
  out += typed;
  return out;
}

TEST(WalReader, UnknownTypeIsReportedAndSkipped) {
  const std::string log = Physical(9, "future") + Physical(1, "known");
  ReadResult r = ReadBytes(log);
  EXPECT_EQ(r.records, (std::vector<std::string>{"known"}));
  ASSERT_EQ(r.drops.size(), 1u);
  EXPECT_EQ(r.drops[0].bytes, kWalHeaderSize + 6);
  EXPECT_NE(r.drops[0].reason.find("unknown record type 9"), std::string::npos);
}

TEST(WalReader, LengthCrossingTheBlockIsReported) {
  std::string log = Physical(1, "x");
  log[4] = '\xff';  // length 0x7fff: more than a block can hold
  log[5] = '\x7f';
  log.resize(kWalBlockSize, 'q');
  log += Physical(1, "next block");
  ReadResult r = ReadBytes(log);
  EXPECT_EQ(r.records, (std::vector<std::string>{"next block"}));
  ASSERT_EQ(r.drops.size(), 1u);
  EXPECT_EQ(r.drops[0].bytes, kWalBlockSize);
  EXPECT_NE(r.drops[0].reason.find("bad record length"), std::string::npos);
}

TEST(WalReader, FirstWithoutLastIsReportedWhenANewRecordStarts) {
  const std::string log = Physical(2, "half") + Physical(1, "whole");
  ReadResult r = ReadBytes(log);
  EXPECT_EQ(r.records, (std::vector<std::string>{"whole"}));
  ASSERT_EQ(r.drops.size(), 1u);
  EXPECT_EQ(r.drops[0].bytes, 4u);  // the payload of the orphaned FIRST fragment
  EXPECT_NE(r.drops[0].reason.find("without its last fragment"), std::string::npos);
}

TEST(WalReader, TrailerShorterThanAHeaderIsSkipped) {
  std::string log = Physical(1, std::string(kWalBlockSize - 2 * kWalHeaderSize + 1, 'p'));  // 6 bytes left
  ASSERT_EQ(kWalBlockSize - log.size(), 6u);
  log.append(6, '\0');
  log += Physical(1, "b1");
  ReadResult r = ReadBytes(log);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1], "b1");
  EXPECT_TRUE(r.drops.empty());
  // Ending inside the trailer is a clean end too.
  ReadResult cut = ReadBytes(log.substr(0, kWalBlockSize - 3));
  EXPECT_EQ(cut.records.size(), 1u);
  EXPECT_TRUE(cut.drops.empty());
}

}  // namespace
}  // namespace touchpoint::store
