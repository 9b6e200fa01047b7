// touchpoint funnel: conversion funnels (docs/funnels.md).
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/funnel_query.h"
#include "report/funnel_format.h"
#include "util/file.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<FunnelRequest>(ctx);
  req.steps = p.Text("steps");
  req.mode = p.Text("mode");
  req.count = p.Text("count");
  TP_ASSIGN_OR_RETURN(req.window_ms, p.Duration("window"));
  req.attribution = p.Text("attribution");
  req.exclusions = p.All("exclude");
  req.dropped_at = static_cast<int>(p.Integer("dropped-at").value_or(0));
  const std::string dropped_out = p.Text("dropped-out");
  if ((req.dropped_at != 0) != !dropped_out.empty()) {
    return Status::Usage("--dropped-at and --dropped-out go together");
  }
  TP_ASSIGN_OR_RETURN(kernels::FunnelReport report, RunFunnel(ctx.snapshot, req));
  if (!dropped_out.empty()) TP_RETURN_IF_ERROR(WriteFileAtomic(dropped_out, report::FunnelDroppedCsv(report)));
  AnalysisOutput out;
  out.body = report::FunnelBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& FunnelAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "funnel";
    d.summary = "Conversion funnel: how many reach each step within a window, and how fast";
    ParamDef steps = Param("steps", ParamKind::kText, "",
                           "STEP,STEP,... where a step is EVENT or EVENT[condition] (the --where language)",
                           "\"page_view[page='/pricing'],signup,purchase\"");
    steps.required = true;
    ParamDef exclude = Param("exclude", ParamKind::kText, "",
                             "Drop entries with EVENT[cond] between two steps: EVENT@A-B (default: first to last)",
                             "support_ticket@2-3");
    exclude.repeatable = true;
    ParamDef dropped_out = Param("dropped-out", ParamKind::kPath, "",
                                 "CSV file for --dropped-at (customer_id,entered_at,last_step_at)", "lost.csv");
    dropped_out.cli_only = true;
    d.params = {
        steps,
        Param("window", ParamKind::kDuration, "7d", "Conversion window from the first step", "7d"),
        Choice("mode", {"ordered", "strict", "unordered"}, "ordered",
               "ordered, strict (no other step in between) or unordered", "strict"),
        Choice("count", {"customers", "sessions", "totals"}, "customers",
               "What an entry is: customers, sessions or totals (every attempt)", "sessions"),
        exclude,
        Param("attribution", ParamKind::kText, "first", "Which step's event gives the --by value: first, last or step:N",
              "last"),
        Integer("dropped-at", 2, 32, "", "Collect the customers who reached step N-1 but not step N", "3"),
        dropped_out,
        SessionTimeoutParam(),
    };
    d.examples = {
        "touchpoint funnel --db store --steps page_view,signup,purchase --window 7d",
        "touchpoint funnel --db store --steps \"page_view[page='/pricing'],signup,purchase\" --by channel --attribution "
        "last",
        "touchpoint funnel --db store --steps page_view,add_to_cart,checkout,purchase --dropped-at 4 --dropped-out "
        "lost.csv",
    };
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
