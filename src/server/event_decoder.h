// DecodeEvents: turns the JSON of a collection request into validated
// events, identity links and per-event errors.
//
// Accepted shapes (docs/server.md "Payloads"): one event object; a JSON
// array of events; PostHog's batch object {"api_key":..,"batch":[..]}; or
// NDJSON, one event per line. Each event is either canonical (our column
// names, as in an NDJSON file: timestamp, customer_id, event, ...) or
// PostHog's (event, distinct_id, properties, timestamp, uuid), told apart
// by its keys; PostHog's names are mapped by server/posthog_names.h. Every
// event goes through ingest's RowValidator, the same rules as file
// ingestion: a bad event becomes an EventError naming its index, column and
// reason, and the good ones are kept. Not thread-safe per call; calls on
// different threads are independent.
#ifndef TOUCHPOINT_SERVER_EVENT_DECODER_H_
#define TOUCHPOINT_SERVER_EVENT_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "event/event_batch.h"
#include "event/schema.h"
#include "ingest/event_reader.h"
#include "server/collector.h"
#include "util/status.h"

namespace date {
class time_zone;
}

namespace touchpoint::server {

struct EventError {
  size_t index = 0;    // 0-based position of the event in the request
  std::string column;  // the offending field ("" when the whole event is bad)
  std::string reason;
};

struct DecodedEvents {
  EventBatch batch;                 // the valid events, in request order
  std::vector<IdentityLink> links;  // from $identify and $create_alias
  std::vector<EventError> errors;
  size_t events = 0;                // events in the request
  size_t ignored = 0;               // PostHog bookkeeping events, acknowledged and not stored
  std::vector<std::string> keys;    // distinct api keys named in the body (api_key, token)
};

struct DecodeOptions {
  const FieldMapping* mapping = nullptr;   // the config's [mapping]; required
  const date::time_zone* zone = nullptr;   // for timestamps without an offset; null = UTC
  size_t max_events = 10'000;
  // Implausible times are refused as in file ingestion ([ingest] in the config).
  int64_t min_timestamp_ms = ingest::kDefaultMinTimestampMs;
  int64_t max_future_ms = ingest::kDefaultMaxFutureMs;
};

// `body` is the decoded request body (server/body_decoder.h); padding is
// appended to it for the JSON parser. `now_ms` stamps events that carry no
// time (PostHog allows that). A request that cannot be read at all (not
// JSON, not an event shape) is InvalidArgument; more than max_events sets
// *too_many and returns InvalidArgument, with nothing decoded.
Status DecodeEvents(std::string* body, const DecodeOptions& options, int64_t now_ms, DecodedEvents* out,
                    bool* too_many);

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_EVENT_DECODER_H_
