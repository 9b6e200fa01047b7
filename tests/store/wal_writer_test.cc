#include "store/wal_writer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/wal_format.h"
#include "store/wal_reader.h"
#include "test_util.h"
#include "util/coding.h"
#include "util/crc32c.h"
#include "util/file.h"

namespace touchpoint::store {
namespace {

using touchpoint::testing::TempDir;

std::string Pattern(size_t n, char seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>(seed + i * 7);
  return s;
}

std::string ReadAll(const std::string& path) {
  Result<std::string> r = ReadFileToString(path);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value() : std::string();
}

// (offset, type, length) of the physical record whose header starts at `offset`.
struct Header {
  uint8_t type;
  size_t length;
};
Header HeaderAt(const std::string& log, size_t offset) {
  return Header{static_cast<uint8_t>(log[offset + kWalTypeOffset]),
                static_cast<size_t>(static_cast<unsigned char>(log[offset + 4])) |
                    static_cast<size_t>(static_cast<unsigned char>(log[offset + 5])) << 8};
}

std::vector<std::string> ReadRecords(const std::string& path) {
  Result<std::unique_ptr<WalReader>> reader = WalReader::Open(path);
  EXPECT_TRUE(reader.ok());
  std::vector<std::string> out;
  std::string rec;
  while ((*reader)->ReadRecord(&rec)) out.push_back(rec);
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status().ToString();
  return out;
}

std::unique_ptr<WalWriter> OpenWriter(const std::string& path) {
  Result<std::unique_ptr<WalWriter>> w = WalWriter::Open(path);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  return w.ok() ? std::move(w).value() : nullptr;
}

TEST(WalWriter, EmptyRecordIsOneFullHeader) {
  TempDir dir;
  auto w = OpenWriter(dir.Sub("a.wal"));
  ASSERT_TRUE(w->AddRecord("").ok());
  ASSERT_TRUE(w->Sync().ok());
  const std::string log = ReadAll(dir.Sub("a.wal"));
  ASSERT_EQ(log.size(), kWalHeaderSize);
  EXPECT_EQ(w->file_size(), kWalHeaderSize);
  EXPECT_EQ(HeaderAt(log, 0).type, 1);  // FULL
  EXPECT_EQ(HeaderAt(log, 0).length, 0u);
  EXPECT_EQ(DecodeFixed32(log.data()), crc32c::Mask(crc32c::Value("\x01", 1)));
}

TEST(WalWriter, SmallRecordLayout) {
  TempDir dir;
  auto w = OpenWriter(dir.Sub("a.wal"));
  ASSERT_TRUE(w->AddRecord("abc").ok());
  ASSERT_TRUE(w->Sync().ok());
  const std::string log = ReadAll(dir.Sub("a.wal"));
  ASSERT_EQ(log.size(), 10u);
  EXPECT_EQ(log.substr(4), std::string("\x03\x00\x01"
                                       "abc",
                                       6));
  EXPECT_EQ(DecodeFixed32(log.data()), crc32c::Mask(crc32c::Value("\x01"
                                                                  "abc",
                                                                  4)));
}

TEST(WalWriter, RecordExactlyFillingABlock) {
  TempDir dir;
  auto w = OpenWriter(dir.Sub("a.wal"));
  ASSERT_TRUE(w->AddRecord(Pattern(kWalMaxFragment, 'a')).ok());
  ASSERT_TRUE(w->AddRecord("next").ok());
  ASSERT_TRUE(w->Sync().ok());
  const std::string log = ReadAll(dir.Sub("a.wal"));
  ASSERT_EQ(log.size(), kWalBlockSize + kWalHeaderSize + 4);
  EXPECT_EQ(HeaderAt(log, 0).type, 1);
  EXPECT_EQ(HeaderAt(log, 0).length, kWalMaxFragment);
  EXPECT_EQ(HeaderAt(log, kWalBlockSize).type, 1);
  EXPECT_EQ(ReadRecords(dir.Sub("a.wal")), (std::vector<std::string>{Pattern(kWalMaxFragment, 'a'), "next"}));
}

TEST(WalWriter, FragmentsAcrossBlocks) {
  TempDir dir;
  auto w = OpenWriter(dir.Sub("a.wal"));
  ASSERT_TRUE(w->AddRecord(Pattern(100000, 'b')).ok());
  ASSERT_TRUE(w->Sync().ok());
  const std::string log = ReadAll(dir.Sub("a.wal"));
  // 3 full fragments of 32761 bytes, then 100000 - 3 * 32761 = 1717.
  ASSERT_EQ(log.size(), 3 * kWalBlockSize + kWalHeaderSize + 1717);
  EXPECT_EQ(HeaderAt(log, 0).type, 2);              // FIRST
  EXPECT_EQ(HeaderAt(log, kWalBlockSize).type, 3);  // MIDDLE
  EXPECT_EQ(HeaderAt(log, 2 * kWalBlockSize).type, 3);
  EXPECT_EQ(HeaderAt(log, 3 * kWalBlockSize).type, 4);  // LAST
  EXPECT_EQ(HeaderAt(log, 3 * kWalBlockSize).length, 1717u);
}

TEST(WalWriter, PadsTrailerWhenNoHeaderFits) {
  TempDir dir;
  auto w = OpenWriter(dir.Sub("a.wal"));
  // Header + 32756 bytes end at 32763: 5 bytes left, less than a header.
  ASSERT_TRUE(w->AddRecord(Pattern(32756, 'c')).ok());
  ASSERT_TRUE(w->AddRecord("x").ok());
  ASSERT_TRUE(w->Sync().ok());
  const std::string log = ReadAll(dir.Sub("a.wal"));
  ASSERT_EQ(log.size(), kWalBlockSize + kWalHeaderSize + 1);
  EXPECT_EQ(log.substr(32763, 5), std::string(5, '\0'));
  EXPECT_EQ(HeaderAt(log, kWalBlockSize).type, 1);
  EXPECT_EQ(ReadRecords(dir.Sub("a.wal")), (std::vector<std::string>{Pattern(32756, 'c'), "x"}));
}

TEST(WalWriter, SevenBytesLeftGetsEmptyFirstFragment) {
  TempDir dir;
  auto w = OpenWriter(dir.Sub("a.wal"));
  ASSERT_TRUE(w->AddRecord(Pattern(32754, 'd')).ok());  // ends at 32761: exactly a header left
  ASSERT_TRUE(w->AddRecord("hello").ok());
  ASSERT_TRUE(w->Sync().ok());
  const std::string log = ReadAll(dir.Sub("a.wal"));
  ASSERT_EQ(log.size(), kWalBlockSize + kWalHeaderSize + 5);
  EXPECT_EQ(HeaderAt(log, 32761).type, 2);
  EXPECT_EQ(HeaderAt(log, 32761).length, 0u);
  EXPECT_EQ(HeaderAt(log, kWalBlockSize).type, 4);
  EXPECT_EQ(ReadRecords(dir.Sub("a.wal")), (std::vector<std::string>{Pattern(32754, 'd'), "hello"}));
}

TEST(WalWriter, LayoutOfTheFormatDocExample) {
  // docs/wal_format.md: A (1000), B (97270), C (10).
  TempDir dir;
  auto w = OpenWriter(dir.Sub("a.wal"));
  ASSERT_TRUE(w->AddRecord(Pattern(1000, 'A')).ok());
  ASSERT_TRUE(w->AddRecord(Pattern(97270, 'B')).ok());
  ASSERT_TRUE(w->AddRecord(Pattern(10, 'C')).ok());
  ASSERT_TRUE(w->Sync().ok());
  const std::string log = ReadAll(dir.Sub("a.wal"));
  EXPECT_EQ(HeaderAt(log, 1007).type, 2);
  EXPECT_EQ(HeaderAt(log, 1007).length, 31754u);
  EXPECT_EQ(HeaderAt(log, kWalBlockSize).length, 32761u);
  EXPECT_EQ(HeaderAt(log, 2 * kWalBlockSize).type, 4);
  EXPECT_EQ(HeaderAt(log, 2 * kWalBlockSize).length, 32755u);
  EXPECT_EQ(log.substr(98298, 6), std::string(6, '\0'));
  EXPECT_EQ(HeaderAt(log, 98304).type, 1);
  EXPECT_EQ(log.size(), 98304u + kWalHeaderSize + 10);
}

TEST(WalWriter, ReopenAppendsAtTheBlockOffset) {
  TempDir dir;
  const std::string path = dir.Sub("a.wal");
  std::vector<std::string> expected;
  // Block offsets at each reopen, worked out by hand: 0, 7246, 192 (after a
  // block filled exactly), 199, 225, 235, 32763 (5 bytes: trailer padding).
  const std::vector<size_t> sizes = {40000, 25700, 0, 65541, 3, 32521, 1};
  for (size_t i = 0; i < sizes.size(); ++i) {
    auto w = OpenWriter(path);
    ASSERT_EQ(w->file_size(), i == 0 ? 0 : ReadAll(path).size());
    if (i == 6) {
      ASSERT_EQ(w->file_size() % kWalBlockSize, 32763u);
    }
    expected.push_back(Pattern(sizes[i], static_cast<char>('a' + i)));
    ASSERT_TRUE(w->AddRecord(expected.back()).ok());
    ASSERT_TRUE(w->Sync().ok());
    EXPECT_EQ(w->file_size(), ReadAll(path).size());
  }
  EXPECT_EQ(ReadRecords(path), expected);
}

TEST(WalWriter, ReopenCutsATornTail) {
  TempDir dir;
  const std::string path = dir.Sub("a.wal");
  {
    auto w = OpenWriter(path);
    ASSERT_TRUE(w->AddRecord("first").ok());
    ASSERT_TRUE(w->AddRecord(Pattern(50000, 't')).ok());
    ASSERT_TRUE(w->Sync().ok());
  }
  // A crash mid-append: the second record's last fragment is cut short.
  const std::string log = ReadAll(path);
  ASSERT_TRUE(WriteFileSynced(path, log.substr(0, log.size() - 100)).ok());
  auto w = OpenWriter(path);
  EXPECT_EQ(w->file_size(), kWalHeaderSize + 5);
  ASSERT_TRUE(w->AddRecord("third").ok());
  ASSERT_TRUE(w->Sync().ok());
  EXPECT_EQ(ReadAll(path).size(), 2 * (kWalHeaderSize + 5));
  EXPECT_EQ(ReadRecords(path), (std::vector<std::string>{"first", "third"}));
}

TEST(WalWriter, ReopenRefusesALogCorruptBeforeItsEnd) {
  TempDir dir;
  const std::string path = dir.Sub("a.wal");
  {
    auto w = OpenWriter(path);
    ASSERT_TRUE(w->AddRecord("first").ok());
    ASSERT_TRUE(w->AddRecord(Pattern(50000, 'u')).ok());
    ASSERT_TRUE(w->Sync().ok());
  }
  std::string log = ReadAll(path);
  log[kWalHeaderSize + 1] ^= 0x10;  // inside "first"
  ASSERT_TRUE(WriteFileSynced(path, log).ok());
  Result<std::unique_ptr<WalWriter>> w = WalWriter::Open(path);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), Status::Code::kCorruption);
  EXPECT_EQ(ReadAll(path), log);  // left untouched
}

TEST(WalWriter, ReopenOfAZeroFilledTailCutsIt) {
  TempDir dir;
  const std::string path = dir.Sub("a.wal");
  {
    auto w = OpenWriter(path);
    ASSERT_TRUE(w->AddRecord("kept").ok());
    ASSERT_TRUE(w->Sync().ok());
  }
  ASSERT_TRUE(WriteFileSynced(path, ReadAll(path) + std::string(4096, '\0')).ok());
  auto w = OpenWriter(path);
  EXPECT_EQ(w->file_size(), kWalHeaderSize + 4);
  ASSERT_TRUE(w->AddRecord("more").ok());
  ASSERT_TRUE(w->Sync().ok());
  EXPECT_EQ(ReadRecords(path), (std::vector<std::string>{"kept", "more"}));
}

TEST(WalWriter, OpenInMissingDirectoryFails) {
  TempDir dir;
  Result<std::unique_ptr<WalWriter>> w = WalWriter::Open(dir.Sub("no/such/dir/a.wal"));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), Status::Code::kIOError);
}

}  // namespace
}  // namespace touchpoint::store
