// Kills a writer with SIGKILL at random points, many times, and checks that
// the store opens, holds every acknowledged batch, and holds no part of a
// batch that was not complete (each batch is all there or not at all).
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "store/part_batch.h"
#include "store/store.h"
#include "test_util.h"

namespace touchpoint::store {
namespace {

constexpr int kRowsPerBatch = 50;  // as in crash_writer_main.cc

std::string WriterPath() { return touchpoint::testing::BinaryDir() + "/tests/store/crash_writer"; }

// Runs the writer until SIGKILL after `delay_us`; returns the acknowledged batches.
std::set<long> RunAndKill(const std::string& dir, const std::string& mode, long first, int delay_us) {
  int pipefd[2];
  EXPECT_EQ(::pipe(pipefd), 0);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipefd[1], STDOUT_FILENO);
    ::close(pipefd[0]);
    std::string first_s = std::to_string(first);
    ::execl(WriterPath().c_str(), "crash_writer", dir.c_str(), mode.c_str(), first_s.c_str(), nullptr);
    ::_exit(127);
  }
  ::close(pipefd[1]);
  ::usleep(static_cast<useconds_t>(delay_us));
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  std::set<long> acked;
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(pipefd[0], buf, sizeof(buf))) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(pipefd[0]);
  size_t pos = 0;
  while ((pos = out.find("ack ", pos)) != std::string::npos) {
    size_t end = out.find('\n', pos);
    if (end == std::string::npos) break;  // a torn line: not acknowledged to us
    acked.insert(std::stol(out.substr(pos + 4, end - pos - 4)));
    pos = end;
  }
  return acked;
}

// Batch number -> rows present.
std::map<long, int> StoredBatches(const std::string& dir) {
  StoreOptions ro;
  ro.read_only = true;
  auto store = Store::Open(dir, ro);
  // Killed before the store was created: nothing was acknowledged either.
  if (store.status().code() == Status::Code::kNotFound) return {};
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  std::map<long, int> rows;
  if (!store.ok()) return rows;
  auto snap = (*store)->GetSnapshot();
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  if (!snap.ok()) return rows;
  DecodeContext ctx;
  for (const auto& p : (*snap)->parts) {
    EventBatch b;
    for (size_t k = 0; k < p->blocks().size(); ++k) EXPECT_TRUE(ReadBlockAsBatch(*p, k, &ctx, &b).ok());
    for (size_t i = 0; i < b.size(); ++i) {
      std::string_view id = b.event_id.Get(i);
      ++rows[std::stol(std::string(id.substr(0, id.find('-'))))];
    }
  }
  return rows;
}

void CrashManyTimes(const std::string& mode, int rounds) {
  touchpoint::testing::TempDir dir;
  std::mt19937 rng(12345);
  std::set<long> acked_all;
  long next = 0;
  for (int round = 0; round < rounds; ++round) {
    std::set<long> acked = RunAndKill(dir.path(), mode, next, 5000 + static_cast<int>(rng() % 150000));
    acked_all.insert(acked.begin(), acked.end());
    std::map<long, int> stored = StoredBatches(dir.path());
    for (long n : acked_all) {
      ASSERT_EQ(stored.count(n), 1u) << "round " << round << ": acknowledged batch " << n << " is missing";
    }
    for (const auto& [n, count] : stored) {
      ASSERT_EQ(count, kRowsPerBatch) << "round " << round << ": batch " << n << " is half-written";
    }
    // Next run starts past everything that might be stored.
    next = std::max(next, stored.empty() ? next : stored.rbegin()->first + 1);
    if (!acked.empty()) next = std::max(next, *acked.rbegin() + 1);
    next += 1;
  }
  EXPECT_GT(acked_all.size(), 0u);
}

TEST(CrashTest, LogAppendsSurviveSigkill) { CrashManyTimes("append", 25); }
TEST(CrashTest, LoadsAreAllOrNothingUnderSigkill) { CrashManyTimes("load", 25); }
TEST(CrashTest, MaintenanceUnderSigkillLosesNothing) { CrashManyTimes("mixed", 30); }

}  // namespace
}  // namespace touchpoint::store
