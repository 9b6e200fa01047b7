// Durability over HTTP: clients send batches while the server is SIGKILLed
// mid-stream, many times; after each restart every acknowledged event must
// be in the store exactly once, and a client that retries what it was never
// told about (PostHog's libraries do) must not create a second copy.
#include <httplib.h>

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "server_process.h"

namespace touchpoint::server {
namespace {

using touchpoint::testing::ServerProcess;
using touchpoint::testing::StoredEvents;
using touchpoint::testing::TempDir;

constexpr int kClients = 6;
constexpr int kEventsPerBatch = 100;
constexpr int kRounds = 6;

std::string Batch(int client, long seq) {
  std::string body = R"({"batch":[)";
  for (int e = 0; e < kEventsPerBatch; ++e) {
    // Half PostHog's shape, half ours; the id names client, batch and event.
    const std::string id = std::to_string(client) + "-" + std::to_string(seq) + "-" + std::to_string(e);
    if (e % 2 == 0) {
      body += R"({"event":"$pageview","distinct_id":"v)" + std::to_string(client) + R"(","uuid":")" + id +
              R"(","timestamp":"2024-06-01T00:00:00Z","properties":{"$current_url":"/p"}},)";
    } else {
      // A property named after the client: a group commit joins batches
      // whose property columns differ.
      body += R"({"timestamp":1717200000,"customer_id":"c)" + std::to_string(client) +
              R"(","event":"click","event_id":")" + id + R"(","from_client_)" + std::to_string(client) +
              R"(":"x"},)";
    }
  }
  body.back() = ']';
  return body + "}";
}

std::map<std::string, int> CountIds(const std::string& db) {
  EventBatch all = StoredEvents(db);
  std::map<std::string, int> ids;
  for (size_t i = 0; i < all.size(); ++i) ++ids[std::string(all.event_id.Get(i))];
  return ids;
}

TEST(ServerDurability, AcknowledgedEventsSurviveSigkillExactlyOnce) {
  TempDir dir;
  const std::string db = dir.Sub("store");
  // Small log flushes, so kills also land during a flush into a part.
  std::ofstream(dir.Sub("t.toml")) << "[server]\nflush_log_events = 3000\n";
  std::mt19937 rng(2024);
  std::set<std::string> acknowledged;  // batch keys "client-seq"
  std::set<std::string> unanswered;    // sent, never answered: maybe stored
  long next_seq = 0;
  for (int round = 0; round < kRounds; ++round) {
    ServerProcess server(db, {"--config", dir.Sub("t.toml")});
    ASSERT_TRUE(server.started()) << server.output();
    std::mutex mu;
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    const long first = next_seq;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] {
        httplib::Client http("127.0.0.1", server.port());
        http.set_read_timeout(10, 0);
        // Retries first: last round's unanswered batches of this client.
        std::vector<std::string> retry;
        {
          std::lock_guard lock(mu);
          for (const std::string& key : unanswered) {
            if (key.rfind(std::to_string(c) + "-", 0) == 0) retry.push_back(key);
          }
        }
        for (const std::string& key : retry) {
          const long seq = std::stol(key.substr(key.find('-') + 1));
          auto r = http.Post("/batch", Batch(c, seq), "application/json");
          if (!r) return;  // killed already
          if (r->status == 200) {
            std::lock_guard lock(mu);
            acknowledged.insert(key);
            unanswered.erase(key);
          }
        }
        for (long seq = first + c; !stop.load(); seq += kClients) {
          const std::string key = std::to_string(c) + "-" + std::to_string(seq);
          {
            std::lock_guard lock(mu);
            unanswered.insert(key);
          }
          auto r = http.Post("/batch", Batch(c, seq), "application/json");
          if (!r) return;  // the server died under us: unanswered stays
          std::lock_guard lock(mu);
          if (r->status == 200) {
            acknowledged.insert(key);
            unanswered.erase(key);
          } else {
            ADD_FAILURE() << "status " << r->status << ": " << r->body;
            return;
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + rng() % 600));
    EXPECT_EQ(server.Kill(SIGKILL), -1);
    stop = true;
    for (auto& t : clients) t.join();
    next_seq = first + 1'000'000;

    const std::map<std::string, int> ids = CountIds(db);
    size_t missing = 0;
    for (const std::string& key : acknowledged) {
      for (int e = 0; e < kEventsPerBatch; ++e) {
        auto it = ids.find(key + "-" + std::to_string(e));
        if (it == ids.end()) ++missing;
      }
    }
    ASSERT_EQ(missing, 0u) << "round " << round << ": acknowledged events lost";
    for (const auto& [id, n] : ids) ASSERT_EQ(n, 1) << "round " << round << ": " << id << " stored " << n << " times";
    // A batch is one log record: stored whole or not at all.
    std::map<std::string, int> per_batch;
    for (const auto& [id, n] : ids) ++per_batch[id.substr(0, id.rfind('-'))];
    for (const auto& [key, n] : per_batch) ASSERT_EQ(n, kEventsPerBatch) << "round " << round << ": batch " << key;
  }
  EXPECT_GT(acknowledged.size(), 50u);
  std::printf("%zu batches acknowledged across %d kills, %zu unanswered (retried below)\n", acknowledged.size(),
              kRounds, unanswered.size());
  // A clean run at the end retries the rest and drains: everything once.
  ServerProcess last(db, {"--config", dir.Sub("t.toml")});
  ASSERT_TRUE(last.started());
  httplib::Client http("127.0.0.1", last.port());
  for (const std::string& key : std::set<std::string>(unanswered)) {
    const int c = std::stoi(key.substr(0, key.find('-')));
    auto r = http.Post("/batch", Batch(c, std::stol(key.substr(key.find('-') + 1))), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    acknowledged.insert(key);
  }
  EXPECT_EQ(last.Kill(SIGTERM), 0) << last.output();
  const std::map<std::string, int> ids = CountIds(db);
  EXPECT_EQ(ids.size(), acknowledged.size() * kEventsPerBatch);
  for (const auto& [id, n] : ids) EXPECT_EQ(n, 1) << id;
}

}  // namespace
}  // namespace touchpoint::server
