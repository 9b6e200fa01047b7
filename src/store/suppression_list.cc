#include "store/suppression_list.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <random>

#include "util/file.h"
#include "util/hash.h"

namespace touchpoint::store {
namespace {

constexpr std::string_view kHeader = "touchpoint-suppressed 1";

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

bool ParseHex(std::string_view s, uint64_t* v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v, 16);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

}  // namespace

uint64_t SuppressionList::Hash(std::string_view customer_id) const { return Hash64WithSeed(customer_id, seed_); }

bool SuppressionList::Contains(std::string_view customer_id) const {
  return !hashes_.empty() && std::binary_search(hashes_.begin(), hashes_.end(), Hash(customer_id));
}

Result<SuppressionList> SuppressionList::Load(const std::string& dir) {
  SuppressionList list;
  const std::string path = JoinPath(dir, kSuppressionFile);
  if (!FileExists(path)) return list;
  TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  auto bad = [&](std::string_view why) { return Status::Corruption(path + ": " + std::string(why)); };
  const size_t sum_at = text.rfind("checksum ");
  uint64_t want = 0;
  std::string_view sum_text = std::string_view(text).substr(sum_at == std::string::npos ? text.size() : sum_at + 9);
  if (!sum_text.empty() && sum_text.back() == '\n') sum_text.remove_suffix(1);
  if (sum_at == std::string::npos || !ParseHex(sum_text, &want) ||
      Hash64(std::string_view(text).substr(0, sum_at)) != want) {
    return bad("checksum mismatch (damaged suppression list)");
  }
  std::string_view body = std::string_view(text).substr(0, sum_at);
  size_t line_no = 0;
  while (!body.empty()) {
    const size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    body.remove_prefix(nl == std::string_view::npos ? body.size() : nl + 1);
    ++line_no;
    if (line_no == 1) {
      if (line != kHeader) return bad("unknown format '" + std::string(line.substr(0, 40)) + "'");
      continue;
    }
    if (line.starts_with("seed ")) {
      if (!ParseHex(line.substr(5), &list.seed_)) return bad("unreadable seed");
      continue;
    }
    uint64_t h = 0;
    if (!ParseHex(line, &h)) return bad("unreadable line " + std::to_string(line_no));
    list.hashes_.push_back(h);
  }
  std::sort(list.hashes_.begin(), list.hashes_.end());
  return list;
}

Result<bool> SuppressionList::Add(const std::string& dir, std::string_view customer_id) {
  if (hashes_.empty() && seed_ == 0) {
    std::random_device rd;
    seed_ = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  }
  const uint64_t h = Hash(customer_id);
  const auto at = std::lower_bound(hashes_.begin(), hashes_.end(), h);
  if (at != hashes_.end() && *at == h) return false;
  hashes_.insert(at, h);
  std::string text(kHeader);
  text += "\nseed " + Hex(seed_) + "\n";
  for (uint64_t x : hashes_) text += Hex(x) + "\n";
  text += "checksum " + Hex(Hash64(text)) + "\n";
  TP_RETURN_IF_ERROR(WriteFileAtomic(JoinPath(dir, kSuppressionFile), text));
  return true;
}

}  // namespace touchpoint::store
