// IngestEndpoint: one collection request from body to answer. Decodes the
// body (server/body_decoder.h), reads its events (server/event_decoder.h),
// checks the ingest key, hands the good events to the Collector and waits
// until they are durable, then says what was stored and why anything was
// not (docs/server.md "Answers"). Knows nothing of HTTP plumbing, so the
// same logic serves every collection path. Thread-safe.
#ifndef TOUCHPOINT_SERVER_INGEST_ENDPOINT_H_
#define TOUCHPOINT_SERVER_INGEST_ENDPOINT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "server/collector.h"
#include "server/server_options.h"

namespace date {
class time_zone;
}

namespace touchpoint::server {

struct IngestRequest {
  std::string body;               // as received (Content-Encoding already undone)
  std::string_view content_type;
  std::string_view compression;   // the `compression` query parameter
  std::string_view header_key;    // X-Touchpoint-Key, or the Authorization bearer token
  bool body_too_large = false;    // the body was cut off at the limit while reading
};

struct IngestAnswer {
  int status = 200;
  std::string body;     // JSON
  int retry_after_s = 0;  // > 0: send Retry-After
};

class IngestEndpoint {
 public:
  // `options` and `collector` must outlive the endpoint.
  IngestEndpoint(const ServerOptions& options, Collector* collector);

  IngestAnswer Handle(IngestRequest request) const;

 private:
  bool Authorized(std::string_view header_key, const std::vector<std::string>& body_keys) const;

  const ServerOptions& options_;
  Collector* collector_;
  const date::time_zone* zone_ = nullptr;  // the config's [ingest] tz
};

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_INGEST_ENDPOINT_H_
