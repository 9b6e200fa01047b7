#include "server/html_report.h"

#include <cctype>
#include <string_view>
#include <utility>

#include "engine/request_dates.h"
#include "engine/store_info.h"
#include "report/json_writer.h"
#include "report/result_body.h"
#include "server/static_assets.h"
#include "util/time.h"

namespace touchpoint::server {
namespace {

// Where the Vite build of web/src/report/main.ts lands (web/vite.report.config.ts).
constexpr std::string_view kScriptPath = "/report/report.js";
// The usual path to a purchase: the funnel's steps, as far as the store has them.
constexpr std::string_view kUsualSteps[] = {"page_view", "signup", "add_to_cart", "checkout", "purchase"};
constexpr int64_t kDayMs = 86'400'000;

// The dashboard's rule for a series' step (web/src/filters.ts, intervalFor).
std::string IntervalFor(int64_t days) {
  if (days <= 62) return "day";
  if (days <= 366) return "week";
  return "month";
}

// Survey answers are few next to events: one step coarser (web/src/views/surveys.ts).
std::string SurveyInterval(const std::string& interval) { return interval == "day" ? "week" : "month"; }

std::string RetentionPeriod(int64_t days) {
  if (days <= 31) return "day";
  if (days <= 180) return "week";
  return "month";
}

// The days the request covers: its --from/--to where given (read in UTC:
// only the step of a series depends on it), else the data's span.
int64_t RangeDays(const engine::ParamValues& common, const engine::StoreInfo& info) {
  int64_t from = info.min_ts, to = info.max_ts + 1;
  auto bound = [&](const char* name, int64_t* out) {
    const std::vector<std::string>* v = common.Get(name);
    if (v == nullptr || v->empty()) return;
    auto t = engine::ParseRequestTime(name, v->back(), nullptr, engine::NowMs());
    if (t.ok()) *out = *t;  // a bad date is the overview's usage error
  };
  bound("from", &from);
  bound("to", &to);
  return to > from ? (to - from + kDayMs - 1) / kDayMs : 1;
}

std::string DefaultSteps(const engine::StoreInfo& info) {
  std::vector<std::string> present;
  for (std::string_view s : kUsualSteps) {
    for (const auto& [event, n] : info.events_by_type) {
      if (event == s && n > 0) present.emplace_back(s);
    }
  }
  if (present.size() < 2) {
    present.clear();
    for (size_t i = 0; i < info.events_by_type.size() && i < 3; ++i) present.push_back(info.events_by_type[i].first);
  }
  std::string out;
  for (const std::string& s : present) out += (out.empty() ? "" : ",") + s;
  return out;
}

struct Section {
  std::string name;      // the key in the page's data
  std::string analysis;  // the registry's name
  std::vector<std::pair<std::string, std::string>> params;
  bool user_given = false;  // its own parameters came from the user: a usage error is theirs
};

std::string ErrorJson(const std::string& message) {
  report::JsonWriter w;
  w.BeginObject().Key("error").String(message).EndObject();
  return w.str();
}

// The page's data: the request and every section's JSON answer (or error).
std::string DataJson(const ReportRequest& request, const std::vector<std::pair<std::string, std::string>>& answers) {
  report::JsonWriter w;
  auto last = [&](const char* name) {
    const std::vector<std::string>* v = request.common.Get(name);
    return v == nullptr || v->empty() ? std::string() : v->back();
  };
  w.BeginObject().Key("title").String(request.title);
  w.Key("generated").String(FormatTimestamp(engine::NowMs()));
  w.Key("store").String(request.store_name);
  w.Key("request").BeginObject();
  w.Key("from").String(last("from")).Key("to").String(last("to")).Key("tz").String(last("tz"));
  w.Key("where").BeginArray();
  if (const std::vector<std::string>* where = request.common.Get("where")) {
    for (const std::string& x : *where) w.String(x);
  }
  w.EndArray();
  w.Key("steps").String(request.steps);
  w.EndObject().EndObject();
  // The answers go in as they are: each is already one JSON object.
  std::string out = w.str();
  out.pop_back();  // the closing brace
  out += ",\"sections\":{";
  for (size_t i = 0; i < answers.size(); ++i) {
    report::JsonWriter key;
    key.String(answers[i].first);
    out += (i ? "," : "") + key.str() + ":" + answers[i].second;
  }
  out += "}}";
  return out;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// A script's text inside <script>: "</script" (any case) would end the
// element early. Inside a string, template or regex, "<\/" means "</".
std::string ScriptSafeJs(std::string_view js) {
  constexpr std::string_view kEnd = "</script";
  std::string out;
  out.reserve(js.size());
  for (size_t i = 0; i < js.size(); ++i) {
    if (js[i] == '<' && js.size() - i >= kEnd.size()) {
      bool match = true;
      for (size_t k = 1; k < kEnd.size() && match; ++k) match = std::tolower(static_cast<unsigned char>(js[i + k])) == kEnd[k];
      if (match) {
        out += "<\\";
        continue;  // the '/' follows as usual
      }
    }
    out += js[i];
  }
  return out;
}

}  // namespace

std::string ScriptSafeJson(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::string> BuildHtmlReport(const engine::Touchpoint& tp, const ReportRequest& request) {
  const StaticAsset* script = FindAsset(kScriptPath);
  if (script == nullptr) {
    return Status::Usage("this touchpoint was built without its web pages, so it cannot write reports: "
                         "run scripts/build_web.sh (npm and Vite), then build again");
  }
  TP_ASSIGN_OR_RETURN(engine::StoreInfo info, engine::ComputeStoreInfo(tp.store()));
  const int64_t days = RangeDays(request.common, info);
  const std::string interval = IntervalFor(days);
  const std::string steps = request.steps.empty() ? DefaultSteps(info) : request.steps;

  const std::vector<Section> sections = {
      {"overview", "metrics", {{"compare", "previous"}, {"interval", interval}}},
      {"trends_by_channel", "metrics", {{"interval", interval}, {"by", "channel"}, {"measures", "customers,events"}}},
      {"funnel", "funnel", {{"steps", steps}, {"window", request.window}}, !request.steps.empty()},
      {"retention", "retention", {{"period", RetentionPeriod(days)}}},
      {"journeys", "paths", {}},
      // One scan: the scores, their series and each channel's.
      {"surveys", "metrics", {{"interval", SurveyInterval(interval)}, {"by", "channel"}, {"measures", "nps,csat,ces"}}},
  };
  std::vector<std::pair<std::string, std::string>> answers;
  for (const Section& s : sections) {
    engine::ParamValues values = request.common;
    for (const auto& [k, v] : s.params) values.Add(k, v);
    auto out = tp.Run(s.analysis, values);
    if (!out.ok()) {
      // The overview's error is the request's (a bad date or filter); a
      // section's own usage error is the data's, unless the user chose it.
      const bool usage = out.status().code() == Status::Code::kUsage;
      if (!usage || s.name == "overview" || s.user_given) return out.status();
      answers.emplace_back(s.name, ErrorJson(out.status().message()));
      continue;
    }
    answers.emplace_back(s.name, report::Render(*out->body, report::OutputFormat::kJson));
  }

  std::string html;
  html += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"touchpoint report\">\n";
  html += "<title>" + HtmlEscape(request.title) + "</title>\n<link rel=\"icon\" href=\"data:,\">\n</head>\n<body>\n";
  html += "<div id=\"report\"></div>\n<noscript><p style=\"font-family:sans-serif;padding:24px\">This report draws its "
          "charts with JavaScript: open the file in a web browser (it needs no network).</p></noscript>\n";
  html += "<script type=\"application/json\" id=\"touchpoint-data\">" + ScriptSafeJson(DataJson(request, answers)) +
          "</script>\n";
  html += "<script>" + ScriptSafeJs(script->data) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace touchpoint::server
