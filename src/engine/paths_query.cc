#include "engine/paths_query.h"

#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/paths_consumer.h"
#include "util/time.h"

namespace touchpoint::engine {

Result<kernels::PathsReport> RunPaths(std::shared_ptr<const store::Snapshot> snapshot, const PathsRequest& req) {
  AnalysisScan analysis(snapshot);
  if (req.top == 0) return Status::InvalidArgument("--top must be at least 1");
  kernels::PathsSpec spec;
  TP_ASSIGN_OR_RETURN(spec.kind, kernels::ParseTouchpointKind(req.touchpoint));
  TP_ASSIGN_OR_RETURN(spec.scope, kernels::ParsePathScope(req.scope));
  TP_RETURN_IF_ERROR(analysis.ParseWhere(req.where));
  spec.collapse = req.collapse;
  spec.depth = req.depth;
  spec.start = req.start;
  spec.end = req.end;
  spec.by = req.by;
  spec.where = analysis.where();
  spec.defs = req.definitions;
  TP_ASSIGN_OR_RETURN(spec.zone, FindTimeZone(req.tz));
  if (!req.conversion.empty()) spec.defs.conversion_events = {req.conversion};
  std::tie(spec.from_ms, spec.to_ms) = analysis.Range(req);
  if (!req.conversion.empty() && analysis.catalog().Find(scan::kEvent, req.conversion) == scan::kNoCode) {
    return Status::InvalidArgument("--conversion '" + req.conversion + "': no such event in the store");
  }
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::PathsConsumer>(spec, req.threads));
  kernels::PathsReport report;
  report.touchpoint = std::string(kernels::TouchpointKindName(spec.kind));
  report.scope = spec.scope == kernels::PathScope::kSession ? "session" : "customer";
  report.collapse = spec.collapse;
  report.depth = spec.depth;
  report.top = req.top;
  report.start = req.start;
  report.end = req.end;
  report.by = req.by;
  report.conversion = spec.defs.conversion_events;
  report.session_timeout_ms = spec.defs.session_timeout_ms;
  report.from_ms = spec.from_ms;
  report.to_ms = spec.to_ms;
  kernels::SummarizePaths(spec, *run.consumer, analysis.catalog(), req.top, &report);
  report.scanned_events = run.stats.rows;
  report.seconds = analysis.seconds();
  return report;
}

}  // namespace touchpoint::engine
