#include "store/manifest.h"

#include <charconv>
#include <cstdio>

#include "util/escape.h"
#include "util/hash.h"

namespace touchpoint::store {
namespace {

// Version 2 added reserved ranges, garbage ids and the erased count of a
// load; version 1 manifests are still read.
constexpr std::string_view kHeader = "touchpoint-manifest 2";
constexpr std::string_view kHeaderV1 = "touchpoint-manifest 1";

std::vector<std::string_view> Split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = line.find(sep, start);
    out.push_back(line.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

template <typename T>
bool ParseInt(std::string_view s, T* v, int base = 10) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v, base);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

std::string Manifest::Encode() const {
  std::string out(kHeader);
  out += "\n";
  out += "generation\t" + std::to_string(generation) + "\n";
  out += "data_version\t" + std::to_string(data_version) + "\n";
  out += "next_id\t" + std::to_string(next_id) + "\n";
  out += "log\t" + std::to_string(log_number) + "\n";
  for (const PartEntry& p : parts) {
    out += "part\t" + std::to_string(p.id) + "\t" + std::to_string(p.info.rows) + "\t" +
           std::to_string(p.info.customers) + "\t" + std::to_string(p.info.min_ts) + "\t" +
           std::to_string(p.info.max_ts) + "\t" + std::to_string(p.info.bytes) + "\n";
  }
  for (const LoadEntry& l : loads) {
    out += "load\t" + std::to_string(l.id) + "\t" + Hex(l.content_hash) + "\t" + std::to_string(l.input_bytes) +
           "\t" + std::to_string(l.accepted) + "\t" + std::to_string(l.rejected) + "\t" +
           std::to_string(l.duplicates) + "\t" + std::to_string(l.erased) + "\t" + std::to_string(l.loaded_at_ms) +
           "\t" + EscapeField(l.source) + "\n";
  }
  for (const auto& [first, end] : reserved) {
    out += "reserved\t" + std::to_string(first) + "\t" + std::to_string(end) + "\n";
  }
  for (uint64_t id : garbage) out += "garbage\t" + std::to_string(id) + "\n";
  out += "checksum\t" + Hex(Hash64(out)) + "\n";
  return out;
}

bool Manifest::IsReserved(uint64_t id) const {
  for (const auto& [first, end] : reserved) {
    if (id >= first && id < end) return true;
  }
  return false;
}

Result<Manifest> Manifest::Decode(std::string_view text, const std::string& path) {
  auto bad = [&](size_t line, std::string_view what) {
    return Status::Corruption(path + ":" + std::to_string(line) + ": " + std::string(what));
  };
  size_t sum_at = text.rfind("checksum\t");
  if (sum_at == std::string_view::npos) return bad(0, "no checksum line (truncated manifest)");
  uint64_t want = 0;
  std::string_view sum_text = text.substr(sum_at + 9);
  if (!sum_text.empty() && sum_text.back() == '\n') sum_text.remove_suffix(1);
  if (!ParseInt(sum_text, &want, 16) || Hash64(text.substr(0, sum_at)) != want) {
    return bad(0, "checksum mismatch (damaged manifest)");
  }
  Manifest m;
  size_t line_no = 0;
  bool v1 = false;
  for (std::string_view line : Split(text.substr(0, sum_at), '\n')) {
    ++line_no;
    if (line.empty()) continue;
    if (line_no == 1) {
      v1 = line == kHeaderV1;
      if (line != kHeader && !v1) {
        return Status::NotSupported(path + ": manifest format '" + std::string(line) +
                                    "' is not supported by this build (expects '" + std::string(kHeader) + "')");
      }
      continue;
    }
    std::vector<std::string_view> f = Split(line, '\t');
    bool ok = true;
    if (f[0] == "generation" && f.size() == 2) {
      ok = ParseInt(f[1], &m.generation);
    } else if (f[0] == "data_version" && f.size() == 2) {
      ok = ParseInt(f[1], &m.data_version);
    } else if (f[0] == "next_id" && f.size() == 2) {
      ok = ParseInt(f[1], &m.next_id);
    } else if (f[0] == "log" && f.size() == 2) {
      ok = ParseInt(f[1], &m.log_number);
    } else if (f[0] == "part" && f.size() == 7) {
      PartEntry p;
      ok = ParseInt(f[1], &p.id) && ParseInt(f[2], &p.info.rows) && ParseInt(f[3], &p.info.customers) &&
           ParseInt(f[4], &p.info.min_ts) && ParseInt(f[5], &p.info.max_ts) && ParseInt(f[6], &p.info.bytes);
      m.parts.push_back(p);
    } else if (f[0] == "load" && f.size() == (v1 ? 9u : 10u)) {
      LoadEntry l;
      size_t k = 7;
      ok = ParseInt(f[1], &l.id) && ParseInt(f[2], &l.content_hash, 16) && ParseInt(f[3], &l.input_bytes) &&
           ParseInt(f[4], &l.accepted) && ParseInt(f[5], &l.rejected) && ParseInt(f[6], &l.duplicates) &&
           (v1 || ParseInt(f[k++], &l.erased)) && ParseInt(f[k++], &l.loaded_at_ms);
      l.source = UnescapeField(f[k]);
      m.loads.push_back(std::move(l));
    } else if (f[0] == "reserved" && f.size() == 3 && !v1) {
      std::pair<uint64_t, uint64_t> r;
      ok = ParseInt(f[1], &r.first) && ParseInt(f[2], &r.second) && r.first <= r.second;
      m.reserved.push_back(r);
    } else if (f[0] == "garbage" && f.size() == 2 && !v1) {
      uint64_t id = 0;
      ok = ParseInt(f[1], &id);
      m.garbage.push_back(id);
    } else {
      ok = false;
    }
    if (!ok) return bad(line_no, "unreadable line '" + std::string(line.substr(0, 80)) + "'");
  }
  return m;
}

}  // namespace touchpoint::store
