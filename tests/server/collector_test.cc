#include "server/collector.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "server_process.h"
#include "util/file.h"

namespace touchpoint::server {
namespace {

using touchpoint::testing::StoredEvents;
using touchpoint::testing::TempDir;

EventBatch Events(int thread, int request, int n) {
  EventBatch b;
  // A property of this thread's own: one commit joins batches whose
  // property columns differ.
  const uint32_t prop = b.PropertyIndex("thread_" + std::to_string(thread));
  const std::string customer = "c" + std::to_string(thread);
  for (int i = 0; i < n; ++i) {
    const std::string id = std::to_string(thread) + "-" + std::to_string(request) + "-" + std::to_string(i);
    EventRow row;
    row.customer_id = customer;
    row.timestamp_ms = 1717200000000 + i;
    row.event = "page_view";
    row.event_id = id;
    row.properties.emplace_back(prop, "t");
    b.Append(row);
  }
  return b;
}

TEST(Collector, ConcurrentSubmitsAreAllDurableAndGrouped) {
  TempDir dir;
  CollectorOptions options;
  options.flush_log_events = 1000;  // several flushes into parts on the way
  auto c = Collector::Open(dir.Sub("s"), options);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  constexpr int kThreads = 8, kRequests = 60, kEvents = 7;
  std::vector<std::thread> threads;
  std::atomic<int> stored{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRequests; ++r) {
        SubmitResult res = (*c)->Submit(Events(t, r, kEvents), {});
        EXPECT_EQ(res.outcome, SubmitOutcome::kStored) << res.message;
        stored += static_cast<int>(res.stored);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(stored.load(), kThreads * kRequests * kEvents);
  // Readers see every acknowledged event while the collector runs.
  EXPECT_EQ(StoredEvents(dir.Sub("s")).size(), static_cast<size_t>(kThreads * kRequests * kEvents));
  CollectorStats s = (*c)->stats();
  EXPECT_EQ(s.events_stored, static_cast<uint64_t>(kThreads * kRequests * kEvents));
  EXPECT_LE(s.commits, static_cast<uint64_t>(kThreads * kRequests));
  EXPECT_GE(s.log_flushes, 1u);
  ASSERT_TRUE((*c)->Drain().ok());
  SubmitResult late = (*c)->Submit(Events(0, 999, 1), {});
  EXPECT_EQ(late.outcome, SubmitOutcome::kUnavailable);
  EXPECT_EQ(late.message, "the server is shutting down");
  EventBatch all = StoredEvents(dir.Sub("s"));
  std::set<std::string> ids;
  for (size_t i = 0; i < all.size(); ++i) ids.insert(std::string(all.event_id.Get(i)));
  EXPECT_EQ(ids.size(), static_cast<size_t>(kThreads * kRequests * kEvents));
  for (const auto& p : all.properties) {
    size_t set = 0;
    for (size_t i = 0; i < all.size(); ++i) set += !p.values.Get(i).empty();
    EXPECT_EQ(set, static_cast<size_t>(kRequests * kEvents)) << p.name;
  }
}

TEST(Collector, RepeatedIdsAreStoredOnceAndLinksWritten) {
  TempDir dir;
  auto c = Collector::Open(dir.Sub("s"), CollectorOptions{});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->Submit(Events(1, 1, 5), {}).outcome, SubmitOutcome::kStored);
  SubmitResult again = (*c)->Submit(Events(1, 1, 5), {IdentityLink{"anon", "c1"}, IdentityLink{"c1", "anon"}});
  EXPECT_EQ(again.outcome, SubmitOutcome::kStored);  // the cycle is a no-op, not a failure
  EXPECT_EQ((*c)->stats().events_stored, 5u);
  ASSERT_TRUE((*c)->Drain().ok());
  EXPECT_EQ(StoredEvents(dir.Sub("s")).size(), 5u);
  auto aliases = touchpoint::ReadFileToString(dir.Sub("s") + "/ALIASES");
  ASSERT_TRUE(aliases.ok());
  EXPECT_EQ(*aliases, "anon\tc1\n");
}

TEST(Collector, SecondWriterIsRefused) {
  TempDir dir;
  auto first = Collector::Open(dir.Sub("s"), CollectorOptions{});
  ASSERT_TRUE(first.ok());
  auto second = Collector::Open(dir.Sub("s"), CollectorOptions{});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Status::Code::kBusy);
}

}  // namespace
}  // namespace touchpoint::server
