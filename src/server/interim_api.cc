#include "server/interim_api.h"

#include <charconv>
#include <set>
#include <vector>

#include "engine/metrics_query.h"
#include "report/json_writer.h"
#include "report/metrics_json.h"
#include "report/metrics_table.h"
#include "store/derived_table.h"
#include "store/store.h"
#include "util/time.h"

namespace touchpoint::server {
namespace {

// Distinct values listed per derived column: a segment filter, not a dump.
constexpr size_t kMaxSegmentValues = 200;

ApiAnswer Error(int status, const std::string& message) {
  report::JsonWriter w;
  w.BeginObject().Key("error").String(message).EndObject();
  return ApiAnswer{status, "application/json", w.str()};
}

Status ParseInt(const std::string& name, const std::string& text, int64_t* out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  if (ec != std::errc() || end != text.data() + text.size() || *out < 0) {
    return Status::InvalidArgument(name + ": '" + text + "' is not a non-negative whole number");
  }
  return Status::OK();
}

Status ParseDouble(const std::string& name, const std::string& text, double* out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument(name + ": '" + text + "' is not a number");
  }
  return Status::OK();
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The CLI's `metrics` flags (cli/metrics_command.cc), read from the query.
Status BuildRequest(const engine::Config& config, const QueryParams& params, engine::MetricsRequest* req,
                    std::string* format) {
  static const std::set<std::string> kKnown = {
      "from",           "to",          "tz",         "interval",        "compare",          "by",
      "where",          "definitions", "format",     "session_timeout", "conversion_events", "activation_event",
      "activation_days", "csat_min",   "ces_lower_is_easier", "threads", "key"};
  for (const auto& [name, value] : params) {
    if (kKnown.count(name) == 0) {
      return Status::InvalidArgument("unknown parameter '" + name +
                                     "' (metrics takes from, to, tz, interval, compare, by, where, definitions, "
                                     "session_timeout, conversion_events, activation_event, activation_days, "
                                     "csat_min, ces_lower_is_easier, format, threads)");
    }
  }
  auto get = [&](const char* name) {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  };
  req->definitions = engine::DefinitionsFromConfig(config);
  const std::string definitions = get("definitions");
  TP_ASSIGN_OR_RETURN(kernels::Preset preset, kernels::ParsePreset(definitions.empty() ? "touchpoint" : definitions));
  kernels::ApplyPreset(preset, &req->definitions);
  int64_t n = 0;
  if (!get("session_timeout").empty()) {
    TP_RETURN_IF_ERROR(ParseInt("session_timeout", get("session_timeout"), &n));
    req->definitions.session_timeout_ms = n * 1000;
  }
  if (!get("conversion_events").empty()) req->definitions.conversion_events = SplitList(get("conversion_events"));
  if (!get("activation_event").empty()) req->definitions.activation_event = get("activation_event");
  if (!get("activation_days").empty()) {
    TP_RETURN_IF_ERROR(ParseInt("activation_days", get("activation_days"), &n));
    req->definitions.activation_window_ms = n * 86400 * 1000;
  }
  if (!get("csat_min").empty()) {
    TP_RETURN_IF_ERROR(ParseDouble("csat_min", get("csat_min"), &req->definitions.csat_satisfied_min));
  }
  const std::string ces = get("ces_lower_is_easier");
  if (ces == "true" || ces == "1") {
    req->definitions.ces_higher_is_easier = false;
  } else if (!ces.empty() && ces != "false" && ces != "0") {
    return Status::InvalidArgument("ces_lower_is_easier: '" + ces + "' is not true or false");
  }
  req->tz = params.count("tz") ? get("tz") : config.report_tz;
  TP_ASSIGN_OR_RETURN(const date::time_zone* zone, FindTimeZone(req->tz));
  for (auto [name, out] : {std::pair{"from", &req->from_ms}, std::pair{"to", &req->to_ms}}) {
    const std::string text = get(name);
    if (text.empty()) continue;
    auto t = ParseTimestamp(text, zone);
    if (!t.ok()) return Status::InvalidArgument(std::string(name) + ": " + t.status().message());
    *out = *t;
  }
  TP_ASSIGN_OR_RETURN(req->interval, kernels::ParseInterval(get("interval")));
  req->compare = get("compare");
  req->by = get("by");
  req->where = get("where");
  if (!get("threads").empty()) {
    TP_RETURN_IF_ERROR(ParseInt("threads", get("threads"), &n));
    req->threads = static_cast<size_t>(n);
  }
  *format = get("format").empty() ? "json" : get("format");
  if (*format != "json" && *format != "csv") {
    return Status::InvalidArgument("format: '" + *format + "' is not json or csv");
  }
  return Status::OK();
}

Result<std::shared_ptr<const store::Snapshot>> OpenSnapshot(const std::string& db) {
  store::StoreOptions options;
  options.read_only = true;
  TP_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> store, store::Store::Open(db, options));
  return store->GetSnapshot();
}

}  // namespace

ApiAnswer MetricsApi(const std::string& db, const engine::Config& config, const QueryParams& params) {
  engine::MetricsRequest req;
  std::string format;
  Status s = BuildRequest(config, params, &req, &format);
  if (!s.ok()) return Error(400, s.message());
  auto snapshot = OpenSnapshot(db);
  if (!snapshot.ok()) return Error(503, snapshot.status().ToString());
  auto report = engine::RunMetrics(*snapshot, req);
  if (!report.ok()) {
    // The request named something the data cannot answer (a bad --where,
    // --by or comparison range): the caller's to fix.
    const bool usage = report.status().code() == Status::Code::kInvalidArgument ||
                       report.status().code() == Status::Code::kNotFound;
    return Error(usage ? 400 : 500, report.status().message());
  }
  if (format == "csv") return ApiAnswer{200, "text/csv; charset=utf-8", report::MetricsCsv(*report)};
  return ApiAnswer{200, "application/json", report::MetricsJson(*report)};
}

ApiAnswer SegmentsApi(const std::string& db) {
  auto snapshot = OpenSnapshot(db);
  if (!snapshot.ok()) return Error(503, snapshot.status().ToString());
  auto names = store::DerivedTable::List(db);
  if (!names.ok()) return Error(500, names.status().ToString());
  report::JsonWriter w;
  w.BeginObject().Key("segments").BeginArray();
  for (const std::string& name : *names) {
    auto column = store::DerivedTable::Read(db, name);
    if (!column.ok()) continue;  // written right now by someone else: listed next time
    std::set<std::string> values;
    for (const auto& [customer, value] : column->values) {
      if (values.size() >= kMaxSegmentValues) break;
      if (!value.empty()) values.insert(value);
    }
    w.BeginObject().Key("name").String(name).Key("stale").Bool(column->data_stamp != (*snapshot)->data_stamp);
    w.Key("values").BeginArray();
    for (const std::string& v : values) w.String(v);
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  return ApiAnswer{200, "application/json", w.str()};
}

}  // namespace touchpoint::server
