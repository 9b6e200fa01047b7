#include "server/http_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include "report/json_writer.h"
#include "server/auth.h"
#include "server/query_api.h"
#include "server/openapi.h"
#include "server/static_assets.h"

namespace touchpoint::server {
namespace {

// Every path PostHog's libraries post events to, and ours; the trailing
// slash is optional on each.
constexpr const char* kIngestPattern = R"((/capture|/batch|/api/events|/e|/i/v0/e|/track)/?)";
// posthog-js asks for feature flags when it starts; an empty answer lets it
// run without them instead of logging errors.
constexpr const char* kFlagsPattern = R"((/decide|/flags)/?)";
constexpr const char* kIngestKeyHeader = "X-Touchpoint-Key";
// httplib (0.11) listens with a backlog of 5: a burst of new connections
// then overflows it, and the kernel's retransmission delays (1 s, 3 s) show
// up as request latency. The socket's backlog is raised after the bind.
constexpr int kListenBacklog = 1024;
constexpr time_t kKeepAliveTimeoutS = 3;
constexpr size_t kKeepAliveMaxRequests = 100'000;
constexpr time_t kReadTimeoutS = 10;
constexpr time_t kWriteTimeoutS = 10;

void Json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void JsonError(httplib::Response& res, int status, const std::string& message) {
  report::JsonWriter w;
  w.BeginObject().Key("error").String(message).EndObject();
  Json(res, status, w.str());
}

// Collection answers carry PostHog's "status" field (0: not stored).
void IngestError(httplib::Response& res, int status, const std::string& message) {
  report::JsonWriter w;
  w.BeginObject().Key("status").Int(0).Key("error").String(message).EndObject();
  Json(res, status, w.str());
}

// Collection endpoints may be called from any web page (the tracking script,
// posthog-js); they need no cookies, so any origin is allowed.
void Cors(const httplib::Request& req, httplib::Response& res) {
  res.set_header("Access-Control-Allow-Origin", req.has_header("Origin") ? req.get_header_value("Origin") : "*");
  res.set_header("Vary", "Origin");
  res.set_header("Access-Control-Allow-Methods", "POST, OPTIONS");
  res.set_header("Access-Control-Allow-Headers", "Content-Type, Content-Encoding, X-Touchpoint-Key, Authorization");
  res.set_header("Access-Control-Max-Age", "86400");
}

bool IsIngestPath(const std::string& path) {
  static const std::regex re(kIngestPattern);
  static const std::regex flags(kFlagsPattern);
  return std::regex_match(path, re) || std::regex_match(path, flags);
}

constexpr const char* kNotBuiltPage = R"(<!doctype html>
<html><head><meta charset="utf-8"><title>Touchpoint</title></head>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto;line-height:1.5">
<h1>Touchpoint</h1>
<p><strong>The dashboard was not built into this binary.</strong> Build it with
<code>npm ci &amp;&amp; npm run build</code> in <code>web/</code> (Node.js 20), then rebuild
Touchpoint; <code>scripts/setup.sh</code> and <code>scripts/test.sh</code> do both.</p>
<p>Collection and the query API work without it: see <a href="/api/openapi.json">/api/openapi.json</a>
and <a href="/health">/health</a>.</p>
</body></html>
)";

}  // namespace

HttpServer::HttpServer(ServerOptions options, Collector* collector)
    : options_(std::move(options)),
      collector_(collector),
      ingest_(options_, collector),
      query_(options_.db, options_.config),
      http_(std::make_unique<httplib::Server>()) {
  const size_t threads = options_.threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_keep_alive_max_count(kKeepAliveMaxRequests);
  http_->set_keep_alive_timeout(kKeepAliveTimeoutS);
  http_->set_read_timeout(kReadTimeoutS);
  http_->set_write_timeout(kWriteTimeoutS);
  http_->set_tcp_nodelay(true);
  // Bodies over the limit are refused from their Content-Length, unread.
  http_->set_payload_max_length(options_.max_body_bytes);
  // Replaces httplib's default socket options (SO_REUSEADDR only), and
  // remembers the listening socket so its backlog can be raised.
  http_->set_socket_options([this](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_fd_ = sock;
  });
  Routes();
}

HttpServer::~HttpServer() = default;

Status HttpServer::Start() {
  if (options_.port == 0) {
    port_ = http_->bind_to_any_port(options_.host);
    if (port_ <= 0) return Status::IOError("cannot listen on " + options_.host + " (any port)");
  } else {
    if (!http_->bind_to_port(options_.host, options_.port)) {
      return Status::IOError("cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                             " (in use, or not an address of this machine)");
    }
    port_ = options_.port;
  }
  if (listen_fd_ >= 0 && ::listen(listen_fd_, kListenBacklog) != 0) {
    return Status::FromErrno("listen", options_.host, errno);
  }
  return Status::OK();
}

Status HttpServer::Run() {
  if (!http_->listen_after_bind()) return Status::IOError("the listening socket failed");
  return Status::OK();
}

void HttpServer::Stop() { http_->stop(); }

bool HttpServer::QueryAuthorized(const httplib::Request& req, httplib::Response& res, bool allow_key_param) const {
  if (options_.query_key.empty()) return true;
  const std::string auth = req.get_header_value("Authorization");
  std::string_view key = BearerToken(auth);
  std::string param;
  if (key.empty() && allow_key_param && req.has_param("key")) {
    param = req.get_param_value("key");
    key = param;
  }
  if (KeysEqual(key, options_.query_key)) return true;
  res.set_header("WWW-Authenticate", "Bearer");
  JsonError(res, 401, key.empty() ? "this server needs the query key: Authorization: Bearer KEY"
                                  : "the query key is wrong");
  return false;
}

void HttpServer::Health(httplib::Response& res) const {
  const CollectorStats s = collector_->stats();
  report::JsonWriter w;
  w.BeginObject().Key("status").String(s.store_ok ? "ok" : "unavailable");
  w.Key("events_stored").Int(static_cast<int64_t>(s.events_stored));
  w.Key("commits").Int(static_cast<int64_t>(s.commits));
  w.Key("log_flushes").Int(static_cast<int64_t>(s.log_flushes));
  w.Key("flush_ms_max").Int(static_cast<int64_t>(s.flush_ms_max));
  w.Key("flush_stall_ms_max").Int(static_cast<int64_t>(s.flush_stall_ms_max));
  w.Key("pending_events").Int(static_cast<int64_t>(s.pending_events));
  w.Key("refused_overloaded").Int(static_cast<int64_t>(s.refused_overloaded));
  w.Key("refused_unavailable").Int(static_cast<int64_t>(s.refused_unavailable));
  if (!s.last_error.empty()) w.Key("last_error").String(s.last_error);
  w.Key("dashboard_built").Bool(DashboardBuilt());
  w.EndObject();
  Json(res, s.store_ok ? 200 : 503, w.str());
}

void HttpServer::ServeStatic(const httplib::Request& req, httplib::Response& res) const {
  const bool page = req.path == "/" || req.path == "/index.html";
  // Opening the dashboard with ?key=KEY: a wrong key is refused here, a
  // right one is kept by the page (web/src/api.ts) for its API calls.
  if (page && req.has_param("key") && !QueryAuthorized(req, res, true)) return;
  if (page && !DashboardBuilt()) {
    res.set_content(kNotBuiltPage, "text/html; charset=utf-8");
    return;
  }
  const StaticAsset* asset = FindAsset(req.path);
  if (asset == nullptr) {
    JsonError(res, 404, "no such endpoint or file: " + req.path);
    return;
  }
  // Vite names its bundles by content hash: they never change under a name.
  res.set_header("Cache-Control", req.path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(std::string(asset->data), std::string(asset->content_type).c_str());
}

void HttpServer::Routes() {
  // httplib compresses answers on the fly with the best encoding the client
  // accepts; its brotli runs at the slowest quality (over a second for the
  // dashboard's bundle), its gzip in milliseconds. So brotli is taken out of
  // what the client says it accepts before any route runs. The Request is
  // httplib's own mutable object, handed to this hook as const.
  http_->set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    auto& headers = const_cast<httplib::Request&>(req).headers;
    auto it = headers.find("Accept-Encoding");
    if (it != headers.end() && it->second.find("br") != std::string::npos) {
      it->second = it->second.find("gzip") != std::string::npos ? "gzip" : "";
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  http_->Options(kIngestPattern, [](const httplib::Request& req, httplib::Response& res) {
    Cors(req, res);
    res.status = 204;
  });
  http_->Options(kFlagsPattern, [](const httplib::Request& req, httplib::Response& res) {
    Cors(req, res);
    res.status = 204;
  });
  http_->Post(kIngestPattern,
              [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
                Cors(req, res);
                IngestRequest in;
                const size_t cap = options_.max_body_bytes * kMaxExpansion;
                // httplib has already undone Content-Encoding: gzip in what it hands us.
                const bool read = reader([&](const char* data, size_t n) {
                  if (in.body.size() + n > cap) {
                    in.body_too_large = true;
                    return false;
                  }
                  in.body.append(data, n);
                  return true;
                });
                if (!read && !in.body_too_large) {
                  // httplib refuses a Content-Length over the limit without reading it.
                  if (req.get_header_value<uint64_t>("Content-Length") > options_.max_body_bytes) {
                    IngestError(res, 413, "the body is over " + std::to_string(options_.max_body_bytes) +
                                              " bytes (max_body_bytes)");
                  } else {
                    IngestError(res, 400, "the body could not be read");
                  }
                  return;
                }
                const std::string content_type = req.get_header_value("Content-Type");
                const std::string compression = req.get_param_value("compression");
                const std::string header_key = req.get_header_value(kIngestKeyHeader);
                const std::string auth = req.get_header_value("Authorization");
                in.content_type = content_type;
                in.compression = compression;
                in.header_key = header_key.empty() ? BearerToken(auth) : std::string_view(header_key);
                IngestAnswer answer = ingest_.Handle(std::move(in));
                if (answer.retry_after_s > 0) res.set_header("Retry-After", std::to_string(answer.retry_after_s));
                Json(res, answer.status, answer.body);
              });
  http_->Post(kFlagsPattern, [](const httplib::Request& req, httplib::Response& res) {
    Cors(req, res);
    Json(res, 200,
         R"({"featureFlags":{},"featureFlagPayloads":{},"errorsWhileComputingFlags":false,)"
         R"("sessionRecording":false,"supportedCompression":["gzip","gzip-js","base64"]})");
  });
  http_->Get("/health", [this](const httplib::Request&, httplib::Response& res) { Health(res); });
  http_->Get("/api/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    Json(res, 200, OpenApiDocument());
  });
  http_->Get("/touchpoint.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(std::string(TrackerScript()), "text/javascript; charset=utf-8");
  });
  // Not /api/segments: that is the segments analysis, as every analysis is /api/NAME.
  http_->Get("/api/derived", [this](const httplib::Request& req, httplib::Response& res) {
    if (!QueryAuthorized(req, res, false)) return;
    ApiAnswer a = query_.Derived();
    res.status = a.status;
    res.set_content(a.body, a.content_type.c_str());
  });
  http_->Get("/api/info", [this](const httplib::Request& req, httplib::Response& res) {
    if (!QueryAuthorized(req, res, false)) return;
    ApiAnswer a = query_.Info();
    res.status = a.status;
    res.set_content(a.body, a.content_type.c_str());
  });
  http_->Get("/api/report", [this](const httplib::Request& req, httplib::Response& res) {
    if (!QueryAuthorized(req, res, false)) return;
    QueryParams params;
    for (const auto& [name, value] : req.params) {
      if (name != "key") params.emplace_back(name, value);
    }
    ApiAnswer a = query_.Report(params);
    res.status = a.status;
    if (a.status == 200) res.set_header("Content-Disposition", "attachment; filename=\"touchpoint-report.html\"");
    res.set_content(a.body, a.content_type.c_str());
  });
  // Every analysis of the registry (server/query_api.h).
  http_->Get(R"(/api/([a-z_]+))", [this](const httplib::Request& req, httplib::Response& res) {
    if (!QueryAuthorized(req, res, false)) return;
    QueryParams params;
    for (const auto& [name, value] : req.params) {
      if (name != "key") params.emplace_back(name, value);  // the query key, for the dashboard
    }
    ApiAnswer a = query_.Analysis(req.matches[1].str(), params);
    res.status = a.status;
    res.set_content(a.body, a.content_type.c_str());
  });
  http_->Get(R"(/api/.*)", [](const httplib::Request& req, httplib::Response& res) {
    JsonError(res, 404, "no such endpoint: " + req.path + " (see /api/openapi.json)");
  });
  http_->Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) { ServeStatic(req, res); });
  // Answers httplib makes itself (413 for a body over the limit, 404, 405)
  // get a JSON body, and CORS on collection paths so a page can read them.
  http_->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (IsIngestPath(req.path)) Cors(req, res);
    if (!res.body.empty()) return;
    std::string message = "HTTP " + std::to_string(res.status);
    if (res.status == 413) message = "the body is over the server's limit (max_body_bytes)";
    if (res.status == 404) message = "no such endpoint: " + req.path;
    JsonError(res, res.status, message);
  });
  http_->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    JsonError(res, 500, "internal error");
  });
}

}  // namespace touchpoint::server
