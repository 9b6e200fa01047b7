#include "cli/cli_util.h"

#include <cstdio>
#include <tuple>

#include "util/time.h"

namespace touchpoint::cli {

int Fail(const Status& status) {
  std::fprintf(stderr, "touchpoint: %s\n", status.ToString().c_str());
  return kExitError;
}

Result<std::unique_ptr<store::Store>> OpenStore(const std::string& dir, bool writable) {
  if (dir.empty()) return Status::InvalidArgument("--db DIR is required");
  store::StoreOptions options;
  options.read_only = !writable;
  options.create_if_missing = writable;
  return store::Store::Open(dir, options);
}

Result<StoreSnapshot> OpenSnapshot(const std::string& dir, bool writable) {
  StoreSnapshot out;
  TP_ASSIGN_OR_RETURN(out.store, OpenStore(dir, writable));
  TP_ASSIGN_OR_RETURN(out.snapshot, out.store->GetSnapshot());
  return out;
}

int PrintOutput(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

Status ParseRangeFlags(const std::string& from, const std::string& to, const std::string& tz,
                       std::optional<int64_t>* from_ms, std::optional<int64_t>* to_ms) {
  TP_ASSIGN_OR_RETURN(const date::time_zone* zone, FindTimeZone(tz));
  for (auto [flag, text, out] : {std::tuple{"--from", &from, from_ms}, std::tuple{"--to", &to, to_ms}}) {
    if (text->empty()) continue;
    auto t = ParseTimestamp(*text, zone);
    if (!t.ok()) return Status::InvalidArgument(std::string(flag) + ": " + t.status().message());
    *out = *t;
  }
  return Status::OK();
}

std::string HumanBytes(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

std::string WithThousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace touchpoint::cli
