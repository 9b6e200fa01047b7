// HttpServer: `touchpoint serve`'s HTTP side (cpp-httplib). Routes
// (docs/server.md):
//   collection  POST /capture /batch /api/events and PostHog's /e/ /i/v0/e/
//               /capture/ /batch/ /track/ (trailing slash optional); CORS
//   query       GET /api/NAME for every analysis, /api/info, /api/derived,
//               /api/report (query key)
//   open        GET /health /api/openapi.json /touchpoint.js, the dashboard's
//               files at / (its data needs the query key)
// A fixed pool of worker threads serves connections; each collection
// request waits in its worker until its events are durable (Collector).
// Start() binds, Run() serves until Stop(), which may be called from any
// thread (a signal handler's thread, say). The Collector must outlive Run().
#ifndef TOUCHPOINT_SERVER_HTTP_SERVER_H_
#define TOUCHPOINT_SERVER_HTTP_SERVER_H_

#include <memory>
#include <string>

#include "server/collector.h"
#include "server/ingest_endpoint.h"
#include "server/query_api.h"
#include "server/server_options.h"
#include "util/status.h"

namespace httplib {
class Server;
class Request;
class Response;
}  // namespace httplib

namespace touchpoint::server {

class HttpServer {
 public:
  HttpServer(ServerOptions options, Collector* collector);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket (port 0 picks a free one). IOError naming
  // the address when it cannot.
  Status Start();
  int port() const { return port_; }
  // Serves until Stop(); returns when every worker has finished its request.
  Status Run();
  void Stop();

 private:
  void Routes();
  // False (and the 401 answer set) when the request lacks the query key.
  bool QueryAuthorized(const httplib::Request& req, httplib::Response& res, bool allow_key_param) const;
  void ServeStatic(const httplib::Request& req, httplib::Response& res) const;
  void Health(httplib::Response& res) const;

  const ServerOptions options_;
  Collector* collector_;
  IngestEndpoint ingest_;
  QueryApi query_;
  std::unique_ptr<httplib::Server> http_;
  int port_ = 0;
  int listen_fd_ = -1;  // httplib's listening socket, seen in its socket-options hook
};

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_HTTP_SERVER_H_
