// OpenApiDocument: the OpenAPI 3.1 description served at /api/openapi.json:
// the collection endpoints, /health, and one query endpoint per analysis of
// the registry (generated: server/query_api.h).
// Thread-safe (a constant).
#ifndef TOUCHPOINT_SERVER_OPENAPI_H_
#define TOUCHPOINT_SERVER_OPENAPI_H_

#include <string>

namespace touchpoint::server {

const std::string& OpenApiDocument();

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_OPENAPI_H_
