// Key checks for the server (docs/server.md "Keys"). The ingest key is
// write-only and may sit in a web page; the query key is secret and reads
// everything. Both are compared in constant time, so the time a refusal
// takes says nothing about how much of a guess was right. Pure functions;
// thread-safe.
#ifndef TOUCHPOINT_SERVER_AUTH_H_
#define TOUCHPOINT_SERVER_AUTH_H_

#include <string_view>

namespace touchpoint::server {

// Equal bytes and equal length, in time that depends only on the lengths.
bool KeysEqual(std::string_view given, std::string_view expected);

// "Bearer KEY" -> "KEY" (the scheme's case ignored); "" for anything else.
std::string_view BearerToken(std::string_view authorization);

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_AUTH_H_
