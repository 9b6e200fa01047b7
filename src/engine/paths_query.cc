#include "engine/paths_query.h"

#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/paths_consumer.h"

namespace touchpoint::engine {

Result<kernels::PathsReport> RunPaths(std::shared_ptr<const store::Snapshot> snapshot, const PathsRequest& req) {
  AnalysisScan analysis(snapshot, "paths");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  if (req.top == 0) return Status::Usage("--top must be at least 1");
  kernels::PathsSpec spec;
  TP_ASSIGN_OR_RETURN(spec.kind, kernels::ParseTouchpointKind(req.touchpoint));
  TP_ASSIGN_OR_RETURN(spec.scope, kernels::ParsePathScope(req.scope));
  spec.collapse = req.collapse;
  spec.include_inactive = req.include_inactive;
  spec.depth = req.depth;
  spec.start = req.start;
  spec.end = req.end;
  spec.by = req.by;
  spec.where = analysis.where();
  spec.defs = req.definitions;
  spec.zone = analysis.zone();
  std::tie(spec.from_ms, spec.to_ms) = analysis.range();
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::PathsConsumer>(spec, req.threads));
  kernels::PathsReport report;
  report.touchpoint = std::string(kernels::TouchpointKindName(spec.kind));
  report.scope = spec.scope == kernels::PathScope::kSession ? "session" : "customer";
  report.collapse = spec.collapse;
  report.depth = spec.depth;
  report.top = req.top;
  report.start = req.start;
  report.end = req.end;
  report.conversion = spec.defs.conversion_events;
  report.session_timeout_ms = spec.defs.session_timeout_ms;
  kernels::SummarizePaths(spec, *run.consumer, analysis.catalog(), req.top, &report);
  report.inactive_skipped = run.consumer->inactive_skipped();
  report.header = analysis.Finish();
  if (spec.include_inactive) report.header.inactive_events.clear();
  return report;
}

}  // namespace touchpoint::engine
