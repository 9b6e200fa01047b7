// DecodeBody: turns the body of a collection request into JSON text,
// undoing the encodings PostHog's libraries use (docs/server.md):
//   - gzip: `?compression=gzip` or `gzip-js` (posthog-js), or a body that
//     starts with the gzip magic bytes (Content-Encoding: gzip is undone by
//     the HTTP layer before this);
//   - form-encoded `data=...` (Content-Type application/x-www-form-urlencoded,
//     or a body starting with "data="), whose value is JSON or base64 JSON;
//   - base64: `?compression=base64` or a form field `compression=base64`.
// Decoded text is held to `max_decoded_bytes`, so a small gzip body cannot
// expand without bound. Pure functions; thread-safe.
#ifndef TOUCHPOINT_SERVER_BODY_DECODER_H_
#define TOUCHPOINT_SERVER_BODY_DECODER_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "util/status.h"

namespace touchpoint::server {

struct BodyHints {
  std::string_view content_type;  // the request's Content-Type header
  std::string_view compression;   // the `compression` query parameter
};

// InvalidArgument naming what is wrong; *too_large is set when the decoded
// body passes the limit (the caller answers 413).
Result<std::string> DecodeBody(std::string body, const BodyHints& hints, size_t max_decoded_bytes, bool* too_large);

// Building blocks, exposed for tests.
Result<std::string> Gunzip(std::string_view in, size_t max_out, bool* too_large);
Result<std::string> Base64Decode(std::string_view in);  // standard or URL-safe alphabet, padding optional
std::string UrlDecode(std::string_view in);             // '+' is a space
// The value of `name` in an application/x-www-form-urlencoded body ("" if absent).
std::string FormField(std::string_view body, std::string_view name);

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_BODY_DECODER_H_
