// ServerProcess: runs `touchpoint serve` as a child process on a free
// loopback port for the server tests, reads the port from its first line,
// and stops it with SIGTERM (a drain) or SIGKILL (a crash). Also: reading
// every stored event back from a store, and gzip for request bodies.
#ifndef TOUCHPOINT_TESTS_SERVER_SERVER_PROCESS_H_
#define TOUCHPOINT_TESTS_SERVER_SERVER_PROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "event/event_batch.h"
#include "store/part_batch.h"
#include "store/store.h"
#include "test_util.h"

namespace touchpoint::testing {

inline std::string TouchpointBinary() { return BinaryDir() + "/touchpoint"; }

class ServerProcess {
 public:
  // Starts `touchpoint serve --db DB --listen 127.0.0.1:0 EXTRA...`.
  ServerProcess(const std::string& db, const std::vector<std::string>& extra = {}) {
    int out[2];
    if (::pipe(out) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::dup2(out[1], STDERR_FILENO);
      ::close(out[0]);
      std::vector<std::string> args = {TouchpointBinary(), "serve", "--db", db, "--listen", "127.0.0.1:0"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    out_fd_ = out[0];
    // The first line names the port: "... listening on http://127.0.0.1:PORT ...".
    const std::string marker = "http://127.0.0.1:";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      char buf[512];
      const ssize_t n = ::read(out_fd_, buf, sizeof(buf));
      if (n <= 0) break;
      output_.append(buf, static_cast<size_t>(n));
      const size_t at = output_.find(marker);
      if (at != std::string::npos && output_.find(' ', at) != std::string::npos) {
        port_ = std::stoi(output_.substr(at + marker.size()));
        break;
      }
    }
  }
  ~ServerProcess() {
    if (pid_ > 0) Kill(SIGKILL);
    if (out_fd_ >= 0) ::close(out_fd_);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  bool started() const { return port_ > 0; }
  // Everything it printed so far (after Kill: everything).
  const std::string& output() const { return output_; }

  // Sends `sig`, waits for the exit and returns the exit status (-1 when
  // killed by a signal).
  int Kill(int sig) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, sig);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(out_fd_, buf, sizeof(buf))) > 0) output_.append(buf, static_cast<size_t>(n));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int port_ = 0;
  std::string output_;
};

// Runs the CLI to completion; returns its exit status and fills *out.
inline int RunTouchpoint(const std::vector<std::string>& args, std::string* out) {
  std::string cmd = TouchpointBinary();
  for (const std::string& a : args) {
    std::string quoted = "'";
    for (char c : a) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    cmd += " " + quoted + "'";
  }
  cmd += " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  out->clear();
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0) out->append(buf, n);
  const int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Every event a store holds (parts and log), read through a snapshot.
inline EventBatch StoredEvents(const std::string& db) {
  EventBatch all;
  store::StoreOptions ro;
  ro.read_only = true;
  auto store = store::Store::Open(db, ro);
  if (!store.ok()) return all;
  auto snap = (*store)->GetSnapshot();
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  if (!snap.ok()) return all;
  store::DecodeContext ctx;
  for (const auto& p : (*snap)->parts) {
    for (size_t k = 0; k < p->blocks().size(); ++k) EXPECT_TRUE(store::ReadBlockAsBatch(*p, k, &ctx, &all).ok());
  }
  return all;
}

// A JSON answer without its timing fields ("seconds":N, in the header of
// each analysis's answer: the only field two runs differ in, docs/api.md).
inline std::string WithoutTiming(std::string json) {
  const std::string key = "\"seconds\":";
  for (size_t at = json.find(key); at != std::string::npos; at = json.find(key, at)) {
    size_t end = at + key.size();
    while (end < json.size() && json[end] != ',' && json[end] != '}') ++end;
    if (end < json.size() && json[end] == ',') ++end;
    json.erase(at, end - at);
  }
  return json;
}

// Percent-encoding for query values (everything but letters, digits, - _ .).
inline std::string UrlEncode(const std::string& in) {
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof(buf), "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

inline std::string Gzip(const std::string& in) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, in.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace touchpoint::testing

#endif  // TOUCHPOINT_TESTS_SERVER_SERVER_PROCESS_H_
