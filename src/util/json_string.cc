#include "util/json_string.h"

#include <cstdio>

#include "util/utf8.h"

namespace touchpoint {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const size_t n = Utf8SequenceLength(s, i);
      if (n == 0) {
        out->append(kReplacement);
        ++i;
      } else {
        out->append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          *out += buf;
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

std::optional<std::string> JsonStringField(std::string_view line, std::string_view key) {
  std::string needle = "\"";
  needle.append(key);
  needle += "\":";
  size_t at = 0;
  while (true) {
    at = line.find(needle, at);
    if (at == std::string_view::npos) return std::nullopt;
    // A key starts after '{' or ','; elsewhere the text is inside a value.
    size_t before = at;
    while (before > 0 && line[before - 1] == ' ') --before;
    if (before > 0 && (line[before - 1] == '{' || line[before - 1] == ',')) break;
    at += needle.size();
  }
  size_t p = at + needle.size();
  while (p < line.size() && line[p] == ' ') ++p;
  if (p >= line.size() || line[p] != '"') return std::nullopt;
  std::string value;
  for (++p; p < line.size(); ++p) {
    const char c = line[p];
    if (c == '"') return value;
    if (c != '\\') {
      value.push_back(c);
      continue;
    }
    if (++p >= line.size()) return std::nullopt;
    switch (line[p]) {
      case 'n': value.push_back('\n'); break;
      case 'r': value.push_back('\r'); break;
      case 't': value.push_back('\t'); break;
      case 'b': value.push_back('\b'); break;
      case 'f': value.push_back('\f'); break;
      case 'u': {
        if (p + 4 >= line.size()) return std::nullopt;
        uint32_t cp = 0;
        for (int k = 1; k <= 4; ++k) {
          const int h = HexValue(line[p + static_cast<size_t>(k)]);
          if (h < 0) return std::nullopt;
          cp = cp * 16 + static_cast<uint32_t>(h);
        }
        p += 4;
        AppendUtf8(cp, &value);  // we never write surrogate pairs
        break;
      }
      default: value.push_back(line[p]);
    }
  }
  return std::nullopt;
}

}  // namespace touchpoint
