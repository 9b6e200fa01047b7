// touchpoint retention: cohort retention, churn and revenue retention
// (docs/retention.md).
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/retention_query.h"
#include "report/retention_format.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<RetentionRequest>(ctx);
  req.cohort = p.Text("cohort");
  req.return_event = p.Text("return");
  req.period = p.Text("period");
  if (p.Given("periods")) req.periods = static_cast<int>(*p.Integer("periods"));
  req.unbounded = p.Flag("unbounded");
  TP_ASSIGN_OR_RETURN(kernels::RetentionReport report, RunRetention(ctx.snapshot, req));
  AnalysisOutput out;
  out.body = report::RetentionBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& RetentionAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "retention";
    d.summary = "Cohort retention matrix, churn, revenue retention and contractual churn";
    d.params = {
        Param("cohort", ParamKind::kText, "first_seen", "first_seen (first activity) or an event name", "signup"),
        Param("return", ParamKind::kText, "any", "any (any activity) or an event name", "purchase"),
        Choice("period", {"day", "week", "month"}, "week", "day, week (ISO, Monday) or month", "month"),
        Described(Integer("periods", 1, 1000, "", "Columns to show (period 0, 1, ...)", "12"),
                  "up to the end of the data"),
        Param("unbounded", ParamKind::kFlag, "off", "Retained in period k or any later one", ""),
    };
    d.examples = {
        "touchpoint retention --db store --period week",
        "touchpoint retention --db store --period month --cohort signup --return purchase --by channel --periods 12",
    };
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
