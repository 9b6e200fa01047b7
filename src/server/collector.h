// Collector: the server's single writer. HTTP threads hand it validated
// events (and identity links); one commit thread appends everything that is
// waiting as one write-ahead-log record with one fsync (group commit), then
// wakes every request whose events that record held. A request is answered
// only after its events are durable, so an acknowledged event survives a
// crash; it is never accepted and then dropped.
//
// Back-pressure: at most `max_pending_events` may wait for a commit; past
// that Submit refuses at once (Overloaded) instead of queueing without
// bound. While the store fails (a full disk, say) or the collector is
// draining, Submit refuses with Unavailable. The commit thread also turns
// the log into a part when it grows large or old (queries replay the log).
//
// Owns the writable Store (and so its write lock) for its whole life.
// Thread-safe: Submit may be called from any number of threads.
#ifndef TOUCHPOINT_SERVER_COLLECTOR_H_
#define TOUCHPOINT_SERVER_COLLECTOR_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "event/event_batch.h"
#include "store/store.h"
#include "util/status.h"

namespace touchpoint::server {

struct CollectorOptions {
  size_t max_pending_events = 500'000;
  size_t flush_log_events = 500'000;
  std::chrono::seconds flush_log_after{60};
};

// An identity link: `alias` (an anonymous id) is the same person as `canonical`.
struct IdentityLink {
  std::string alias;
  std::string canonical;
};

enum class SubmitOutcome {
  kStored,       // durable: every event is in the fsync'd log
  kOverloaded,   // too many events waiting; nothing was stored (429)
  kUnavailable,  // draining or the store is failing; nothing was stored (503)
};

struct SubmitResult {
  SubmitOutcome outcome = SubmitOutcome::kUnavailable;
  uint64_t stored = 0;  // events now durable (an event_id already stored counts: it is there once)
  std::string message;  // why, when not stored
};

struct CollectorStats {
  uint64_t events_stored = 0;  // new events (repeated event_ids not counted)
  uint64_t commits = 0;      // log records (fsyncs)
  uint64_t log_flushes = 0;  // logs turned into parts
  uint64_t flush_ms_max = 0;        // the longest flush, written beside the commits
  uint64_t flush_stall_ms_max = 0;  // the longest time commits waited for one
  uint64_t refused_overloaded = 0;
  uint64_t refused_unavailable = 0;
  size_t pending_events = 0;
  bool store_ok = true;
  std::string last_error;
};

class Collector {
 public:
  // Opens the store at `db` for writing (creating it when missing) and
  // starts the commit thread. Busy when another process writes the store.
  static Result<std::unique_ptr<Collector>> Open(const std::string& db, const CollectorOptions& options);
  ~Collector();  // Drain()s
  Collector(const Collector&) = delete;
  Collector& operator=(const Collector&) = delete;

  // Blocks until the events and links are durable, or refuses at once.
  // `events` may be empty (links only).
  SubmitResult Submit(EventBatch events, std::vector<IdentityLink> links);

  // Refuses new work, commits everything already accepted, turns the log
  // into a part and stops the commit thread. Idempotent.
  Status Drain();

  CollectorStats stats() const;

 private:
  struct Pending {
    EventBatch events;
    std::vector<IdentityLink> links;
    SubmitResult result;
    // Released by the commit thread once `result` is set: each request
    // wakes alone, without a herd of waiters retaking mu_.
    std::binary_semaphore done{0};
  };

  Collector(std::unique_ptr<store::Store> store, const CollectorOptions& options);
  void CommitLoop();
  // Writes one group; sets each request's result. Called without mu_.
  void CommitGroup(std::vector<Pending*>& group);
  // Turns the log into a part when the policy says so, in the background
  // (store/store.h BeginLogFlush): the part is written by a thread of its
  // own while commits go on, and finished here once it is. Called without mu_.
  void MaybeFlushLog(bool force);
  void FinishFlush();
  // Waits for a background flush and drops it (its part is unnamed garbage).
  void AbandonFlush();
  Status ReopenStore();

  struct BackgroundFlush {
    store::Store::LogFlush flush;
    uint64_t log_events_at_mark = 0;
    std::chrono::steady_clock::time_point started;
    Status status;
    std::atomic<bool> done{false};
    std::thread thread;
  };

  const CollectorOptions options_;
  std::unique_ptr<store::Store> store_;  // used by the commit thread only
  std::string db_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;  // the commit thread waits for work
  std::deque<Pending*> queue_;
  size_t pending_events_ = 0;  // queued plus being committed
  bool draining_ = false;
  bool stopped_ = false;
  CollectorStats stats_;
  Status drain_status_;

  // Commit thread only.
  std::unique_ptr<BackgroundFlush> flush_;
  std::thread cleanup_;  // removes a flushed log off the commit path
  uint64_t log_events_ = 0;
  std::chrono::steady_clock::time_point log_started_;
  std::chrono::steady_clock::time_point last_commit_;
  std::thread thread_;
};

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_COLLECTOR_H_
