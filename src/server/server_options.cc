#include "server/server_options.h"

#include <charconv>

namespace touchpoint::server {

Status ParseListen(const std::string& listen, std::string* host, int* port) {
  auto bad = [&](const char* why) {
    return Status::InvalidArgument("--listen '" + listen + "': " + why + " (expected HOST:PORT, e.g. 127.0.0.1:8080)");
  };
  std::string_view h, p;
  if (!listen.empty() && listen.front() == '[') {  // [v6]:port
    const size_t close = listen.find(']');
    if (close == std::string::npos || close + 1 >= listen.size() || listen[close + 1] != ':') return bad("bad IPv6 form");
    h = std::string_view(listen).substr(1, close - 1);
    p = std::string_view(listen).substr(close + 2);
  } else {
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos) return bad("no port");
    h = std::string_view(listen).substr(0, colon);
    p = std::string_view(listen).substr(colon + 1);
  }
  if (h.empty()) return bad("no host");
  int v = 0;
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), v);
  if (ec != std::errc() || end != p.data() + p.size() || v < 0 || v > 65535) return bad("the port is not 0-65535");
  *host = std::string(h);
  *port = v;
  return Status::OK();
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

Status ApplyServerConfig(const engine::ServerConfig& config, ServerOptions* options) {
  if (!config.listen.empty()) TP_RETURN_IF_ERROR(ParseListen(config.listen, &options->host, &options->port));
  if (!config.ingest_key.empty()) options->ingest_key = config.ingest_key;
  if (!config.query_key.empty()) options->query_key = config.query_key;
  auto take = [](int64_t v, size_t* out) {
    if (v > 0) *out = static_cast<size_t>(v);
  };
  take(config.max_body_bytes, &options->max_body_bytes);
  take(config.max_batch_events, &options->max_batch_events);
  take(config.max_pending_events, &options->max_pending_events);
  take(config.threads, &options->threads);
  take(config.flush_log_events, &options->flush_log_events);
  if (config.flush_log_after_s > 0) options->flush_log_after_s = config.flush_log_after_s;
  return Status::OK();
}

Status CheckExposure(const ServerOptions& options) {
  if (IsLoopback(options.host)) return Status::OK();
  std::string missing;
  if (options.ingest_key.empty()) missing = "an ingest key (--ingest-key)";
  if (options.query_key.empty()) {
    missing += missing.empty() ? "" : " and ";
    missing += "a query key (--query-key)";
  }
  if (missing.empty()) return Status::OK();
  return Status::InvalidArgument("listening on " + options.host + " exposes the store to other machines: set " +
                                 missing + ", or [server] ingest_key / query_key in the config; without keys "
                                 "serve listens on loopback only");
}

}  // namespace touchpoint::server
