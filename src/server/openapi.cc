#include "server/openapi.h"

#include <string>

#include "server/query_api.h"

namespace touchpoint::server {
namespace {

// The collection part, written by hand from docs/server.md (tests/server/
// api_test.cc checks that every path here answers); the query paths follow,
// generated from the analysis registry.
constexpr const char* kDocument = R"json({
 "openapi": "3.1.0",
 "info": {"title": "Touchpoint", "version": "0.1.0",
          "description": "Event collection (canonical and PostHog payloads) and the query API. See docs/server.md."},
 "components": {
  "securitySchemes": {
   "ingestKey": {"type": "apiKey", "in": "header", "name": "X-Touchpoint-Key",
                 "description": "The write-only ingest key; also accepted as api_key in the body or Authorization: Bearer."},
   "queryKey": {"type": "http", "scheme": "bearer", "description": "The secret query key."}
  },
  "schemas": {
   "CanonicalEvent": {"type": "object", "required": ["timestamp", "customer_id", "event"],
    "properties": {"timestamp": {"type": ["string", "number"]}, "customer_id": {"type": "string"},
                   "event": {"type": "string"}, "event_id": {"type": "string"}, "session_id": {"type": "string"},
                   "channel": {"type": "string"}, "campaign": {"type": "string"}, "page": {"type": "string"},
                   "revenue": {"type": "number"}, "survey": {"type": "string"}, "score": {"type": "number"},
                   "comment": {"type": "string"}, "feature": {"type": "string"}},
    "additionalProperties": true},
   "PostHogEvent": {"type": "object", "required": ["event"],
    "properties": {"event": {"type": "string"}, "distinct_id": {"type": "string"},
                   "properties": {"type": "object"}, "timestamp": {"type": "string"}, "uuid": {"type": "string"}}},
   "IngestAnswer": {"type": "object",
    "properties": {"status": {"type": "integer"}, "accepted": {"type": "integer"}, "ignored": {"type": "integer"},
                   "rejected_count": {"type": "integer"},
                   "rejected": {"type": "array", "items": {"type": "object",
                     "properties": {"index": {"type": "integer"}, "column": {"type": "string"}, "reason": {"type": "string"}}}},
                   "error": {"type": "string"}}}
  },
  "responses": {
   "Stored": {"description": "Every event is durable (fsync'd).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestAnswer"}}}},
   "Rejected": {"description": "The body could not be read, or some events were invalid (the valid ones are stored; see rejected).", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestAnswer"}}}},
   "Unauthorized": {"description": "Missing or wrong key."},
   "TooLarge": {"description": "Body or batch over the limits."},
   "Overloaded": {"description": "Too many events waiting to be written; nothing stored. Retry after Retry-After seconds."},
   "Unavailable": {"description": "Shutting down or the store cannot be written; nothing stored. Retry after Retry-After seconds."}
  }
 },
 "paths": {
  "/capture": {"post": {"summary": "One event (canonical or PostHog's capture shape); also /capture/, /e/, /i/v0/e/, /track/",
    "security": [{"ingestKey": []}],
    "requestBody": {"content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/CanonicalEvent"}, {"$ref": "#/components/schemas/PostHogEvent"}]}}}},
    "responses": {"200": {"$ref": "#/components/responses/Stored"}, "400": {"$ref": "#/components/responses/Rejected"},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "413": {"$ref": "#/components/responses/TooLarge"},
                  "429": {"$ref": "#/components/responses/Overloaded"}, "503": {"$ref": "#/components/responses/Unavailable"}}}},
  "/batch": {"post": {"summary": "PostHog's batch: {\"api_key\": .., \"batch\": [events]}; also /batch/",
    "security": [{"ingestKey": []}],
    "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {"api_key": {"type": "string"}, "batch": {"type": "array"}}}}}},
    "responses": {"200": {"$ref": "#/components/responses/Stored"}, "400": {"$ref": "#/components/responses/Rejected"},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "413": {"$ref": "#/components/responses/TooLarge"},
                  "429": {"$ref": "#/components/responses/Overloaded"}, "503": {"$ref": "#/components/responses/Unavailable"}}}},
  "/api/events": {"post": {"summary": "Canonical events: a JSON array or NDJSON",
    "security": [{"ingestKey": []}],
    "requestBody": {"content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/CanonicalEvent"}}},
                                "application/x-ndjson": {"schema": {"type": "string"}}}},
    "responses": {"200": {"$ref": "#/components/responses/Stored"}, "400": {"$ref": "#/components/responses/Rejected"},
                  "401": {"$ref": "#/components/responses/Unauthorized"}, "413": {"$ref": "#/components/responses/TooLarge"},
                  "429": {"$ref": "#/components/responses/Overloaded"}, "503": {"$ref": "#/components/responses/Unavailable"}}}},
  "/health": {"get": {"summary": "200 while the store can be written; counters", "responses": {"200": {"description": "ok"}, "503": {"description": "the store cannot be written"}}}},
  "/touchpoint.js": {"get": {"summary": "The tracking script", "responses": {"200": {"description": "JavaScript"}}}},
  "/api/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1"}}}},
  "/api/derived": {"get": {"summary": "Derived columns and their values (touchpoint derived --list; for segment filters)",
    "security": [{"queryKey": []}], "responses": {"200": {"description": "{segments: [{name, stale, source, values}]}"}}}},
  "/api/info": {"get": {"summary": "What the store holds: `touchpoint info --format json` (events by type, channel and campaign, properties, time range)",
    "security": [{"queryKey": []}], "responses": {"200": {"description": "{events, customers, min_ts, max_ts, events_by_type, events_by_channel, events_by_campaign, properties, ...}"}}}},
  "/api/report": {"get": {"summary": "The shareable HTML report of `touchpoint report` (overview, trends, funnel, retention, journeys, surveys), as a download",
    "security": [{"queryKey": []}],
    "parameters": [{"name": "from", "in": "query", "schema": {"type": "string"}}, {"name": "to", "in": "query", "schema": {"type": "string"}},
                   {"name": "tz", "in": "query", "schema": {"type": "string"}}, {"name": "where", "in": "query", "schema": {"type": "string"}},
                   {"name": "definitions", "in": "query", "schema": {"type": "string"}}, {"name": "steps", "in": "query", "schema": {"type": "string"}},
                   {"name": "window", "in": "query", "schema": {"type": "string"}}, {"name": "title", "in": "query", "schema": {"type": "string"}}],
    "responses": {"200": {"description": "text/html"}, "400": {"description": "A bad parameter, with the CLI's message"}}}})json";

constexpr const char* kDocumentEnd = "\n }\n}\n";

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string doc = std::string(kDocument) + AnalysisPathsJson() + kDocumentEnd;
  return doc;
}

}  // namespace touchpoint::server
