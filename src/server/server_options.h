// ServerOptions: everything `touchpoint serve` is configured with: where it
// listens, its keys, its limits and its log-flush policy. Filled from the
// config file's [server] section, then the command-line flags
// (cli/serve_command.cc); docs/server.md lists each setting. Plain data.
#ifndef TOUCHPOINT_SERVER_SERVER_OPTIONS_H_
#define TOUCHPOINT_SERVER_SERVER_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/config.h"
#include "util/status.h"

namespace touchpoint::server {

inline constexpr const char* kDefaultListen = "127.0.0.1:8080";
// PostHog's own capture endpoint accepts up to 20 MB; a batch of 10k
// events of ~1 KiB each fits in half of that.
inline constexpr size_t kDefaultMaxBodyBytes = 10 << 20;
// A gzip body may expand to at most this many times the body limit: the
// bound a compressed request's decoded size is held to.
inline constexpr size_t kMaxExpansion = 10;
inline constexpr size_t kDefaultMaxBatchEvents = 10'000;
// Events accepted for commit but not yet durable. Past this, requests get
// 429 instead of queueing without bound; at ~150 bytes an event in memory
// this is ~75 MB.
inline constexpr size_t kDefaultMaxPendingEvents = 500'000;
// HTTP worker threads; each serves one keep-alive connection at a time.
inline constexpr size_t kDefaultThreads = 64;
// The write-ahead log is turned into a part when it holds this many events
// (queries replay the log, so it must stay small), or once it is this old
// and the server has had a quiet second.
inline constexpr size_t kDefaultFlushLogEvents = 500'000;
inline constexpr int64_t kDefaultFlushLogAfterS = 60;
// Per-event limits beyond the row validator's (ingest/row_validator.h).
inline constexpr size_t kMaxPropertyNameBytes = 256;
inline constexpr size_t kMaxPropertiesPerEvent = 256;
// Distinct property names in one request: each becomes a column of the batch.
inline constexpr size_t kMaxPropertiesPerRequest = 1024;

struct ServerOptions {
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string ingest_key;  // "" = the collection endpoints need no key
  std::string query_key;   // "" = the query API needs no key
  size_t max_body_bytes = kDefaultMaxBodyBytes;
  size_t max_batch_events = kDefaultMaxBatchEvents;
  size_t max_pending_events = kDefaultMaxPendingEvents;
  size_t threads = kDefaultThreads;
  size_t flush_log_events = kDefaultFlushLogEvents;
  int64_t flush_log_after_s = kDefaultFlushLogAfterS;
  engine::Config config;  // mapping, ingest zone and metric definitions
};

// Splits "HOST:PORT" ("[::1]:8080" for IPv6); errors name the value.
Status ParseListen(const std::string& listen, std::string* host, int* port);

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& host);

// Applies the config's [server] section over the defaults. Flags are
// applied by the caller afterwards.
Status ApplyServerConfig(const engine::ServerConfig& config, ServerOptions* options);

// Refuses a listen address reachable from other machines unless both keys
// are set: without them anyone on the network could write or read the store.
Status CheckExposure(const ServerOptions& options);

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_SERVER_OPTIONS_H_
