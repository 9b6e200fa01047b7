#include "server/collector.h"

#include <algorithm>

#include "store/alias_table.h"
#include "util/file.h"

namespace touchpoint::server {
namespace {

// How long the commit thread sleeps when idle before it rechecks the flush
// policy (and, after a failure, retries opening the store).
constexpr std::chrono::milliseconds kIdleTick{250};
// The log is flushed for age only after this long without a commit, so a
// steady stream is not stalled by it.
constexpr std::chrono::seconds kQuietBeforeFlush{1};

// Every column holds one value per row. A batch that breaks this would be
// encoded into a log record no reader can decode, making every later query
// fail; so it is refused before it is written (it would be our bug).
bool Consistent(const EventBatch& b) {
  const size_t n = b.size();
  bool ok = b.customer_id.size() == n && b.event.size() == n && b.event_id.size() == n && b.session_id.size() == n &&
            b.channel.size() == n && b.campaign.size() == n && b.page.size() == n && b.revenue.size() == n &&
            b.survey.size() == n && b.score.size() == n && b.comment.size() == n && b.feature.size() == n;
  for (const auto& p : b.properties) ok &= p.values.size() == n;
  return ok;
}

Result<std::unique_ptr<store::Store>> OpenWritable(const std::string& db) {
  store::StoreOptions options;
  options.create_if_missing = true;
  return store::Store::Open(db, options);
}

}  // namespace

Result<std::unique_ptr<Collector>> Collector::Open(const std::string& db, const CollectorOptions& options) {
  TP_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, OpenWritable(db));
  // Events a previous run left in the log become a part now, so the log
  // this run counts starts empty.
  TP_RETURN_IF_ERROR(store->FlushLog());
  std::unique_ptr<Collector> c(new Collector(std::move(store), options));
  c->db_ = db;
  c->thread_ = std::thread([raw = c.get()] { raw->CommitLoop(); });
  return c;
}

Collector::Collector(std::unique_ptr<store::Store> store, const CollectorOptions& options)
    : options_(options), store_(std::move(store)) {
  last_commit_ = log_started_ = std::chrono::steady_clock::now();
}

Collector::~Collector() { (void)Drain(); }

SubmitResult Collector::Submit(EventBatch events, std::vector<IdentityLink> links) {
  Pending p;
  p.events = std::move(events);
  p.links = std::move(links);
  const size_t n = p.events.size();
  std::unique_lock lock(mu_);
  if (draining_ || !stats_.store_ok) {
    ++stats_.refused_unavailable;
    p.result.outcome = SubmitOutcome::kUnavailable;
    p.result.message = draining_ ? "the server is shutting down" : "the store cannot be written: " + stats_.last_error;
    return p.result;
  }
  // A request larger than the whole queue still gets in when the queue is
  // empty, so no valid request is refused forever.
  if (pending_events_ > 0 && pending_events_ + n > options_.max_pending_events) {
    ++stats_.refused_overloaded;
    p.result.outcome = SubmitOutcome::kOverloaded;
    p.result.message = std::to_string(pending_events_) + " events are waiting to be written";
    return p.result;
  }
  pending_events_ += n;
  queue_.push_back(&p);
  lock.unlock();
  work_cv_.notify_one();
  p.done.acquire();
  return p.result;
}

void Collector::CommitLoop() {
  std::unique_lock lock(mu_);
  while (true) {
    work_cv_.wait_for(lock, kIdleTick,
                      [&] { return !queue_.empty() || draining_ || (flush_ && flush_->done.load()); });
    if (queue_.empty()) {
      if (draining_) break;
      const bool store_ok = stats_.store_ok;
      lock.unlock();
      if (!store_ok) {
        Status s = ReopenStore();
        lock.lock();
        stats_.store_ok = s.ok();
        if (!s.ok()) stats_.last_error = s.ToString();
        continue;
      }
      MaybeFlushLog(false);
      lock.lock();
      continue;
    }
    std::vector<Pending*> group(queue_.begin(), queue_.end());
    queue_.clear();
    lock.unlock();
    CommitGroup(group);
    lock.lock();
    for (Pending* p : group) pending_events_ -= p->events.size();
    lock.unlock();
    // After its release a request may return and free *p.
    for (Pending* p : group) p->done.release();
    MaybeFlushLog(false);
    lock.lock();
  }
}

void Collector::CommitGroup(std::vector<Pending*>& group) {
  Status s = store_ ? Status::OK() : Status::IOError("the store is closed");
  if (s.ok()) {
    store::AliasTable aliases(db_);
    for (Pending* p : group) {
      for (const IdentityLink& link : p->links) {
        Status ls = aliases.Link(link.alias, link.canonical);
        // A link that would make a cycle is a no-op (the ids are already one
        // person); only an I/O failure fails the commit.
        if (!ls.ok() && ls.code() != Status::Code::kInvalidArgument) s = ls;
      }
    }
  }
  uint64_t duplicates = 0, events = 0;
  if (s.ok()) {
    const EventBatch* batch = &group.front()->events;
    EventBatch combined;
    if (group.size() > 1) {
      for (Pending* p : group) combined.AppendRows(p->events);
      batch = &combined;
    }
    events = batch->size();
    if (!Consistent(*batch)) {
      s = Status::Corruption("internal error: an event batch with uneven columns was not written");
    } else if (events > 0) {
      s = store_->Append(*batch, &duplicates);
    }
  }
  std::lock_guard lock(mu_);
  if (!s.ok()) {
    stats_.store_ok = false;
    stats_.last_error = s.ToString();
    for (Pending* p : group) {
      p->result.outcome = SubmitOutcome::kUnavailable;
      p->result.message = "the store cannot be written: " + s.ToString();
    }
    return;
  }
  for (Pending* p : group) {
    p->result.outcome = SubmitOutcome::kStored;
    p->result.stored = p->events.size();
  }
  if (events > 0) ++stats_.commits;
  stats_.events_stored += events - duplicates;
  if (log_events_ == 0) log_started_ = std::chrono::steady_clock::now();
  log_events_ += events - duplicates;
  last_commit_ = std::chrono::steady_clock::now();
}

void Collector::MaybeFlushLog(bool force) {
  if (flush_ && flush_->done.load()) FinishFlush();
  if (flush_ || log_events_ == 0 || !store_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool due = force || log_events_ >= options_.flush_log_events ||
                   (now - log_started_ >= options_.flush_log_after && now - last_commit_ >= kQuietBeforeFlush);
  if (!due) return;
  auto begun = store_->BeginLogFlush();
  if (!begun.ok()) {
    std::lock_guard lock(mu_);
    stats_.last_error = begun.status().ToString();
    return;
  }
  flush_ = std::make_unique<BackgroundFlush>();
  flush_->flush = std::move(begun).value();
  flush_->log_events_at_mark = log_events_;
  flush_->started = now;
  flush_->thread = std::thread([this, f = flush_.get()] {
    f->status = store::Store::WriteLogPart(&f->flush);
    {
      std::lock_guard lock(mu_);  // so the commit thread cannot miss the wake-up
      f->done = true;
    }
    work_cv_.notify_one();
  });
}

void Collector::FinishFlush() {
  if (flush_->thread.joinable()) flush_->thread.join();
  const auto stall_start = std::chrono::steady_clock::now();
  Status s = flush_->status;
  if (s.ok()) s = store_->FinishLogFlush(flush_->flush);
  const auto end = std::chrono::steady_clock::now();
  auto ms = [](auto d) { return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()); };
  if (s.ok()) {
    // Deleting a large file takes a while; the next open sweeps it if we die first.
    if (cleanup_.joinable()) cleanup_.join();
    cleanup_ = std::thread([path = flush_->flush.log_path] { (void)RemoveFile(path); });
    // Events appended after the mark are in the new log.
    log_events_ -= flush_->log_events_at_mark;
    if (log_events_ > 0) log_started_ = stall_start;
  } else {
    store_->AbandonLogFlush();
    (void)RemoveFile(flush_->flush.part_path);
  }
  std::lock_guard lock(mu_);
  if (s.ok()) {
    ++stats_.log_flushes;
    stats_.flush_ms_max = std::max(stats_.flush_ms_max, ms(end - flush_->started));
    stats_.flush_stall_ms_max = std::max(stats_.flush_stall_ms_max, ms(end - stall_start));
  } else {
    // The events stay in the log, which readers replay: nothing is lost.
    stats_.last_error = s.ToString();
  }
  flush_.reset();
}

void Collector::AbandonFlush() {
  if (!flush_) return;
  if (flush_->thread.joinable()) flush_->thread.join();
  if (store_) store_->AbandonLogFlush();
  flush_.reset();
}

Status Collector::ReopenStore() {
  // A failed append leaves the log writer unusable; a fresh open cuts the
  // torn record off (store/wal_writer.h) and sweeps an unfinished flush's part.
  AbandonFlush();
  store_.reset();
  TP_ASSIGN_OR_RETURN(store_, OpenWritable(db_));
  log_events_ = 0;
  return store_->FlushLog();
}

Status Collector::Drain() {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return drain_status_;
    draining_ = true;
    work_cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
  if (flush_) FinishFlush();
  if (cleanup_.joinable()) cleanup_.join();
  if (log_events_ > 0 && store_) {
    Status s = store_->FlushLog();
    std::lock_guard lock(mu_);
    if (s.ok()) {
      log_events_ = 0;
      ++stats_.log_flushes;
    } else {
      stats_.last_error = s.ToString();
    }
  }
  std::lock_guard lock(mu_);
  stopped_ = true;
  if (log_events_ > 0) drain_status_ = Status::IOError("the log could not be flushed: " + stats_.last_error);
  store_.reset();  // releases the write lock
  return drain_status_;
}

CollectorStats Collector::stats() const {
  std::lock_guard lock(mu_);
  CollectorStats s = stats_;
  s.pending_events = pending_events_;
  return s;
}

}  // namespace touchpoint::server
