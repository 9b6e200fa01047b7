#include "engine/config.h"

#include <charconv>
#include <set>
#include <utility>

#include <toml++/toml.h>

#include "engine/duration.h"
#include "store/store.h"
#include "util/file.h"
#include "util/time.h"

namespace touchpoint::engine {

// The store keeps this file when it creates or empties a directory.
static_assert(std::string_view(kConfigFileName) == store::kConfigFile);
namespace {

std::string Where(const std::string& path, const toml::node& node) {
  return path + ":" + std::to_string(node.source().begin.line);
}

Status CheckKeys(const std::string& path, const toml::table& table, std::string_view section,
                 const std::set<std::string_view>& allowed) {
  for (const auto& [key, node] : table) {
    if (allowed.count(key.str()) == 0) {
      return Status::InvalidArgument(Where(path, node) + ": unknown key '" + std::string(key.str()) + "' in [" +
                                     std::string(section) + "]");
    }
  }
  return Status::OK();
}

template <typename T>
Status Get(const std::string& path, const toml::table& t, std::string_view key, T* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  auto v = n->value<T>();
  if (!v) return Status::InvalidArgument(Where(path, *n) + ": '" + std::string(key) + "' has the wrong type");
  *out = *v;
  return Status::OK();
}

Status GetStrings(const std::string& path, const toml::table& t, std::string_view key, std::vector<std::string>* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  const toml::array* arr = n->as_array();
  if (arr == nullptr) return Status::InvalidArgument(Where(path, *n) + ": '" + std::string(key) + "' must be a list");
  out->clear();
  for (const auto& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) return Status::InvalidArgument(Where(path, item) + ": '" + std::string(key) + "' must hold strings");
    out->push_back(*s);
  }
  return Status::OK();
}

// A string or integer key through `parse`, its error naming file and line.
template <typename T, typename Parse>
Status GetParsed(const std::string& path, const toml::table& t, std::string_view key, Parse parse, T* out) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Status::OK();
  std::string text;
  if (auto s = n->value<std::string>()) {
    text = *s;
  } else if (auto i = n->value<int64_t>()) {
    text = std::to_string(*i);
  } else {
    return Status::InvalidArgument(Where(path, *n) + ": '" + std::string(key) + "' has the wrong type");
  }
  auto v = parse(text);
  if (!v.ok()) return Status::InvalidArgument(Where(path, *n) + ": '" + std::string(key) + "': " + v.status().message());
  *out = *v;
  return Status::OK();
}

// memory, min_timestamp, max_future, merge_wait (docs/config.md).
Status GetIngestValues(const std::string& path, const toml::table& ing, Config* config) {
  TP_RETURN_IF_ERROR(GetParsed(path, ing, "memory", ParseByteSize, &config->ingest_memory));
  TP_RETURN_IF_ERROR(GetParsed(
      path, ing, "min_timestamp", [](std::string_view v) { return ParseTimestamp(v, nullptr); },
      &config->ingest_min_timestamp_ms));
  TP_RETURN_IF_ERROR(GetParsed(path, ing, "max_future", ParseDurationMs, &config->ingest_max_future_ms));
  TP_RETURN_IF_ERROR(GetParsed(path, ing, "merge_wait", ParseDurationMs, &config->ingest_merge_wait_ms));
  if (config->ingest_memory < kMinIngestMemory) {
    return Status::InvalidArgument(path + ": [ingest] memory must be at least 32MiB");
  }
  return Status::OK();
}

}  // namespace

Result<uint64_t> ParseByteSize(std::string_view text) {
  uint64_t value = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || p == text.data()) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a size (e.g. 256MiB, 1GiB)");
  }
  std::string_view unit(p, static_cast<size_t>(text.data() + text.size() - p));
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  static constexpr std::pair<std::string_view, uint64_t> kUnits[] = {
      {"", 1},          {"B", 1},           {"KiB", 1ull << 10}, {"MiB", 1ull << 20}, {"GiB", 1ull << 30},
      {"KB", 1000},     {"MB", 1000000},    {"GB", 1000000000},  {"K", 1ull << 10},   {"M", 1ull << 20},
      {"G", 1ull << 30}};
  for (const auto& [name, scale] : kUnits) {
    if (unit == name) {
      if (value > UINT64_MAX / scale) return Status::InvalidArgument("'" + std::string(text) + "' is too large");
      return value * scale;
    }
  }
  return Status::InvalidArgument("'" + std::string(text) + "': unknown unit '" + std::string(unit) +
                                 "' (B, KiB, MiB, GiB, KB, MB, GB)");
}

Result<Config> LoadConfig(const std::string& path_in, const std::string& store_dir) {
  Config config;
  std::string path = path_in;
  if (path.empty()) {
    std::string candidate = JoinPath(store_dir, kConfigFileName);
    if (store_dir.empty() || !FileExists(candidate)) return config;
    path = candidate;
  }
  TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  // toml++ reports parse errors as exceptions: caught here, at the call.
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(path + ":" + std::to_string(e.source().begin.line) + ": " +
                                   std::string(e.description()));
  }
  config.source = path;
  TP_RETURN_IF_ERROR(CheckKeys(path, root, "top level", {"mapping", "ingest", "metrics", "server"}));
  if (const toml::table* m = root["mapping"].as_table()) {
    TP_RETURN_IF_ERROR(CheckKeys(path, *m, "mapping", {"columns", "events"}));
    if (const toml::table* cols = (*m)["columns"].as_table()) {
      for (const auto& [theirs, node] : *cols) {
        auto role = node.value<std::string>();
        if (!role) return Status::InvalidArgument(Where(path, node) + ": mapping.columns values are role names");
        Status s = config.mapping.AddColumn(theirs.str(), *role);
        if (!s.ok()) return Status::InvalidArgument(Where(path, node) + ": " + s.message());
      }
    }
    if (const toml::table* evs = (*m)["events"].as_table()) {
      for (const auto& [theirs, node] : *evs) {
        auto ours = node.value<std::string>();
        if (!ours) return Status::InvalidArgument(Where(path, node) + ": mapping.events values are event names");
        config.mapping.AddEvent(theirs.str(), *ours);
      }
    }
  }
  if (const toml::table* ing = root["ingest"].as_table()) {
    TP_RETURN_IF_ERROR(CheckKeys(path, *ing, "ingest",
                                 {"tz", "merge_after_load", "memory", "min_timestamp", "max_future", "merge_wait"}));
    TP_RETURN_IF_ERROR(Get(path, *ing, "tz", &config.ingest_tz));
    TP_RETURN_IF_ERROR(Get(path, *ing, "merge_after_load", &config.merge_after_load));
    TP_RETURN_IF_ERROR(GetIngestValues(path, *ing, &config));
  }
  if (const toml::table* met = root["metrics"].as_table()) {
    TP_RETURN_IF_ERROR(CheckKeys(path, *met, "metrics",
                                 {"tz", "session_timeout_s", "conversion_events", "activation_event",
                                  "activation_window_days", "csat_satisfied_min", "ces_higher_is_easier",
                                  "inactive_events"}));
    kernels::Definitions& d = config.definitions;
    TP_RETURN_IF_ERROR(Get(path, *met, "tz", &config.report_tz));
    int64_t seconds = d.session_timeout_ms / 1000;
    TP_RETURN_IF_ERROR(Get(path, *met, "session_timeout_s", &seconds));
    d.session_timeout_ms = seconds * 1000;
    TP_RETURN_IF_ERROR(GetStrings(path, *met, "conversion_events", &d.conversion_events));
    TP_RETURN_IF_ERROR(Get(path, *met, "activation_event", &d.activation_event));
    int64_t days = d.activation_window_ms / kMillisPerDay;
    TP_RETURN_IF_ERROR(Get(path, *met, "activation_window_days", &days));
    d.activation_window_ms = days * kMillisPerDay;
    TP_RETURN_IF_ERROR(Get(path, *met, "csat_satisfied_min", &d.csat_satisfied_min));
    TP_RETURN_IF_ERROR(Get(path, *met, "ces_higher_is_easier", &d.ces_higher_is_easier));
    TP_RETURN_IF_ERROR(GetStrings(path, *met, "inactive_events", &d.inactive_events));
  }
  if (const toml::table* srv = root["server"].as_table()) {
    ServerConfig& c = config.server;
    TP_RETURN_IF_ERROR(CheckKeys(path, *srv, "server",
                                 {"listen", "ingest_key", "query_key", "max_body_bytes", "max_batch_events",
                                  "max_pending_events", "threads", "flush_log_events", "flush_log_after_s"}));
    for (auto [key, out] : {std::pair{"listen", &c.listen}, std::pair{"ingest_key", &c.ingest_key},
                            std::pair{"query_key", &c.query_key}}) {
      TP_RETURN_IF_ERROR(Get(path, *srv, key, out));
    }
    for (auto [key, out] : {std::pair{"max_body_bytes", &c.max_body_bytes},
                            std::pair{"max_batch_events", &c.max_batch_events},
                            std::pair{"max_pending_events", &c.max_pending_events}, std::pair{"threads", &c.threads},
                            std::pair{"flush_log_events", &c.flush_log_events},
                            std::pair{"flush_log_after_s", &c.flush_log_after_s}}) {
      TP_RETURN_IF_ERROR(Get(path, *srv, key, out));
      if (*out < 0) return Status::InvalidArgument(Where(path, *srv->get(key)) + ": '" + key + "' must not be negative");
    }
  }
  return config;
}

}  // namespace touchpoint::engine
