// touchpoint attribution: multi-touch and Markov attribution of conversions
// to channels (docs/attribution.md).
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/attribution_query.h"
#include "report/attribution_format.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<AttributionRequest>(ctx);
  if (req.by.empty()) req.by = {"channel"};
  TP_ASSIGN_OR_RETURN(req.window_ms, p.Duration("window"));
  TP_ASSIGN_OR_RETURN(req.half_life_ms, p.Duration("half-life"));
  req.value = p.Text("value");
  TP_ASSIGN_OR_RETURN(kernels::AttributionReport report, RunAttribution(ctx.snapshot, req));
  AnalysisOutput out;
  out.body = report::AttributionBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& AttributionAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "attribution";
    d.summary = "Credit conversions to channels: first/last touch, linear, time decay, position, Markov";
    d.params = {
        Param("window", ParamKind::kDuration, "30d", "Lookback before each conversion", "14d"),
        Param("half-life", ParamKind::kDuration, "7d", "Time-decay model's half-life", "3d"),
        Choice("value", {"revenue", "conversions"}, "revenue", "What the models distribute", "conversions"),
        SessionTimeoutParam(),
        ConversionParam(),
    };
    d.examples = {
        "touchpoint attribution --db store --window 30d",
        "touchpoint attribution --db store --by campaign --value conversions --conversion signup",
    };
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
