// ParallelScan: each customer once, all its events in time order, merged
// across parts and the log, clipped to the range, aliases stitched.
#include "scan/parallel_scan.h"

#include <gtest/gtest.h>

#include <map>

#include "store/alias_table.h"
#include "store/load_writer.h"
#include "store/store.h"
#include "test_util.h"

namespace touchpoint::scan {
namespace {

using touchpoint::testing::AddEvent;
using touchpoint::testing::TempDir;

// Records what it was given, per customer.
class Recorder : public CustomerConsumer {
 public:
  explicit Recorder(const Catalog* catalog) : catalog_(catalog) {}
  void Consume(const CustomerView& c) override {
    auto& rows = seen_[std::string(c.customer_id)];
    EXPECT_TRUE(rows.empty()) << "customer " << c.customer_id << " delivered twice";
    for (size_t i = 0; i < c.size; ++i) {
      std::string device = c.properties ? std::string(c.properties[0][i]) : "";
      rows.push_back({c.timestamp[i], std::string(catalog_->Value(kEvent, c.event()[i])), device});
    }
  }
  void Merge(CustomerConsumer& other) override {
    for (auto& [k, v] : static_cast<Recorder&>(other).seen_) {
      EXPECT_EQ(seen_.count(k), 0u);
      seen_[k] = v;
    }
  }
  struct Row {
    int64_t ts;
    std::string event;
    std::string device;
  };
  std::map<std::string, std::vector<Row>> seen_;
  const Catalog* catalog_;
};

// Records each customer's rows by hash, reading the times through
// Timestamps() (as a consumer of lazy timestamps must) and whether its id
// came along.
class ByHash : public CustomerConsumer {
 public:
  void Consume(const CustomerView& c) override {
    auto& got = seen_[c.customer_hash];
    EXPECT_TRUE(got.times.empty()) << "customer delivered twice";
    const int64_t* ts = c.Timestamps();
    got.times.assign(ts, ts + c.size);
    got.events.assign(c.event(), c.event() + c.size);
    got.id = std::string(c.customer_id);
  }
  void Merge(CustomerConsumer& other) override {
    for (auto& [k, v] : static_cast<ByHash&>(other).seen_) seen_[k] = v;
  }
  struct Customer {
    std::vector<int64_t> times;
    std::vector<uint32_t> events;
    std::string id;
  };
  std::map<uint64_t, Customer> seen_;
};

std::unique_ptr<store::Store> Open(const std::string& dir) {
  auto s = store::Store::Open(dir, store::StoreOptions{});
  EXPECT_TRUE(s.ok());
  return std::move(s).value();
}

void Load(store::Store* s, const EventBatch& b, uint64_t hash) {
  auto load = s->BeginLoad("t", hash, 1, false);
  ASSERT_TRUE(load.ok());
  ASSERT_TRUE((*load)->Add(b).ok());
  store::LoadEntry e;
  ASSERT_TRUE((*load)->Commit(&e).ok());
}

std::map<std::string, std::vector<Recorder::Row>> ScanAll(const store::Store& s, ScanSpec spec) {
  auto snap = s.GetSnapshot();
  EXPECT_TRUE(snap.ok());
  ParallelScan scan(*snap);
  std::unique_ptr<CustomerConsumer> out;
  const Catalog* cat = &scan.catalog();
  Status st = scan.Run(spec, [&] { return std::make_unique<Recorder>(cat); }, &out);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return static_cast<Recorder&>(*out).seen_;
}

TEST(ParallelScan, MergesACustomerAcrossPartsAndTheLogInTimeOrder) {
  TempDir dir;
  auto s = Open(dir.path());
  EventBatch a, b, c;
  AddEvent(&a, "alice", 3000, "purchase");
  AddEvent(&a, "alice", 1000, "page_view");
  AddEvent(&a, "bob", 500, "page_view");
  AddEvent(&b, "alice", 2000, "add_to_cart");
  AddEvent(&b, "carol", 100, "signup");
  Load(s.get(), a, 1);
  Load(s.get(), b, 2);
  AddEvent(&c, "alice", 2500, "checkout");
  uint64_t dups;
  ASSERT_TRUE(s->Append(c, &dups).ok());
  auto seen = ScanAll(*s, ScanSpec{});
  ASSERT_EQ(seen.size(), 3u);
  const auto& alice = seen["alice"];
  ASSERT_EQ(alice.size(), 4u);
  EXPECT_EQ(alice[0].event, "page_view");
  EXPECT_EQ(alice[1].event, "add_to_cart");
  EXPECT_EQ(alice[2].event, "checkout");
  EXPECT_EQ(alice[3].event, "purchase");
  EXPECT_EQ(seen["bob"].size(), 1u);
  EXPECT_EQ(seen["carol"][0].ts, 100);
}

TEST(ParallelScan, ClipsToTheTimeRangeFromInclusiveToExclusive) {
  TempDir dir;
  auto s = Open(dir.path());
  EventBatch a;
  for (int t = 0; t < 10; ++t) AddEvent(&a, "x", t * 100, "page_view");
  AddEvent(&a, "y", 50, "page_view");
  Load(s.get(), a, 1);
  ScanSpec spec;
  spec.from_ms = 200;
  spec.to_ms = 500;
  auto seen = ScanAll(*s, spec);
  ASSERT_EQ(seen.size(), 1u);  // y has nothing in range
  ASSERT_EQ(seen["x"].size(), 3u);
  EXPECT_EQ(seen["x"][0].ts, 200);
  EXPECT_EQ(seen["x"][2].ts, 400);
}

TEST(ParallelScan, AliasesMakeOnePersonOfSeveralIds) {
  TempDir dir;
  auto s = Open(dir.path());
  EventBatch a;
  AddEvent(&a, "anon-1", 100, "page_view");
  AddEvent(&a, "anon-1", 200, "signup");
  AddEvent(&a, "u1", 300, "purchase");
  AddEvent(&a, "u2", 150, "page_view");
  Load(s.get(), a, 1);
  ASSERT_TRUE(store::AliasTable(dir.path()).Link("anon-1", "u1").ok());
  auto seen = ScanAll(*s, ScanSpec{});
  ASSERT_EQ(seen.size(), 2u);
  ASSERT_EQ(seen["u1"].size(), 3u);
  EXPECT_EQ(seen["u1"][0].event, "page_view");
  EXPECT_EQ(seen["u1"][2].event, "purchase");
  ScanSpec raw;
  raw.resolve_aliases = false;
  EXPECT_EQ(ScanAll(*s, raw).size(), 3u);
}

TEST(ParallelScan, ShardsAndThreadsDoNotChangeTheResult) {
  TempDir dir;
  auto s = Open(dir.path());
  for (int load = 0; load < 3; ++load) {
    EventBatch b;
    uint32_t device = b.PropertyIndex("device");
    for (int i = 0; i < 30000; ++i) {
      EventRow row;
      std::string customer = "c" + std::to_string((i * 31 + load) % 2000);
      row.customer_id = customer;
      row.timestamp_ms = i * 10 + load;
      row.event = i % 3 ? "page_view" : "click";
      std::string dev = i % 2 ? "mobile" : "desktop";
      row.properties = {{device, dev}};
      b.Append(row);
    }
    Load(s.get(), b, 100 + load);
  }
  ScanSpec one;
  one.threads = 1;
  one.properties = {"device"};
  ScanSpec two = one;
  two.threads = 2;
  auto a = ScanAll(*s, one);
  auto b = ScanAll(*s, two);
  ASSERT_EQ(a.size(), 2000u);
  ASSERT_EQ(a.size(), b.size());
  size_t rows = 0;
  for (const auto& [k, v] : a) {
    ASSERT_EQ(v.size(), b[k].size());
    rows += v.size();
    for (size_t i = 0; i < v.size(); ++i) {
      EXPECT_EQ(v[i].ts, b[k][i].ts);
      EXPECT_EQ(v[i].device, b[k][i].device);
      if (i) {
        EXPECT_LE(v[i - 1].ts, v[i].ts);
      }
    }
  }
  EXPECT_EQ(rows, 90000u);
}

// A consumer that takes its times lazily and asks for no ids gets the same
// rows and times as one that takes everything: for customers spread over
// several parts (merged, so decoded first), one part, a clipped range, and
// with aliases (decoded, ids read to resolve them).
TEST(ParallelScan, LazyTimestampsAndNoIdsGiveTheSameRows) {
  TempDir dir;
  auto s = Open(dir.path());
  for (int load = 0; load < 3; ++load) {
    EventBatch b;
    for (int i = 0; i < 20000; ++i) {
      const int customer = load == 2 && i % 2 ? 5000 + i % 700 : (i * 31 + load) % 2000;  // load 2: some only there
      AddEvent(&b, "c" + std::to_string(customer), int64_t{1700000000000} + i * 61000 + load * 7,
               i % 3 ? "page_view" : "click");
    }
    Load(s.get(), b, 100 + load);
  }
  ASSERT_TRUE(store::AliasTable(dir.path()).Link("c5001", "c7").ok());
  auto snap = s->GetSnapshot();
  ASSERT_TRUE(snap.ok());
  ASSERT_GE((*snap)->parts.size(), 3u);
  ParallelScan scan(*snap);
  auto run = [&](ScanSpec spec) {
    std::unique_ptr<CustomerConsumer> out;
    EXPECT_TRUE(scan.Run(spec, [] { return std::make_unique<ByHash>(); }, &out).ok());
    return static_cast<ByHash&>(*out).seen_;
  };
  for (const auto& [from, to] : {std::pair<int64_t, int64_t>{INT64_MIN, INT64_MAX},
                                 std::pair<int64_t, int64_t>{1700000000000 + 3600000, 1700000000000 + 86400000}}) {
    for (bool aliases : {true, false}) {
      ScanSpec eager;
      eager.from_ms = from;
      eager.to_ms = to;
      eager.resolve_aliases = aliases;
      ScanSpec lazy = eager;
      lazy.lazy_timestamps = true;
      lazy.customer_ids = false;
      const auto want = run(eager);
      const auto got = run(lazy);
      ASSERT_EQ(got.size(), want.size());
      size_t named = 0;
      for (const auto& [hash, c] : want) {
        const auto it = got.find(hash);
        ASSERT_NE(it, got.end());
        EXPECT_EQ(it->second.times, c.times) << c.id;
        EXPECT_EQ(it->second.events, c.events) << c.id;
        named += !it->second.id.empty();
      }
      // Ids come along only when the scan read them itself (to resolve aliases).
      EXPECT_EQ(named, aliases ? want.size() : 0u);
    }
  }
}

}  // namespace
}  // namespace touchpoint::scan
