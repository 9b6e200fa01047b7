// touchpoint metrics: the whole measure catalogue (docs/metrics.md).
#include <algorithm>

#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/metrics_query.h"
#include "kernels/measure_catalog.h"
#include "report/metrics_format.h"
#include "util/suggest.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<MetricsRequest>(ctx);
  auto interval = kernels::ParseInterval(p.Text("interval"));
  if (!interval.ok()) return Status::Usage(interval.status().message());
  req.interval = *interval;
  req.compare = p.Text("compare");
  auto scope = kernels::ParseCutScope(p.Text("by-scope"));
  if (!scope.ok()) return Status::Usage(scope.status().message());
  req.by_scope = *scope;
  const std::vector<std::string> measures = p.List("measures");
  for (const std::string& m : measures) {
    const auto& known = kernels::MeasureNames();
    if (std::find(known.begin(), known.end(), m) == known.end()) {
      return Status::Usage("--measures: unknown measure '" + m + "'" + DidYouMean(m, known));
    }
  }
  TP_ASSIGN_OR_RETURN(kernels::MetricsReport report, RunMetrics(ctx.snapshot, req));
  AnalysisOutput out;
  out.body = report::MetricsBody(std::move(report), measures);
  return out;
}

}  // namespace

const AnalysisDef& MetricsAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "metrics";
    d.summary = "Every engagement, satisfaction, value and churn measure, in one pass";
    d.params = {
        Choice("interval", {"day", "week", "month"}, "", "Also a time series by day, week or month", "month"),
        Choice("by-scope", {"measure", "event", "session", "first", "last"}, "measure",
               "How --by splits: measure (event measures by the event's value, session measures by the session's "
               "first event, customer measures by the customer's first value: each customer in one group), or every "
               "measure by the event, the session, or the customer's first or last value",
               "event"),
        Param("compare", ParamKind::kText, "",
              "Change against another range, with significance tests: previous, or FROM..TO", "previous"),
        Described(Param("measures", ParamKind::kText, "",
                        "Measures to show, comma-separated (e.g. customers,conversion_rate,nps)", "conversion_rate,nps"),
                  "all; grids: customers, sessions, conversion_rate, bounce_rate, avg_session_duration_s, revenue, "
                  "churn_rate, nps"),
        SessionTimeoutParam(),
        ConversionParam(),
        ActivationParam(),
        ActivationWindowParam(),
        CsatMinParam(),
        CesLowerIsEasierParam(),
    };
    d.examples = {
        "touchpoint metrics --db store",
        "touchpoint metrics --db store --from 2024-01 --to 2024-07 --interval month --measures customers,conversion_rate",
        "touchpoint metrics --db store --by channel --compare previous --from -30d",
        "touchpoint metrics events.csv --format json",
    };
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
