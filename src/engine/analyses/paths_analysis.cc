// touchpoint paths: customer journeys, transitions, touchpoints, exits
// (docs/paths.md).
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/paths_query.h"
#include "report/paths_format.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<PathsRequest>(ctx);
  req.touchpoint = p.Text("touchpoint");
  req.scope = p.Text("scope");
  req.start = p.Text("start");
  req.end = p.Text("end");
  req.depth = static_cast<int>(*p.Integer("depth"));
  req.top = static_cast<size_t>(*p.Integer("top"));
  req.collapse = p.Flag("collapse");
  req.include_inactive = p.Flag("with-inactive");
  TP_ASSIGN_OR_RETURN(kernels::PathsReport report, RunPaths(ctx.snapshot, req));
  AnalysisOutput out;
  out.body = report::PathsBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& PathsAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "paths";
    d.summary = "Customer journeys: top paths, transitions, touchpoints, exits, Sankey";
    d.params = {
        Choice("touchpoint", {"event", "channel:event", "channel", "page", "campaign"}, "event",
               "What a step is: event, channel:event, channel, page or campaign", "channel"),
        Choice("scope", {"session", "customer"}, "session", "Paths within sessions or across a customer's history",
               "customer"),
        Param("start", ParamKind::kText, "", "Paths from the first occurrence of this touchpoint", "page_view"),
        Param("end", ParamKind::kText, "", "Paths up to the first occurrence of this touchpoint", "purchase"),
        Integer("depth", 1, 16, "5", "Touchpoints per path", "4"),
        Param("collapse", ParamKind::kFlag, "on", "Fold immediate repeats of a touchpoint (--no-collapse: keep them)",
              ""),
        Integer("top", 1, 100000, "20", "Paths and rows per table", "10"),
        Param("with-inactive", ParamKind::kFlag, "off",
              "Count inactive events (impression, email_sent: what the business shows or sends) as touchpoints", ""),
        SessionTimeoutParam(),
        ConversionParam(),
    };
    d.examples = {
        "touchpoint paths --db store --depth 4",
        "touchpoint paths --db store --end purchase --touchpoint channel --scope customer",
    };
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
