#include "engine/attribution_query.h"

#include <chrono>

#include "kernels/attribution_consumer.h"
#include "kernels/event_filter.h"
#include "scan/parallel_scan.h"

namespace touchpoint::engine {
namespace {

Status CheckDuration(const char* flag, int64_t ms) {
  if (ms <= 0 || ms > kMaxAttributionDurationMs) {
    return Status::InvalidArgument(std::string(flag) + " must be more than 0 and at most 3650d");
  }
  return Status::OK();
}

}  // namespace

Result<kernels::AttributionReport> RunAttribution(std::shared_ptr<const store::Snapshot> snapshot,
                                                  const AttributionRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  TP_RETURN_IF_ERROR(CheckDuration("--window", req.window_ms));
  TP_RETURN_IF_ERROR(CheckDuration("--half-life", req.half_life_ms));
  TP_ASSIGN_OR_RETURN(kernels::AttributionValue value, kernels::ParseAttributionValue(req.value));
  TP_ASSIGN_OR_RETURN(kernels::EventFilter where, kernels::EventFilter::Parse(req.where));
  kernels::AttributionSpec spec;
  spec.window_ms = req.window_ms;
  spec.half_life_ms = req.half_life_ms;
  spec.conversion = req.conversion;
  spec.by = req.by;
  spec.where = where.empty() ? nullptr : &where;
  spec.definitions = req.definitions;
  const auto [lo, hi] = snapshot->TimeRange();
  spec.from_ms = req.from_ms.value_or(lo);
  spec.to_ms = req.to_ms.value_or(hi);
  if (spec.from_ms >= spec.to_ms) return Status::InvalidArgument("--from must be before --to");
  scan::ParallelScan scanner(snapshot);
  std::vector<std::string> properties;
  TP_RETURN_IF_ERROR(spec.Prepare(scanner.catalog(), &properties));
  where.Bind(scanner.catalog(), properties, spec.derived);
  scan::ScanSpec scan_spec = spec.ScanSpecFor(properties);
  scan_spec.threads = req.threads;
  std::unique_ptr<scan::CustomerConsumer> out;
  scan::ScanStats stats;
  TP_RETURN_IF_ERROR(scanner.Run(
      scan_spec, [&] { return std::make_unique<kernels::AttributionConsumer>(spec); }, &out, &stats));
  kernels::AttributionReport report =
      kernels::BuildAttributionReport(spec, static_cast<kernels::AttributionConsumer&>(*out), value, req.solver);
  report.scanned_events = stats.rows;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace touchpoint::engine
