#include "engine/paths_query.h"

#include <chrono>

#include "kernels/event_filter.h"
#include "kernels/paths_consumer.h"
#include "scan/parallel_scan.h"
#include "util/time.h"

namespace touchpoint::engine {

Result<kernels::PathsReport> RunPaths(std::shared_ptr<const store::Snapshot> snapshot, const PathsRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  if (req.top == 0) return Status::InvalidArgument("--top must be at least 1");
  kernels::PathsSpec spec;
  TP_ASSIGN_OR_RETURN(spec.kind, kernels::ParseTouchpointKind(req.touchpoint));
  TP_ASSIGN_OR_RETURN(spec.scope, kernels::ParsePathScope(req.scope));
  TP_ASSIGN_OR_RETURN(kernels::EventFilter where, kernels::EventFilter::Parse(req.where));
  spec.collapse = req.collapse;
  spec.depth = req.depth;
  spec.start = req.start;
  spec.end = req.end;
  spec.by = req.by;
  spec.where = where.empty() ? nullptr : &where;
  spec.defs = req.definitions;
  TP_ASSIGN_OR_RETURN(spec.zone, FindTimeZone(req.tz));
  if (!req.conversion.empty()) spec.defs.conversion_events = {req.conversion};
  const auto [lo, hi] = snapshot->TimeRange();
  spec.from_ms = req.from_ms.value_or(lo);
  spec.to_ms = req.to_ms.value_or(hi);
  scan::ParallelScan scanner(snapshot);
  if (!req.conversion.empty() && scanner.catalog().Find(scan::kEvent, req.conversion) == scan::kNoCode) {
    return Status::InvalidArgument("--conversion '" + req.conversion + "': no such event in the store");
  }
  std::vector<std::string> properties;
  TP_RETURN_IF_ERROR(spec.Prepare(scanner.catalog(), &properties));
  where.Bind(scanner.catalog(), properties, spec.derived);
  scan::ScanSpec scan_spec = spec.ScanSpecFor(properties);
  scan_spec.threads = req.threads;
  std::unique_ptr<scan::CustomerConsumer> out;
  scan::ScanStats stats;
  TP_RETURN_IF_ERROR(
      scanner.Run(scan_spec, [&] { return std::make_unique<kernels::PathsConsumer>(spec); }, &out, &stats));
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
  kernels::SummarizePaths(spec, static_cast<kernels::PathsConsumer&>(*out), scanner.catalog(), req.top, &report);
  report.scanned_events = stats.rows;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace touchpoint::engine
