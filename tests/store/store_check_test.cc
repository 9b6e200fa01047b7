// CheckStore and RepairStore (`touchpoint check [--repair]`): a sound store
// checks clean; damage in an event-id set, a log record or an unnamed file
// is found, changes nothing until --repair, and is then repaired without
// losing a readable row.
#include "store/store_check.h"

#include <gtest/gtest.h>

#include <cstring>

#include "store/load_writer.h"
#include "store/part_batch.h"
#include "test_util.h"
#include "util/file.h"

namespace touchpoint::store {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::TempDir;

EventBatch Batch(int first, int count) {
  EventBatch b;
  for (int i = first; i < first + count; ++i) {
    AddEvent(&b, "c" + std::to_string(i % 10), 1000 * i, "page_view", "web", kAbsent, "id" + std::to_string(i));
  }
  return b;
}

uint64_t Rows(const std::string& dir) {
  StoreOptions ro;
  ro.read_only = true;
  auto store = Store::Open(dir, ro);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  auto snap = (*store)->GetSnapshot();
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  return snap.ok() ? (*snap)->rows() : 0;
}

void Flip(const std::string& path, uint64_t offset) {
  std::string bytes = ReadFileToString(path).value();
  bytes[offset] = static_cast<char>(bytes[offset] ^ 0x5A);
  ASSERT_TRUE(WriteFileAtomic(path, bytes).ok());
}

size_t Repair(const std::string& dir, const CheckReport& report, std::vector<std::string>* said) {
  auto store = Store::Open(dir, StoreOptions{});
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  size_t repaired = 0;
  EXPECT_TRUE(RepairStore(store->get(), report, [&](const std::string& s) { said->push_back(s); }, &repaired).ok());
  return repaired;
}

TEST(StoreCheck, ASoundStoreChecksClean) {
  TempDir dir;
  {
    auto store = Store::Open(dir.path(), StoreOptions{});
    ASSERT_TRUE(store.ok());
    auto load = (*store)->BeginLoad("a", 1, 1, false);
    ASSERT_TRUE((*load)->Add(Batch(0, 100)).ok());
    LoadEntry e;
    ASSERT_TRUE((*load)->Commit(&e).ok());
    uint64_t dups = 0;
    ASSERT_TRUE((*store)->Append(Batch(100, 10), &dups).ok());
  }
  auto report = CheckStore(dir.path());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << report->issues[0].file << ": " << report->issues[0].problem;
  EXPECT_EQ(report->parts, 1u);
  EXPECT_EQ(report->rows, 100u);
  EXPECT_EQ(report->event_ids, 100u);
  EXPECT_EQ(report->log_records, 1u);
  EXPECT_EQ(report->loads, 1u);
  EXPECT_FALSE(CheckStore(dir.Sub("nothing")).ok());
}

// Issue 11: a corrupt event-id set on a one-part store blocked every
// ingest, and compact did nothing. check finds it; --repair rebuilds it
// from the part's event_id column.
TEST(StoreCheck, ADamagedEventIdSetIsRebuiltFromTheRows) {
  TempDir dir;
  std::string part_path;
  {
    auto store = Store::Open(dir.path(), StoreOptions{});
    auto load = (*store)->BeginLoad("a", 1, 1, false);
    ASSERT_TRUE((*load)->Add(Batch(0, 100)).ok());
    LoadEntry e;
    ASSERT_TRUE((*load)->Commit(&e).ok());
    part_path = (*store)->PartPath((*store)->manifest().parts[0].id);
  }
  auto part = PartReader::Open(part_path);
  ASSERT_TRUE(part.ok());
  // The raw set ends where the footer starts: flip a byte of its last hash.
  const std::string bytes = ReadFileToString(part_path).value();
  uint32_t footer = 0;
  std::memcpy(&footer, bytes.data() + bytes.size() - 16, 4);
  part->reset();
  Flip(part_path, bytes.size() - 16 - footer - 3);
  auto report = CheckStore(dir.path());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->issues.size(), 1u);
  EXPECT_NE(report->issues[0].problem.find("event-id set"), std::string::npos) << report->issues[0].problem;
  EXPECT_EQ(report->issues[0].fix, CheckFix::kRebuildIdSet);
  // A load fails on the damaged set (the duplicate check reads it) ...
  {
    auto store = Store::Open(dir.path(), StoreOptions{});
    auto load = (*store)->BeginLoad("b", 2, 1, false);
    ASSERT_TRUE((*load)->Add(Batch(50, 100)).ok());
    LoadEntry e;
    const Status s = (*load)->Commit(&e);
    EXPECT_EQ(s.code(), Status::Code::kCorruption);
    EXPECT_NE(s.message().find("check --repair"), std::string::npos) << s.message();
  }
  std::vector<std::string> said;
  EXPECT_EQ(Repair(dir.path(), *report, &said), 1u);
  ASSERT_EQ(said.size(), 1u);
  EXPECT_NE(said[0].find("rebuilding its event-id set"), std::string::npos);
  auto after = CheckStore(dir.path());
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->ok());
  EXPECT_EQ(after->event_ids, 100u);
  EXPECT_EQ(Rows(dir.path()), 100u);
  // ... and works after the repair: ids 50..99 are duplicates.
  auto store = Store::Open(dir.path(), StoreOptions{});
  auto load = (*store)->BeginLoad("b", 2, 1, false);
  ASSERT_TRUE((*load)->Add(Batch(50, 100)).ok());
  LoadEntry e;
  ASSERT_TRUE((*load)->Commit(&e).ok());
  EXPECT_EQ(e.duplicates, 50u);
  EXPECT_EQ(e.accepted, 50u);
}

// A damaged log record and what follows it move to lost/; the records
// before it stay; check says what --repair will do and changes nothing.
TEST(StoreCheck, ADamagedLogRecordAndWhatFollowsMoveToLost) {
  TempDir dir;
  std::string log_path;
  {
    auto store = Store::Open(dir.path(), StoreOptions{});
    uint64_t dups = 0;
    for (int i = 0; i < 3; ++i) ASSERT_TRUE((*store)->Append(Batch(i * 10, 10), &dups).ok());
    log_path = (*store)->LogPath((*store)->manifest().log_number);
  }
  const uint64_t size = FileSize(log_path).value();
  Flip(log_path, size - 20);  // inside the third record
  auto report = CheckStore(dir.path());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->issues.size(), 1u);
  EXPECT_EQ(report->issues[0].fix, CheckFix::kMoveLogTail);
  const uint64_t cut = report->issues[0].log_offset;
  EXPECT_GT(cut, 0u);
  EXPECT_LT(cut, size);
  EXPECT_EQ(FileSize(log_path).value(), size);  // check changes nothing
  std::vector<std::string> said;
  EXPECT_EQ(Repair(dir.path(), *report, &said), 1u);
  EXPECT_NE(said[0].find("lost/"), std::string::npos) << said[0];
  EXPECT_EQ(FileSize(log_path).value(), cut);
  auto lost = ListDir(dir.Sub("lost"));
  ASSERT_TRUE(lost.ok());
  ASSERT_EQ(lost->size(), 1u);
  EXPECT_EQ(FileSize(dir.Sub("lost/" + lost->front())).value(), size - cut);
  EXPECT_TRUE(CheckStore(dir.path())->ok());
  EXPECT_EQ(Rows(dir.path()), 20u);  // the two records before the damage
}

TEST(StoreCheck, FilesNoManifestNamesAreListedAndMovedToLost) {
  TempDir dir;
  { ASSERT_TRUE(Store::Open(dir.path(), StoreOptions{}).ok()); }
  ASSERT_TRUE(WriteFileSynced(dir.Sub("parts/part-00099999.tpp"), "stray").ok());
  ASSERT_TRUE(WriteFileSynced(dir.Sub("rejected/notes.txt"), "mine").ok());
  auto report = CheckStore(dir.path());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->issues.size(), 2u);
  for (const CheckIssue& i : report->issues) EXPECT_EQ(i.fix, CheckFix::kMoveStrayFile);
  std::vector<std::string> said;
  EXPECT_EQ(Repair(dir.path(), *report, &said), 2u);
  EXPECT_FALSE(FileExists(dir.Sub("parts/part-00099999.tpp")));
  EXPECT_TRUE(FileExists(dir.Sub("lost/parts-part-00099999.tpp")));
  EXPECT_TRUE(FileExists(dir.Sub("lost/rejected-notes.txt")));
  EXPECT_TRUE(CheckStore(dir.path())->ok());
}

TEST(StoreCheck, ADamagedManifestIsAFaultNotAnError) {
  TempDir dir;
  { ASSERT_TRUE(Store::Open(dir.path(), StoreOptions{}).ok()); }
  Flip(dir.Sub("MANIFEST"), 5);
  auto report = CheckStore(dir.path());
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(report->issues.size(), 1u);
  EXPECT_EQ(report->issues[0].file, "MANIFEST");
  EXPECT_EQ(report->issues[0].fix, CheckFix::kNone);
}

}  // namespace
}  // namespace touchpoint::store
