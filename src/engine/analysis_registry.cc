#include "engine/analysis_registry.h"

#include "engine/analyses/analyses.h"
#include "engine/request_dates.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

// A parameter whose default is described rather than a value.
ParamDef Def(std::string name, ParamKind kind, std::string default_help, std::string help, std::string example) {
  ParamDef d;
  d.name = std::move(name);
  d.kind = kind;
  d.default_help = std::move(default_help);
  d.help = std::move(help);
  d.example = std::move(example);
  return d;
}

const ParamDef& SaveParam() {
  static const ParamDef kSave = Def("save", ParamKind::kName, "",
                                    "Write each customer's result as the derived column NAME (then --by derived:NAME)",
                                    "stage");
  return kSave;
}

}  // namespace

const std::vector<const AnalysisDef*>& Analyses() {
  static const std::vector<const AnalysisDef*> kAll = {
      &MetricsAnalysis(), &FunnelAnalysis(), &RetentionAnalysis(), &PathsAnalysis(),  &AttributionAnalysis(),
      &LifecycleAnalysis(), &ClvAnalysis(), &ChurnAnalysis(),    &SegmentsAnalysis(), &RecommendAnalysis(),
      &FeedbackAnalysis()};
  return kAll;
}

const AnalysisDef* FindAnalysis(std::string_view name) {
  for (const AnalysisDef* a : Analyses()) {
    if (a->name == name) return a;
  }
  return nullptr;
}

const std::vector<ParamDef>& CommonParams() {
  static const std::vector<ParamDef> kCommon = [] {
    std::vector<ParamDef> p;
    p.push_back(Def("db", ParamKind::kPath, "", "Store directory (or give event files instead)", "store"));
    p.back().cli_only = true;
    p.push_back(Def("config", ParamKind::kPath, "DIR/touchpoint.toml", "Config file", "touchpoint.toml"));
    p.back().cli_only = true;
    p.push_back(Def("from", ParamKind::kDate, "the data's first event",
                    "Start, inclusive: ISO date or time, 2024-03, 2024, today, -30d, -12w", "2024-03-01"));
    p.push_back(Def("to", ParamKind::kDate, "just after the data's last event",
                    "End, exclusive (same forms as --from)", "2024-04"));
    p.push_back(Def("tz", ParamKind::kText, "the config's [metrics] tz, else UTC",
                    "Reporting time zone for dates, days, weeks and months (IANA name)", "Europe/Berlin"));
    p.push_back(Def("where", ParamKind::kExpression, "",
                    "Filter events first; repeat to AND several (docs/metrics.md, \"Filters\")",
                    "\"channel IN ('web','app') AND revenue > 10\""));
    p.back().repeatable = true;
    p.push_back(Def("by", ParamKind::kColumnList, "",
                    "Cut by up to two columns, properties or derived:NAME, comma-separated", "channel"));
    p.back().repeatable = true;
    p.push_back(Def("definitions", ParamKind::kEnum, "",
                    "Session, bounce and duration rules of another tool", "ga4"));
    p.back().default_value = "touchpoint";
    p.back().choices = {"touchpoint", "ga4", "posthog", "plausible", "umami", "matomo"};
    p.push_back(Def("format", ParamKind::kEnum, "", "Output: table, json or csv", "json"));
    p.back().default_value = "table";
    p.back().choices = {"table", "json", "csv"};
    p.push_back(Def("threads", ParamKind::kInteger, "all cores", "Scan threads", "2"));
    p.back().min = 1;
    p.back().max = 256;
    return p;
  }();
  return kCommon;
}

std::vector<const ParamDef*> AllParams(const AnalysisDef& def) {
  std::vector<const ParamDef*> out;
  for (const ParamDef& p : CommonParams()) out.push_back(&p);
  for (const ParamDef& p : def.params) out.push_back(&p);
  if (!def.save_help.empty()) out.push_back(&SaveParam());
  return out;
}

const ParamDef& SessionTimeoutParam() {
  static const ParamDef d = Def("session-timeout", ParamKind::kDuration, "30m (the config's session_timeout_s)",
                                "Inactivity that ends a session", "30m");
  return d;
}
const ParamDef& ConversionParam() {
  static const ParamDef d = Def("conversion", ParamKind::kEventList, "purchase (the config's conversion_events)",
                                "Events that count as conversions, comma-separated", "purchase,subscription_start");
  return d;
}
const ParamDef& ActivationParam() {
  static const ParamDef d = Def("activation", ParamKind::kEvent, "activation (the config's activation_event)",
                                "The event that marks an activated customer", "activation");
  return d;
}
const ParamDef& ActivationWindowParam() {
  static const ParamDef d = Def("activation-window", ParamKind::kDuration, "7d (the config's activation_window_days)",
                                "How long after first activity activation counts", "7d");
  return d;
}
const ParamDef& CsatMinParam() {
  static const ParamDef d = Def("csat-min", ParamKind::kNumber, "4 (the config's csat_satisfied_min)",
                                "Lowest satisfied CSAT score on 1-5", "4");
  return d;
}
const ParamDef& CesLowerIsEasierParam() {
  static const ParamDef d = Def("ces-lower-is-easier", ParamKind::kFlag, "off: 7 = easiest",
                                "CES 1 = easiest instead of 7 = easiest", "");
  return d;
}

Status ReadCommonRequest(const ParamReader& p, const Config& config, AnalysisRequest* req) {
  req->tz = p.Optional("tz").value_or(config.report_tz);
  auto zone = FindTimeZone(req->tz);
  if (!zone.ok()) return Status::Usage("--tz: " + zone.status().message());
  const int64_t now = NowMs();
  for (auto [flag, out] : {std::pair{"from", &req->from_ms}, std::pair{"to", &req->to_ms}}) {
    if (auto text = p.Optional(flag)) {
      TP_ASSIGN_OR_RETURN(int64_t t, ParseRequestTime(FlagName(flag), *text, *zone, now));
      *out = t;
    }
  }
  req->by = p.List("by");
  req->where = p.All("where");
  if (auto threads = p.Integer("threads"); threads && p.Given("threads")) req->threads = static_cast<size_t>(*threads);

  kernels::Definitions& d = req->definitions;
  d = DefinitionsFromConfig(config);
  auto preset = kernels::ParsePreset(p.Text("definitions"));
  if (!preset.ok()) return Status::Usage(preset.status().message());
  kernels::ApplyPreset(*preset, &d);
  // Definition flags the analysis declares; ParamReader refused the others.
  if (p.Given("session-timeout")) {
    TP_ASSIGN_OR_RETURN(d.session_timeout_ms, p.Duration("session-timeout"));
  }
  if (p.Given("conversion")) {
    d.conversion_events = p.List("conversion");
    for (const std::string& e : d.conversion_events) req->named_events.emplace_back("--conversion", e);
  }
  if (p.Given("activation")) {
    d.activation_event = p.Text("activation");
    req->named_events.emplace_back("--activation", d.activation_event);
  }
  if (p.Given("activation-window")) {
    TP_ASSIGN_OR_RETURN(d.activation_window_ms, p.Duration("activation-window"));
  }
  if (p.Given("csat-min")) d.csat_satisfied_min = *p.Number("csat-min");
  if (p.Flag("ces-lower-is-easier")) d.ces_higher_is_easier = false;
  return Status::OK();
}

}  // namespace touchpoint::engine
