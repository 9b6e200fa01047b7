#include "server/query_api.h"

#include <set>

#include "engine/analysis_registry.h"
#include "engine/store_info.h"
#include "engine/touchpoint.h"
#include "report/json_writer.h"
#include "server/html_report.h"
#include "report/result_body.h"
#include "store/derived_table.h"
#include "store/store.h"
#include "util/suggest.h"

namespace touchpoint::server {
namespace {

// Distinct values listed per derived column: a segment filter, not a dump.
constexpr size_t kMaxSegmentValues = 200;

ApiAnswer Error(int status, const std::string& message) {
  report::JsonWriter w;
  w.BeginObject().Key("error").String(message).EndObject();
  return ApiAnswer{status, "application/json", w.str()};
}

int HttpStatus(const Status& s) {
  switch (s.code()) {
    case Status::Code::kUsage:
    case Status::Code::kInvalidArgument: return 400;
    case Status::Code::kBusy: return 503;
    default: return 500;
  }
}

std::string ContentType(report::OutputFormat format) {
  switch (format) {
    case report::OutputFormat::kCsv: return "text/csv; charset=utf-8";
    case report::OutputFormat::kTable: return "text/plain; charset=utf-8";
    case report::OutputFormat::kJson: break;
  }
  return "application/json";
}

}  // namespace

ApiAnswer QueryApi::Analysis(std::string_view name, const QueryParams& params) {
  if (engine::FindAnalysis(name) == nullptr) {
    std::vector<std::string> names;
    for (const engine::AnalysisDef* a : engine::Analyses()) names.push_back(a->name);
    return Error(404, "no analysis '" + std::string(name) + "'" + DidYouMean(name, names) + " (see /api/openapi.json)");
  }
  engine::ParamValues values;
  std::string format_name = "json";
  for (const auto& [k, v] : params) {
    if (k == "format") format_name = v;
    values.Add(k, v);
  }
  auto format = report::ParseOutputFormat(format_name);
  if (!format.ok()) return Error(400, format.status().message());
  auto tp = engine::Touchpoint::Open(db_, config_);
  if (!tp.ok()) return Error(HttpStatus(tp.status()), tp.status().message());
  // The cache key: the data and the request, parameters in a fixed order.
  std::string key = (*tp)->data_stamp() + "\n" + std::string(name);
  for (const auto& [k, list] : values.all()) {
    for (const std::string& v : list) key += "\n" + k + "=" + v;
  }
  ApiAnswer answer;
  if (FromCache(key, &answer)) return answer;
  auto out = (*tp)->Run(name, values, /*http=*/true);
  if (!out.ok()) {
    answer = Error(HttpStatus(out.status()), out.status().message());
    // A usage error on unchanged data stays one: the dashboard asks again
    // on every visit of a panel the data cannot answer.
    if (answer.status == 400) Remember(std::move(key), answer);
    return answer;
  }
  answer = ApiAnswer{200, ContentType(*format), report::Render(*out->body, *format)};
  Remember(std::move(key), answer);
  return answer;
}

bool QueryApi::FromCache(const std::string& key, ApiAnswer* answer) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = cache_.begin(); it != cache_.end(); ++it) {
    if (it->first != key) continue;
    cache_.splice(cache_.begin(), cache_, it);
    *answer = cache_.front().second;
    return true;
  }
  return false;
}

void QueryApi::Remember(std::string key, const ApiAnswer& answer) {
  std::lock_guard<std::mutex> lock(mu_);
  cache_.emplace_front(std::move(key), answer);
  if (cache_.size() > kCacheEntries) cache_.pop_back();
}

ApiAnswer QueryApi::Info() {
  store::StoreOptions options;
  options.read_only = true;
  auto store = store::Store::Open(db_, options);
  if (!store.ok()) return Error(HttpStatus(store.status()), store.status().message());
  auto snapshot = (*store)->GetSnapshot();
  if (!snapshot.ok()) return Error(HttpStatus(snapshot.status()), snapshot.status().message());
  // "\n" cannot start an analysis's name: no clash with Analysis's keys.
  std::string key = (*snapshot)->data_stamp + "\n\ninfo";
  ApiAnswer answer;
  if (FromCache(key, &answer)) return answer;
  auto info = engine::ComputeStoreInfo(**store);
  if (!info.ok()) return Error(HttpStatus(info.status()), info.status().message());
  answer = ApiAnswer{200, "application/json", engine::StoreInfoJson(*info)};
  Remember(std::move(key), answer);
  return answer;
}

ApiAnswer QueryApi::Derived() const {
  auto tp = engine::Touchpoint::Open(db_, config_);
  if (!tp.ok()) return Error(HttpStatus(tp.status()), tp.status().message());
  auto names = store::DerivedTable::List(db_);
  if (!names.ok()) return Error(500, names.status().ToString());
  report::JsonWriter w;
  w.BeginObject().Key("segments").BeginArray();
  for (const std::string& name : *names) {
    auto column = store::DerivedTable::Read(db_, name);
    if (!column.ok()) continue;  // written right now by someone else: listed next time
    std::set<std::string> values;
    for (const auto& [customer, value] : column->values) {
      if (values.size() >= kMaxSegmentValues) break;
      if (!value.empty()) values.insert(value);
    }
    w.BeginObject().Key("name").String(name).Key("stale").Bool(column->data_stamp != (*tp)->data_stamp());
    w.Key("source").String(column->source);
    w.Key("values").BeginArray();
    for (const std::string& v : values) w.String(v);
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
  return ApiAnswer{200, "application/json", w.str()};
}

ApiAnswer QueryApi::Report(const QueryParams& params) const {
  ReportRequest request;
  request.store_name = "touchpoint serve";
  for (const auto& [k, v] : params) {
    if (k == "steps") {
      request.steps = v;
    } else if (k == "window") {
      request.window = v;
    } else if (k == "title") {
      request.title = v;
    } else if (k == "from" || k == "to" || k == "tz" || k == "where" || k == "definitions") {
      request.common.Add(k, v);
    } else {
      return Error(400, "unknown parameter '" + k + "' for /api/report (from, to, tz, where, definitions, steps, window, title)");
    }
  }
  auto tp = engine::Touchpoint::Open(db_, config_);
  if (!tp.ok()) return Error(HttpStatus(tp.status()), tp.status().message());
  auto html = BuildHtmlReport(**tp, request);
  if (!html.ok()) return Error(HttpStatus(html.status()), html.status().message());
  return ApiAnswer{200, "text/html; charset=utf-8", std::move(*html)};
}

std::string AnalysisPathsJson() {
  std::string out;
  for (const engine::AnalysisDef* a : engine::Analyses()) {
    report::JsonWriter w;
    w.BeginObject().Key("get").BeginObject();
    w.Key("summary").String(a->summary);
    w.Key("description").String("Exactly `touchpoint " + a->name + " --format json` (format=csv: the CLI's CSV); "
                                "docs/api.md");
    w.Key("security").BeginArray().BeginObject().Key("queryKey").BeginArray().EndArray().EndObject().EndArray();
    w.Key("parameters").BeginArray();
    for (const engine::ParamDef* p : engine::AllParams(*a)) {
      if (p->cli_only) continue;
      w.BeginObject();
      w.Key("name").String(p->name).Key("in").String("query");
      w.Key("required").Bool(p->required);
      std::string description = p->help;
      const std::string& def = p->default_help.empty() ? p->default_value : p->default_help;
      if (!def.empty()) description += " (default: " + def + ")";
      if (p->repeatable) description += "; repeatable";
      w.Key("description").String(description);
      w.Key("schema").BeginObject();
      switch (p->kind) {
        case engine::ParamKind::kEnum:
          w.Key("enum").BeginArray();
          for (const std::string& c : p->choices) w.String(c);
          w.EndArray();
          break;
        case engine::ParamKind::kInteger:
          w.Key("type").String("integer");
          if (p->min != INT64_MIN) w.Key("minimum").Int(p->min);
          if (p->max != INT64_MAX) w.Key("maximum").Int(p->max);
          break;
        case engine::ParamKind::kNumber: w.Key("type").String("number"); break;
        case engine::ParamKind::kFlag: w.Key("type").String("boolean"); break;
        default:
          w.Key("type").String("string");
          w.Key("x-kind").String(engine::ParamKindName(p->kind));
      }
      w.EndObject();
      if (!p->example.empty()) w.Key("example").String(p->example);
      w.EndObject();
    }
    w.EndArray();
    w.Key("responses").BeginObject();
    w.Key("200").BeginObject().Key("description").String("The result: the header, then the analysis's fields").EndObject();
    w.Key("400").BeginObject().Key("description").String("A bad or unknown parameter or name, with the CLI's message");
    w.EndObject();
    w.Key("401").BeginObject().Key("$ref").String("#/components/responses/Unauthorized").EndObject();
    w.EndObject();
    w.EndObject().EndObject();
    out += ",\n  \"/api/" + a->name + "\": " + w.str();
  }
  return out;
}

}  // namespace touchpoint::server
