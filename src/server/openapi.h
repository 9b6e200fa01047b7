// OpenApiDocument: the OpenAPI 3.1 description served at /api/openapi.json:
// the collection endpoints, /health, and the query endpoints the server
// answers today (server/interim_api.h). When the analysis registry lands,
// the query part is generated from it; the collection part stays here.
// Thread-safe (a constant).
#ifndef TOUCHPOINT_SERVER_OPENAPI_H_
#define TOUCHPOINT_SERVER_OPENAPI_H_

#include <string>

namespace touchpoint::server {

const std::string& OpenApiDocument();

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_OPENAPI_H_
