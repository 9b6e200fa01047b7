#include "server/ingest_endpoint.h"

#include "engine/request_dates.h"
#include "report/json_writer.h"
#include "server/auth.h"
#include "server/body_decoder.h"
#include "server/event_decoder.h"
#include "util/time.h"

namespace touchpoint::server {
namespace {

// Retry-After: a full queue drains within a second; a store that fails or
// a server that stops needs longer.
constexpr int kRetryOverloadedS = 1;
constexpr int kRetryUnavailableS = 5;
// Per-event errors listed in one answer; the count is always given.
constexpr size_t kMaxErrorsListed = 100;

IngestAnswer Error(int status, const std::string& message, int retry_after_s = 0) {
  report::JsonWriter w;
  w.BeginObject().Key("status").Int(0).Key("error").String(message).EndObject();
  return IngestAnswer{status, w.str(), retry_after_s};
}

}  // namespace

IngestEndpoint::IngestEndpoint(const ServerOptions& options, Collector* collector)
    : options_(options), collector_(collector) {
  auto zone = FindTimeZone(options.config.ingest_tz);  // checked when the server starts
  if (zone.ok()) zone_ = *zone;
}

bool IngestEndpoint::Authorized(std::string_view header_key, const std::vector<std::string>& body_keys) const {
  if (options_.ingest_key.empty()) return true;
  // Every candidate is compared in full, whether or not an earlier one matched.
  bool ok = false;
  auto check = [&](std::string_view key) {
    ok |= KeysEqual(key, options_.ingest_key);
    if (!options_.query_key.empty()) ok |= KeysEqual(key, options_.query_key);
  };
  if (!header_key.empty()) check(header_key);
  for (const std::string& k : body_keys) check(k);
  return ok;
}

IngestAnswer IngestEndpoint::Handle(IngestRequest request) const {
  const size_t max_decoded = options_.max_body_bytes * kMaxExpansion;
  if (request.body_too_large) {
    return Error(413, "the body is over " + std::to_string(max_decoded) + " bytes once decompressed");
  }
  bool too_large = false;
  BodyHints hints{request.content_type, request.compression};
  auto text = DecodeBody(std::move(request.body), hints, max_decoded, &too_large);
  if (!text.ok()) return Error(too_large ? 413 : 400, text.status().message());

  DecodedEvents decoded;
  DecodeOptions decode_options;
  decode_options.mapping = &options_.config.mapping;
  decode_options.zone = zone_;
  decode_options.max_events = options_.max_batch_events;
  decode_options.min_timestamp_ms = options_.config.ingest_min_timestamp_ms;
  decode_options.max_future_ms = options_.config.ingest_max_future_ms;
  bool too_many = false;
  Status s = DecodeEvents(&text.value(), decode_options, engine::NowMs(), &decoded, &too_many);
  // The key is checked before a malformed body is described, so a caller
  // without the key learns nothing but that it needs one.
  if (!Authorized(request.header_key, decoded.keys)) {
    const bool given = !request.header_key.empty() || !decoded.keys.empty();
    return Error(401, given ? "the ingest key is wrong"
                            : "this server needs an ingest key: api_key in the body, an X-Touchpoint-Key header "
                              "or Authorization: Bearer KEY");
  }
  if (!s.ok()) return Error(too_many ? 413 : 400, s.message());

  const size_t valid = decoded.batch.size();
  SubmitResult result;
  result.outcome = SubmitOutcome::kStored;
  if (valid > 0 || !decoded.links.empty()) {
    result = collector_->Submit(std::move(decoded.batch), std::move(decoded.links));
  }
  switch (result.outcome) {
    case SubmitOutcome::kOverloaded:
      return Error(429, "too many events are waiting to be written (" + result.message + "); retry later",
                   kRetryOverloadedS);
    case SubmitOutcome::kUnavailable:
      return Error(503, result.message + "; retry later", kRetryUnavailableS);
    case SubmitOutcome::kStored:
      break;
  }
  report::JsonWriter w;
  w.BeginObject().Key("status").Int(decoded.errors.empty() ? 1 : 0);
  w.Key("accepted").Int(static_cast<int64_t>(valid));
  if (decoded.ignored > 0) w.Key("ignored").Int(static_cast<int64_t>(decoded.ignored));
  if (!decoded.errors.empty()) {
    w.Key("rejected_count").Int(static_cast<int64_t>(decoded.errors.size()));
    w.Key("rejected").BeginArray();
    for (size_t i = 0; i < decoded.errors.size() && i < kMaxErrorsListed; ++i) {
      const EventError& e = decoded.errors[i];
      w.BeginObject().Key("index").Int(static_cast<int64_t>(e.index));
      if (!e.column.empty()) w.Key("column").String(e.column);
      w.Key("reason").String(e.reason).EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  // Some events bad: 400, so the sender sees it, though the good ones are kept.
  return IngestAnswer{decoded.errors.empty() ? 200 : 400, w.str(), 0};
}

}  // namespace touchpoint::server
