#include "server/body_decoder.h"

#include <zlib.h>

#include <array>
#include <cstdint>

namespace touchpoint::server {
namespace {

constexpr unsigned char kGzipMagic0 = 0x1f, kGzipMagic1 = 0x8b;
constexpr size_t kInflateChunk = 64 << 10;
// zlib: 15 window bits, +16 to expect a gzip header and trailer.
constexpr int kGzipWindowBits = 15 + 16;

bool IsGzip(std::string_view s) {
  return s.size() >= 2 && static_cast<unsigned char>(s[0]) == kGzipMagic0 &&
         static_cast<unsigned char>(s[1]) == kGzipMagic1;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
    s.remove_prefix(1);
  }
  return s;
}

bool LooksLikeJson(std::string_view s) {
  s = TrimLeft(s);
  return !s.empty() && (s.front() == '{' || s.front() == '[');
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes a payload that may be base64 and then gzip.
Result<std::string> Unwrap(std::string text, bool base64, size_t max_out, bool* too_large) {
  if (base64 || (!LooksLikeJson(text) && !IsGzip(text))) {
    auto decoded = Base64Decode(text);
    if (!decoded.ok()) return Status::InvalidArgument("the body is neither JSON nor base64: " + decoded.status().message());
    text = std::move(decoded).value();
  }
  if (IsGzip(text)) return Gunzip(text, max_out, too_large);
  return text;
}

}  // namespace

Result<std::string> Gunzip(std::string_view in, size_t max_out, bool* too_large) {
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindowBits) != Z_OK) return Status::IOError("zlib could not start");
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    const size_t at = out.size();
    if (at >= max_out) {
      inflateEnd(&zs);
      *too_large = true;
      return Status::InvalidArgument("the body expands past " + std::to_string(max_out) + " bytes");
    }
    out.resize(at + kInflateChunk);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + at);
    zs.avail_out = static_cast<uInt>(kInflateChunk);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(at + kInflateChunk - zs.avail_out);
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members (gzip -c a b) are one stream to a reader.
      if (zs.avail_in > 0 && IsGzip(std::string_view(reinterpret_cast<const char*>(zs.next_in), zs.avail_in))) {
        inflateReset(&zs);
        rc = Z_OK;
      }
      continue;
    }
    if (rc != Z_OK) {
      inflateEnd(&zs);
      return Status::InvalidArgument(std::string("the gzip body is damaged") + (zs.msg ? std::string(": ") + zs.msg : ""));
    }
    if (zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return Status::InvalidArgument("the gzip body is cut short");
    }
  }
  inflateEnd(&zs);
  if (out.size() > max_out) {
    *too_large = true;
    return Status::InvalidArgument("the body expands past " + std::to_string(max_out) + " bytes");
  }
  return out;
}

Result<std::string> Base64Decode(std::string_view in) {
  static const std::array<int8_t, 256> kTable = [] {
    std::array<int8_t, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
    t['-'] = 62;  // URL-safe alphabet
    t['_'] = 63;
    return t;
  }();
  std::string out;
  out.reserve(in.size() / 4 * 3 + 3);
  uint32_t acc = 0;
  int bits = 0;
  size_t padding = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '\r' || c == '\n' || c == ' ') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    const int8_t v = kTable[static_cast<unsigned char>(c)];
    if (v < 0 || padding > 0) {
      return Status::InvalidArgument("byte " + std::to_string(i) + " is not a base64 character");
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  if (bits >= 6 || padding > 2) return Status::InvalidArgument("the base64 text has a bad length");
  return out;
}

std::string UrlDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out.push_back(' ');
    } else if (in[i] == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

std::string FormField(std::string_view body, std::string_view name) {
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view pair = body.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (UrlDecode(pair.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? std::string() : UrlDecode(pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return std::string();
}

Result<std::string> DecodeBody(std::string body, const BodyHints& hints, size_t max_decoded_bytes, bool* too_large) {
  *too_large = false;
  if (hints.compression == "gzip" || hints.compression == "gzip-js" || IsGzip(body)) {
    TP_ASSIGN_OR_RETURN(body, Gunzip(body, max_decoded_bytes, too_large));
  }
  // A JSON body sent with a form content type (curl -d does that) is JSON.
  const bool form = TrimLeft(body).starts_with("data=") ||
                    (hints.content_type.starts_with("application/x-www-form-urlencoded") && !LooksLikeJson(body));
  if (form) {
    const std::string compression = FormField(body, "compression");
    std::string data = FormField(body, "data");
    if (data.empty()) return Status::InvalidArgument("the form-encoded body has no 'data' field");
    return Unwrap(std::move(data), compression == "base64" || hints.compression == "base64", max_decoded_bytes,
                  too_large);
  }
  if (hints.compression == "base64") return Unwrap(std::move(body), true, max_decoded_bytes, too_large);
  if (body.size() > max_decoded_bytes) {
    *too_large = true;
    return Status::InvalidArgument("the body is over " + std::to_string(max_decoded_bytes) + " bytes");
  }
  return body;
}

}  // namespace touchpoint::server
