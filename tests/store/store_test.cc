// Store: loads, the log, idempotency, the lock, versions, compaction, erasure.
#include "store/store.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store/alias_table.h"
#include "store/derived_table.h"
#include "store/load_writer.h"
#include "store/part_batch.h"
#include "test_util.h"
#include "util/file.h"
#include "util/hash.h"

namespace touchpoint::store {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& dir, bool read_only = false) {
  StoreOptions o;
  o.read_only = read_only;
  auto s = Store::Open(dir, o);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? std::move(s).value() : nullptr;
}

// Every row of a snapshot, in part order per part.
EventBatch AllRows(const Store& store) {
  auto snap = store.GetSnapshot();
  EXPECT_TRUE(snap.ok());
  EventBatch out;
  DecodeContext ctx;
  for (const auto& p : (*snap)->parts) {
    for (size_t b = 0; b < p->blocks().size(); ++b) EXPECT_TRUE(ReadBlockAsBatch(*p, b, &ctx, &out).ok());
  }
  return out;
}

EventBatch Batch(int first, int count, const std::string& customer_prefix = "c") {
  EventBatch b;
  for (int i = first; i < first + count; ++i) {
    AddEvent(&b, customer_prefix + std::to_string(i % 10), 1000 * i, "page_view", "web", kAbsent,
             "id" + std::to_string(i));
  }
  return b;
}

Status Load(Store* store, const EventBatch& batch, uint64_t hash, bool force = false, LoadEntry* entry = nullptr) {
  TP_ASSIGN_OR_RETURN(std::unique_ptr<LoadWriter> load, store->BeginLoad("test", hash, 100, force));
  TP_RETURN_IF_ERROR(load->Add(batch));
  LoadEntry e;
  return load->Commit(entry ? entry : &e);
}

TEST(Store, LoadBecomesVisibleOnlyAtCommit) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto load = store->BeginLoad("a.csv", 42, 100, false);
  ASSERT_TRUE(load.ok());
  ASSERT_TRUE((*load)->Add(Batch(0, 100)).ok());
  EXPECT_EQ(AllRows(*store).size(), 0u);
  LoadEntry entry;
  ASSERT_TRUE((*load)->Commit(&entry).ok());
  EXPECT_EQ(entry.accepted, 100u);
  EXPECT_EQ(AllRows(*store).size(), 100u);
  // A fresh reader (another process would do the same) sees it too.
  auto reader = OpenOrDie(dir.path(), /*read_only=*/true);
  EXPECT_EQ(AllRows(*reader).size(), 100u);
}

TEST(Store, AbandonedLoadLeavesNoTrace) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  {
    auto load = store->BeginLoad("a.csv", 42, 100, false);
    ASSERT_TRUE(load.ok());
    (*load)->set_memory_budget(kMinLoadMemory);
    EventBatch big = Batch(0, 200000);  // more than a part's share of the budget: a part is cut
    ASSERT_TRUE((*load)->Add(big).ok());
    ASSERT_TRUE((*load)->AddRejected("", "{\"reason\":\"x\"}").ok());
  }
  EXPECT_EQ(AllRows(*store).size(), 0u);
  auto parts = ListDir(dir.Sub("parts"));
  ASSERT_TRUE(parts.ok());
  EXPECT_TRUE(parts->empty());
  auto rejected = ListDir(dir.Sub("rejected"));
  EXPECT_TRUE(rejected->empty());
}

TEST(Store, SameContentIsRefusedUnlessForced) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(Load(store.get(), Batch(0, 10), 7).ok());
  auto again = store->BeginLoad("b.csv", 7, 100, false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), Status::Code::kAlreadyExists);
  EXPECT_NE(again.status().message().find("--force"), std::string::npos);
  EXPECT_TRUE(store->BeginLoad("b.csv", 7, 100, true).ok());
}

TEST(Store, ReplayedEventIdsAreStoredOnce) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(Load(store.get(), Batch(0, 100), 1).ok());
  LoadEntry second;
  ASSERT_TRUE(Load(store.get(), Batch(50, 100), 2, false, &second).ok());  // ids 50..149: 50 repeat
  EXPECT_EQ(second.duplicates, 50u);
  EXPECT_EQ(second.accepted, 50u);
  EXPECT_EQ(AllRows(*store).size(), 150u);
  // Within one batch too.
  EventBatch twice = Batch(200, 5);
  for (size_t i = 0; i < 5; ++i) twice.AppendFrom(Batch(200, 5), i);
  LoadEntry third;
  ASSERT_TRUE(Load(store.get(), twice, 3, false, &third).ok());
  EXPECT_EQ(third.accepted, 5u);
  EXPECT_EQ(third.duplicates, 5u);
  // And after reopening (the id set is rebuilt from the parts).
  store.reset();
  store = OpenOrDie(dir.path());
  LoadEntry fourth;
  ASSERT_TRUE(Load(store.get(), Batch(0, 10), 4, false, &fourth).ok());
  EXPECT_EQ(fourth.duplicates, 10u);
  // The log path dedups as well.
  uint64_t dups = 0;
  ASSERT_TRUE(store->Append(Batch(140, 20), &dups).ok());
  EXPECT_EQ(dups, 10u);
  EXPECT_EQ(AllRows(*store).size(), 165u);
}

TEST(Store, SecondWriterIsRefusedReadersAreFine) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto second = Store::Open(dir.path(), StoreOptions{});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_TRUE(Store::Open(dir.path(), ro).ok());
}

TEST(Store, UnknownFormatVersionIsRefused) {
  TempDir dir;
  { OpenOrDie(dir.path()); }
  ASSERT_TRUE(WriteFileAtomic(dir.Sub("FORMAT"), "touchpoint-store 99\n").ok());
  auto s = Store::Open(dir.path(), StoreOptions{});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kNotSupported);
  EXPECT_NE(s.status().message().find("touchpoint-store 99"), std::string::npos);
}

TEST(Store, AppendedEventsSurviveReopenAndFlush) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    uint64_t dups = 0;
    ASSERT_TRUE(store->Append(Batch(0, 10), &dups).ok());
    ASSERT_TRUE(store->Append(Batch(10, 10), &dups).ok());
    auto reader = OpenOrDie(dir.path(), true);  // sees log-resident events
    EXPECT_EQ(AllRows(*reader).size(), 20u);
  }
  auto store = OpenOrDie(dir.path());
  EXPECT_EQ(AllRows(*store).size(), 20u);
  ASSERT_TRUE(store->FlushLog().ok());
  EXPECT_EQ(store->manifest().parts.size(), 1u);
  EXPECT_EQ(AllRows(*store).size(), 20u);
  auto logs = ListDir(dir.Sub("log"));
  EXPECT_TRUE(logs->empty());
}

// The collector's background flush: appends go on between the mark and
// the commit, and land in the next log; readers see every event throughout.
TEST(Store, BackgroundLogFlushKeepsAppendsMadeWhileItRuns) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  uint64_t dups = 0;
  ASSERT_TRUE(store->Append(Batch(0, 30), &dups).ok());
  auto flush = store->BeginLogFlush();
  ASSERT_TRUE(flush.ok()) << flush.status().ToString();
  ASSERT_TRUE(store->Append(Batch(30, 5), &dups).ok());  // after the mark
  ASSERT_TRUE(Store::WriteLogPart(&flush.value()).ok());
  ASSERT_TRUE(store->Append(Batch(35, 5), &dups).ok());
  ASSERT_TRUE(store->Append(Batch(0, 3), &dups).ok());  // repeats, still skipped
  EXPECT_EQ(dups, 3u);
  EXPECT_EQ(AllRows(*OpenOrDie(dir.path(), true)).size(), 40u);
  ASSERT_TRUE(store->FinishLogFlush(*flush).ok());
  ASSERT_TRUE(RemoveFile(flush->log_path).ok());
  ASSERT_EQ(store->manifest().parts.size(), 1u);
  EXPECT_EQ(store->manifest().parts[0].info.rows, 30u);  // the events up to the mark
  EXPECT_EQ(AllRows(*OpenOrDie(dir.path(), true)).size(), 40u);
  ASSERT_TRUE(store->Append(Batch(40, 2), &dups).ok());  // into the new log
  store.reset();
  auto reopened = OpenOrDie(dir.path());
  EventBatch all = AllRows(*reopened);
  ASSERT_EQ(all.size(), 42u);
  std::set<std::string> ids;
  for (size_t i = 0; i < all.size(); ++i) ids.insert(std::string(all.event_id.Get(i)));
  EXPECT_EQ(ids.size(), 42u);
  EXPECT_EQ(ListDir(dir.Sub("log"))->size(), 1u);
}

// A writer killed before the flush commits: the old log is still the live
// one, and the next log and the part are swept as garbage.
TEST(Store, UnfinishedBackgroundFlushLeavesTheOldLogLive) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    uint64_t dups = 0;
    ASSERT_TRUE(store->Append(Batch(0, 10), &dups).ok());
    auto flush = store->BeginLogFlush();
    ASSERT_TRUE(flush.ok());
    ASSERT_TRUE(store->Append(Batch(10, 10), &dups).ok());
    ASSERT_TRUE(Store::WriteLogPart(&flush.value()).ok());
    EXPECT_EQ(ListDir(dir.Sub("log"))->size(), 2u);
    EXPECT_EQ(ListDir(dir.Sub("parts"))->size(), 1u);
  }  // gone without FinishLogFlush
  auto store = OpenOrDie(dir.path());
  EXPECT_EQ(AllRows(*store).size(), 20u);
  EXPECT_EQ(ListDir(dir.Sub("log"))->size(), 1u);
  EXPECT_TRUE(ListDir(dir.Sub("parts"))->empty());
  uint64_t dups = 0;
  ASSERT_TRUE(store->Append(Batch(20, 1), &dups).ok());  // ids reserved before the kill are reused safely
  ASSERT_TRUE(store->FlushLog().ok());
  EXPECT_EQ(AllRows(*store).size(), 21u);
}

// A load after appends not yet flushed into a part: ids in the live log are
// stored already, so their rows are duplicates; the rest of the load lands.
TEST(Store, LoadSkipsIdsStillInTheLog) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  uint64_t dups = 0;
  ASSERT_TRUE(store->Append(Batch(0, 10), &dups).ok());
  LoadEntry entry;
  ASSERT_TRUE(Load(store.get(), Batch(5, 10), 7, false, &entry).ok());  // ids 5-14; 5-9 are logged
  EXPECT_EQ(entry.duplicates, 5u);
  EXPECT_EQ(entry.accepted, 5u);
  EventBatch all = AllRows(*store);
  ASSERT_EQ(all.size(), 15u);
  std::set<std::string> ids;
  for (size_t i = 0; i < all.size(); ++i) ids.insert(std::string(all.event_id.Get(i)));
  EXPECT_EQ(ids.size(), 15u);
}

// Equal timestamps keep arrival order through the merge after a load:
// 17 loads (one more than kMaxPartsBeforeMerge) of one event each for
// customer "t", all at the same millisecond, events e1..e17; a second
// customer's varying load sizes make the merged run of parts land in the
// middle of the manifest. Read back in part order (as the scan does), t's
// events must still come e1, e2, ..., e17.
TEST(Store, MergesKeepEqualTimestampsInArrivalOrder) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  for (int i = 1; i <= 17; ++i) {
    EventBatch b;
    AddEvent(&b, "t", 5000, "e" + std::to_string(i));
    for (int k = 0; k < (i % 5) * 3; ++k) AddEvent(&b, "u", 1000 * (100 * i + k), "page_view");
    ASSERT_TRUE(Load(store.get(), b, 1000 + i).ok());
    ASSERT_TRUE(store->MaybeMerge().ok());  // as ingest's background merge does
  }
  EXPECT_LT(store->manifest().parts.size(), 17u);  // a merge ran
  EventBatch rows = AllRows(*store);
  std::vector<std::string> order;
  // Part by part, t's rows; within a part they are in time, then arrival, order.
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows.customer_id.Get(i) == "t") order.emplace_back(rows.event.Get(i));
  }
  ASSERT_EQ(order.size(), 17u);
  for (int i = 1; i <= 17; ++i) EXPECT_EQ(order[i - 1], "e" + std::to_string(i));
}

TEST(Store, CompactMergesPartsAndKeepsEveryRow) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Load(store.get(), Batch(i * 100, 100, "c"), 10 + i).ok());
  EXPECT_EQ(store->manifest().parts.size(), 5u);
  CompactStats stats;
  ASSERT_TRUE(store->Compact(&stats).ok());
  EXPECT_EQ(stats.parts_before, 5u);
  EXPECT_EQ(stats.parts_after, 1u);
  EventBatch rows = AllRows(*store);
  ASSERT_EQ(rows.size(), 500u);
  // Each customer's rows are contiguous and in time order.
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows.customer_id.Get(i) == rows.customer_id.Get(i - 1)) {
      EXPECT_LE(rows.timestamp_ms[i - 1], rows.timestamp_ms[i]);
    }
  }
  EXPECT_EQ(ListDir(dir.Sub("parts"))->size(), 1u);
}

TEST(Store, MergeRunMergesOnlyAConsecutiveRunInPlace) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(Load(store.get(), Batch(i * 100, 100, "c"), 20 + i).ok());
  std::vector<uint64_t> ids;
  for (const PartEntry& p : store->manifest().parts) ids.push_back(p.id);
  ASSERT_EQ(ids.size(), 4u);
  CompactStats stats;
  // Not a run of the manifest (a gap, the wrong order, a missing id): nothing happens.
  for (const std::vector<uint64_t>& bad : {std::vector<uint64_t>{ids[0], ids[2]}, {ids[2], ids[1]}, {ids[3], 999}}) {
    ASSERT_TRUE(store->MergeRun(bad, &stats).ok());
    EXPECT_EQ(store->manifest().parts.size(), 4u);
  }
  // The middle two: merged into one part that takes their place.
  ASSERT_TRUE(store->MergeRun({ids[1], ids[2]}, &stats).ok());
  const auto& parts = store->manifest().parts;
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].id, ids[0]);
  EXPECT_EQ(parts[1].info.rows, 200u);
  EXPECT_EQ(parts[2].id, ids[3]);
  EXPECT_EQ(stats.rows, 400u);
  EXPECT_EQ(AllRows(*store).size(), 400u);
  EXPECT_EQ(ListDir(dir.Sub("parts"))->size(), 3u);
}

// A background merge adopts the lock its parent holds (here: a descriptor
// of the same open file, as a child inherits it); a writer that finds the
// lock held and the MERGING note present waits instead of failing.
TEST(Store, AWriterWaitsForABackgroundMerge) {
  TempDir dir;
  auto parent = OpenOrDie(dir.path());
  ASSERT_TRUE(parent->NoteBackgroundMerge().ok());
  StoreOptions adopt;
  adopt.inherited_lock_fd = ::dup(parent->lock_fd());
  auto merge = Store::Open(dir.path(), adopt);
  ASSERT_TRUE(merge.ok()) << merge.status().ToString();
  parent.reset();  // the merge's descriptor still holds the lock
  std::atomic<bool> opened{false};
  std::thread writer([&] {
    auto s = Store::Open(dir.path(), StoreOptions{});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    opened = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_FALSE(opened);  // still waiting: the merge holds the lock
  ASSERT_TRUE((*merge)->ClearBackgroundMerge().ok());
  merge->reset();  // done: the lock is released
  writer.join();
  EXPECT_TRUE(opened);
  EXPECT_FALSE(FileExists(dir.path() + "/MERGING"));
}

TEST(Store, AStaleMergeNoteNeitherBlocksNorStays) {
  TempDir dir;
  { auto store = OpenOrDie(dir.path()); }
  ASSERT_TRUE(WriteFileAtomic(dir.path() + "/MERGING", "left by a killed merge\n").ok());
  auto store = OpenOrDie(dir.path());  // the lock is free: no wait
  EXPECT_FALSE(FileExists(dir.path() + "/MERGING"));
  auto second = Store::Open(dir.path(), StoreOptions{});  // held by a writer, no note: Busy
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
}

TEST(Store, DeleteCustomerErasesEverything) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(Load(store.get(), Batch(0, 100), 1).ok());
  uint64_t dups = 0;
  ASSERT_TRUE(store->Append(Batch(100, 20), &dups).ok());
  ASSERT_TRUE(AliasTable(dir.path()).Link("anon-3", "c3").ok());
  DerivedColumn seg{"segment", "v1", {{"c3", "vip"}, {"c4", "new"}}};
  ASSERT_TRUE(DerivedTable::Write(dir.path(), seg).ok());
  DeleteStats stats;
  ASSERT_TRUE(store->DeleteCustomer("c3", /*suppress=*/true, &stats).ok());
  EXPECT_EQ(stats.events_deleted, 12u);  // 10 loaded + 2 appended
  EXPECT_EQ(stats.aliases_deleted, 1u);
  EXPECT_EQ(stats.derived_values_deleted, 1u);
  EventBatch rows = AllRows(*store);
  EXPECT_EQ(rows.size(), 108u);
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_NE(rows.customer_id.Get(i), "c3");
  auto derived = DerivedTable::Read(dir.path(), "segment");
  ASSERT_TRUE(derived.ok());
  EXPECT_EQ(derived->values.count("c3"), 0u);
  EXPECT_EQ(derived->values.count("c4"), 1u);
}

// Issue 11 item 2: a writer deletes only files the manifest named as
// garbage or reserved for a writer; anything else stays for `check`.
TEST(Store, OnlyReservedOrNamedGarbageIsSweptAtOpen) {
  TempDir dir;
  uint64_t reserved_part = 0;
  {
    auto store = OpenOrDie(dir.path());
    // A load reserves ids in the manifest before it writes files; a kill
    // leaves its files and the reservation (the files are made below).
    auto load = store->BeginLoad("a.csv", 0, 0, false);
    ASSERT_TRUE(load.ok());
    ASSERT_EQ(store->manifest().reserved.size(), 1u);
    reserved_part = store->manifest().reserved.back().first + 1;
  }
  char name[64];
  std::snprintf(name, sizeof(name), "parts/part-%08llu.tpp", static_cast<unsigned long long>(reserved_part));
  ASSERT_TRUE(WriteFileSynced(dir.Sub(name), "half a part").ok());
  ASSERT_TRUE(WriteFileSynced(dir.Sub("parts/part-00099999.tpp"), "not named by any manifest").ok());
  ASSERT_TRUE(WriteFileSynced(dir.Sub("parts/notes.txt"), "the user's").ok());
  ASSERT_TRUE(WriteFileSynced(dir.Sub("rejected/load-00099999.ndjson"), "{}").ok());
  ASSERT_TRUE(WriteFileSynced(dir.Sub("MANIFEST.tmp"), "partial").ok());
  auto store = OpenOrDie(dir.path());
  EXPECT_FALSE(FileExists(dir.Sub(name)));
  EXPECT_TRUE(FileExists(dir.Sub("parts/part-00099999.tpp")));
  EXPECT_TRUE(FileExists(dir.Sub("parts/notes.txt")));
  EXPECT_TRUE(FileExists(dir.Sub("rejected/load-00099999.ndjson")));
  EXPECT_FALSE(FileExists(dir.Sub("MANIFEST.tmp")));
  EXPECT_TRUE(store->manifest().reserved.empty());
}

// Issue 11 item 2: `rm STORE/MANIFEST` made info report 0 events and the
// next ingest delete the parts. Now every open says the store is damaged.
TEST(Store, MissingManifestIsADamagedStoreForEveryone) {
  TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    ASSERT_TRUE(Load(store.get(), Batch(0, 100), 1).ok());
  }
  const size_t parts = ListDir(dir.Sub("parts"))->size();
  ASSERT_EQ(parts, 1u);
  ASSERT_TRUE(RemoveFile(dir.Sub("MANIFEST")).ok());
  for (bool read_only : {true, false}) {
    StoreOptions o;
    o.read_only = read_only;
    auto s = Store::Open(dir.path(), o);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().code(), Status::Code::kCorruption);
    EXPECT_NE(s.status().message().find("no MANIFEST"), std::string::npos) << s.status().message();
  }
  EXPECT_EQ(ListDir(dir.Sub("parts"))->size(), parts);
  EXPECT_FALSE(FileExists(dir.Sub("MANIFEST")));
}

// Issue 11 item 3: `--db d` on a folder of the user's deleted their files.
TEST(Store, IsCreatedOnlyInANewOrEmptyDirectory) {
  TempDir dir;
  ASSERT_TRUE(CreateDirIfMissing(dir.Sub("d")).ok());
  ASSERT_TRUE(CreateDirIfMissing(dir.Sub("d/log")).ok());
  ASSERT_TRUE(WriteFileSynced(dir.Sub("d/log/app.log"), "x\n").ok());
  auto s = Store::Open(dir.Sub("d"), StoreOptions{});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("not empty"), std::string::npos) << s.status().message();
  EXPECT_EQ(ReadFileToString(dir.Sub("d/log/app.log")).value(), "x\n");
  EXPECT_FALSE(FileExists(dir.Sub("d/FORMAT")));
  ASSERT_TRUE(CreateDirIfMissing(dir.Sub("empty")).ok());
  EXPECT_TRUE(Store::Open(dir.Sub("empty"), StoreOptions{}).ok());
  EXPECT_TRUE(Store::Open(dir.Sub("new"), StoreOptions{}).ok());
  // The configuration may come first (docs/config.md): it is kept.
  ASSERT_TRUE(CreateDirIfMissing(dir.Sub("configured")).ok());
  ASSERT_TRUE(WriteFileSynced(dir.Sub("configured/touchpoint.toml"), "[ingest]\n").ok());
  EXPECT_TRUE(Store::Open(dir.Sub("configured"), StoreOptions{}).ok());
  EXPECT_TRUE(FileExists(dir.Sub("configured/FORMAT")));
  EXPECT_EQ(ReadFileToString(dir.Sub("configured/touchpoint.toml")).value(), "[ingest]\n");
}

// Issue 11 item 1: an erased customer's rows came back with the next load.
TEST(Store, AnErasedCustomerStaysErased) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(Load(store.get(), Batch(0, 100), 1).ok());
  DeleteStats stats;
  ASSERT_TRUE(store->DeleteCustomer("c3", /*suppress=*/true, &stats).ok());
  EXPECT_EQ(stats.events_deleted, 10u);
  EXPECT_TRUE(stats.suppressed);
  // The same rows again (new content hash): c3's 10 rows are dropped as
  // erased, the others are duplicates; then fresh ids of c3 from any path.
  LoadEntry again;
  ASSERT_TRUE(Load(store.get(), Batch(0, 100), 2, false, &again).ok());
  EXPECT_EQ(again.accepted, 0u);
  EXPECT_EQ(again.erased, 10u);
  EXPECT_EQ(again.duplicates, 90u);
  LoadEntry fresh;
  ASSERT_TRUE(Load(store.get(), Batch(1000, 100), 3, false, &fresh).ok());
  EXPECT_EQ(fresh.erased, 10u);
  EXPECT_EQ(fresh.accepted, 90u);
  uint64_t dups = 0;
  ASSERT_TRUE(store->Append(Batch(5000, 20), &dups).ok());
  EventBatch rows = AllRows(*store);
  EXPECT_EQ(rows.size(), 90u + 90u + 18u);
  for (size_t i = 0; i < rows.size(); ++i) ASSERT_NE(rows.customer_id.Get(i), "c3");
  // The list holds hashes only (16 hex digits, so "c3" may occur inside
  // one by chance, never as a field of its own), and survives a reopen.
  {
    std::istringstream fields(*ReadFileToString(dir.Sub("SUPPRESSED")));
    for (std::string field; fields >> field;) ASSERT_NE(field, "c3");
  }
  store.reset();
  store = OpenOrDie(dir.path());
  EXPECT_TRUE(store->suppression().Contains("c3"));
  EXPECT_FALSE(store->suppression().Contains("c4"));
  // A rejected row of an erased customer is not kept either.
  auto load = store->BeginLoad("r.csv", 0, 0, true);
  ASSERT_TRUE(load.ok());
  ASSERT_TRUE((*load)->AddRejected("c3", "{\"customer_id\":\"c3\"}").ok());
  ASSERT_TRUE((*load)->AddRejected("c4", "{\"customer_id\":\"c4\"}").ok());
  LoadEntry rejected;
  ASSERT_TRUE((*load)->Commit(&rejected).ok());
  EXPECT_EQ(rejected.rejected, 1u);
  EXPECT_EQ(rejected.erased, 1u);
}

TEST(Store, DeleteWithoutSuppressingLetsTheCustomerBackIn) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(Load(store.get(), Batch(0, 100), 1).ok());
  DeleteStats stats;
  ASSERT_TRUE(store->DeleteCustomer("c3", /*suppress=*/false, &stats).ok());
  EXPECT_FALSE(stats.suppressed);
  LoadEntry again;
  ASSERT_TRUE(Load(store.get(), Batch(0, 100), 2, false, &again).ok());
  EXPECT_EQ(again.accepted, 10u);  // erasure freed their event ids too
  EXPECT_EQ(again.erased, 0u);
  EXPECT_FALSE(FileExists(dir.Sub("SUPPRESSED")));
}

// Issue 11 item 4: delete --customer C1 also deleted C10's rejected rows and
// any whose text contained "C1".
TEST(Store, DeleteMatchesARejectedRowsCustomerExactly) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto load = store->BeginLoad("bad.csv", 0, 0, false);
  ASSERT_TRUE(load.ok());
  ASSERT_TRUE((*load)->Add(Batch(0, 10)).ok());
  ASSERT_TRUE((*load)->AddRejected("C1", "{\"line\":2,\"customer_id\":\"C1\",\"raw\":\"x,C1,y\"}").ok());
  ASSERT_TRUE((*load)->AddRejected("C10", "{\"line\":3,\"customer_id\":\"C10\",\"raw\":\"x,C10,y\"}").ok());
  ASSERT_TRUE((*load)->AddRejected("C123", "{\"line\":4,\"customer_id\":\"C123\",\"raw\":\"C1 said\"}").ok());
  ASSERT_TRUE((*load)->AddRejected("", "{\"line\":5,\"customer_id\":\"\",\"raw\":\"timestamp,C1\"}").ok());
  // A line written before rejected rows named their customer: any mention goes.
  ASSERT_TRUE((*load)->AddRejected("", "{\"line\":6,\"raw\":\"2024-01-01,C1,x,y\"}").ok());
  LoadEntry entry;
  ASSERT_TRUE((*load)->Commit(&entry).ok());
  EXPECT_EQ(entry.rejected, 5u);
  DeleteStats stats;
  ASSERT_TRUE(store->DeleteCustomer("C1", true, &stats).ok());
  EXPECT_EQ(stats.rejected_rows_deleted, 2u);
  const std::string kept = ReadFileToString(store->RejectedPath(entry.id)).value();
  EXPECT_EQ(kept.find("\"line\":2"), std::string::npos);
  EXPECT_EQ(kept.find("\"line\":6"), std::string::npos);
  for (const char* line : {"\"line\":3", "\"line\":4", "\"line\":5"}) EXPECT_NE(kept.find(line), std::string::npos);
  EXPECT_EQ(store->manifest().loads.back().rejected, 3u);  // info's rejected count
  DeleteStats again;
  ASSERT_TRUE(store->DeleteCustomer("timestamp", true, &again).ok());
  EXPECT_EQ(again.rejected_rows_deleted, 0u);  // no line names it as its customer
}

TEST(Store, UnloadTakesALoadOutAndItsIdsAndContentCanComeBack) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  LoadEntry first, second;
  ASSERT_TRUE(Load(store.get(), Batch(0, 100), 11, false, &first).ok());
  ASSERT_TRUE(Load(store.get(), Batch(100, 50), 12, false, &second).ok());
  CompactStats compacted;
  ASSERT_TRUE(store->Compact(&compacted).ok());  // one part holding both loads
  ASSERT_EQ(store->manifest().parts.size(), 1u);
  UnloadStats stats;
  ASSERT_TRUE(store->Unload(first.id, &stats).ok());
  EXPECT_EQ(stats.events_removed, 100u);
  EXPECT_EQ(stats.parts_rewritten, 1u);
  EventBatch rows = AllRows(*store);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows.LoadId(i), second.id) << rows.event_id.Get(i) << " " << rows.customer_id.Get(i) << " " << rows.timestamp_ms[i];
  }
  ASSERT_EQ(rows.size(), 50u);
  ASSERT_EQ(store->manifest().loads.size(), 1u);
  LoadEntry back;
  ASSERT_TRUE(Load(store.get(), Batch(0, 100), 11, false, &back).ok());  // same content, same ids
  EXPECT_EQ(back.accepted, 100u);
  EXPECT_EQ(store->Unload(999, &stats).code(), Status::Code::kNotFound);
}

// A load's event ids repeated across its parts (a small budget: many parts)
// and against the store are dropped at commit, earliest arrival kept.
TEST(Store, RepeatsAcrossPartsOfALoadAreDroppedAtCommit) {
  TempDir dir;
  auto store = OpenOrDie(dir.path());
  ASSERT_TRUE(Load(store.get(), Batch(0, 1000), 1).ok());  // ids 0..999 stored
  auto load = store->BeginLoad("big.csv", 0, 0, false);
  ASSERT_TRUE(load.ok());
  (*load)->set_memory_budget(kMinLoadMemory);
  for (int round = 0; round < 4; ++round) {
    EventBatch b = Batch(round * 100000, 100000);  // ids 0..399999: 1000 stored already
    for (int i = 0; i < 500; ++i) {              // and 500 repeats of an earlier part's ids
      AddEvent(&b, "late", 1, "page_view", "", kAbsent, "id" + std::to_string(i * 7 + 2000));
    }
    ASSERT_TRUE((*load)->Add(std::move(b)).ok());
  }
  LoadEntry entry;
  ASSERT_TRUE((*load)->Commit(&entry).ok());
  EXPECT_GT((*load)->parts().size(), 2u);
  EXPECT_EQ(entry.accepted, 399000u);
  EXPECT_EQ(entry.duplicates, 1000u + 4 * 500u);
  EventBatch rows = AllRows(*store);
  EXPECT_EQ(rows.size(), 400000u);
  for (size_t i = 0; i < rows.size(); ++i) ASSERT_NE(rows.customer_id.Get(i), "late");
}

TEST(Manifest, RoundTripsAndDetectsDamage) {
  Manifest m;
  m.generation = 3;
  m.data_version = 2;
  m.next_id = 9;
  m.log_number = 8;
  m.parts.push_back(PartEntry{4, PartInfo{100, 10, -5, 99, 4096}});
  m.loads.push_back(LoadEntry{5, 0xabcdef, 1234, 100, 2, 1, 3, 1700000000000, "dir/with\ttab.csv"});
  m.reserved.emplace_back(10, 74);
  m.garbage.push_back(7);
  auto back = Manifest::Decode(m.Encode(), "MANIFEST");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->generation, 3u);
  EXPECT_EQ(back->parts[0].info.min_ts, -5);
  EXPECT_EQ(back->loads[0].source, "dir/with\ttab.csv");
  EXPECT_EQ(back->loads[0].content_hash, 0xabcdefu);
  EXPECT_EQ(back->loads[0].erased, 3u);
  EXPECT_TRUE(back->IsReserved(10) && back->IsReserved(73) && !back->IsReserved(74));
  EXPECT_EQ(back->garbage, std::vector<uint64_t>{7});
  // A version-1 manifest (no erased counts, reservations or garbage) is read.
  const std::string v1 =
      "touchpoint-manifest 1\ngeneration\t3\ndata_version\t2\nnext_id\t9\nlog\t8\n"
      "load\t5\t0000000000abcdef\t1234\t100\t2\t1\t1700000000000\tx.csv\n";
  char sum[17];
  std::snprintf(sum, sizeof(sum), "%016llx", static_cast<unsigned long long>(Hash64(v1)));
  auto old = Manifest::Decode(v1 + "checksum\t" + sum + "\n", "MANIFEST");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->loads[0].accepted, 100u);
  EXPECT_EQ(old->loads[0].source, "x.csv");
  std::string text = m.Encode();
  text[30] = 'X';
  EXPECT_EQ(Manifest::Decode(text, "MANIFEST").status().code(), Status::Code::kCorruption);
}

TEST(AliasTable, ResolvesChainsAndRefusesCycles) {
  TempDir dir;
  AliasTable t(dir.path());
  ASSERT_TRUE(t.Link("a", "b").ok());
  ASSERT_TRUE(t.Link("b", "c").ok());
  auto map = t.Load();
  ASSERT_TRUE(map.ok());
  EXPECT_EQ(map->at("a"), "c");
  EXPECT_EQ(map->at("b"), "c");
  EXPECT_FALSE(t.Link("c", "a").ok());
  EXPECT_FALSE(t.Link("x", "x").ok());
}

}  // namespace
}  // namespace touchpoint::store
