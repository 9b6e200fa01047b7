// touchpoint-serve: the HTTP server's executable (server/http_server.h),
// started by `touchpoint serve` with the same flags (cli/serve_flags.h).
// Thin: builds the options from the config file and the flags, opens the
// collector, and turns SIGTERM / SIGINT into a drain.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <pthread.h>
#include <atomic>
#include <chrono>
#include <thread>

#include "cli/cli_util.h"
#include "cli/serve_flags.h"
#include "engine/config.h"
#include "server/collector.h"
#include "server/http_server.h"
#include "server/server_options.h"
#include "util/time.h"

namespace touchpoint::cli {
namespace {

int Usage(const Status& s) {
  std::fprintf(stderr, "touchpoint serve: %s\n", s.message().c_str());
  return kExitUsage;
}

int Run(const ServeFlags& f) {
  auto config = engine::LoadConfig(f.config, f.db);
  if (!config.ok()) return Usage(config.status());
  server::ServerOptions options;
  options.db = f.db;
  options.config = *config;
  Status s = server::ApplyServerConfig(config->server, &options);
  if (!s.ok()) return Usage(s);
  if (!f.listen.empty()) {
    s = server::ParseListen(f.listen, &options.host, &options.port);
    if (!s.ok()) return Usage(s);
  }
  if (!f.ingest_key.empty()) options.ingest_key = f.ingest_key;
  if (!f.query_key.empty()) options.query_key = f.query_key;
  s = server::CheckExposure(options);
  if (!s.ok()) return Usage(s);
  if (auto zone = FindTimeZone(config->ingest_tz); !zone.ok()) return Usage(zone.status());

  // Signals go to one thread that waits for them; every other thread
  // (httplib's workers, the commit thread) inherits the blocked mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is not our death

  server::CollectorOptions collect;
  collect.max_pending_events = options.max_pending_events;
  collect.flush_log_events = options.flush_log_events;
  collect.flush_log_after = std::chrono::seconds(options.flush_log_after_s);
  auto collector = server::Collector::Open(options.db, collect);
  if (!collector.ok()) return Fail(collector.status());

  server::HttpServer http(options, collector->get());
  s = http.Start();
  if (!s.ok()) return Fail(s);
  std::printf("touchpoint serve: listening on http://%s:%d (store %s)\n", options.host.c_str(), http.port(),
              options.db.c_str());
  if (options.ingest_key.empty() && options.query_key.empty()) {
    std::printf("touchpoint serve: no keys set: open to this machine only (loopback); set --ingest-key and "
                "--query-key to listen on other addresses\n");
  } else {
    std::printf("touchpoint serve: ingest key %s, query key %s\n", options.ingest_key.empty() ? "off" : "on",
                options.query_key.empty() ? "off" : "on");
  }
  std::fflush(stdout);

  std::atomic<bool> running{true};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::printf("touchpoint serve: %s: draining\n", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    std::fflush(stdout);
    // Stop() is a no-op until the server runs; repeat until Run() is over.
    while (running.load()) {
      http.Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  s = http.Run();
  running = false;
  // Run() only returns on a stop or a socket failure; wake the waiter if
  // nobody signalled.
  if (!s.ok()) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  // Every worker has answered its request; what is queued now is committed,
  // the log becomes a part, and the write lock is released.
  Status drained = (*collector)->Drain();
  const server::CollectorStats stats = (*collector)->stats();
  std::printf("touchpoint serve: stopped; %llu events stored in %llu commits\n",
              static_cast<unsigned long long>(stats.events_stored), static_cast<unsigned long long>(stats.commits));
  if (!s.ok()) return Fail(s);
  if (!drained.ok()) return Fail(drained);
  return kExitOk;
}

}  // namespace
}  // namespace touchpoint::cli

int main(int argc, char** argv) {
  CLI::App app{"Touchpoint's HTTP server (run it as `touchpoint serve`)", touchpoint::cli::kServeBinary};
  app.require_subcommand(1);
  touchpoint::cli::ServeFlags flags;
  touchpoint::cli::AddServeCommand(app, &flags);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : touchpoint::cli::kExitUsage;
  }
  return touchpoint::cli::Run(flags);
}
