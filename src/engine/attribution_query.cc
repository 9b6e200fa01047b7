#include "engine/attribution_query.h"

#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/attribution_consumer.h"

namespace touchpoint::engine {
namespace {

Status CheckDuration(const char* flag, int64_t ms) {
  if (ms <= 0 || ms > kMaxAttributionDurationMs) {
    return Status::Usage(std::string(flag) + " must be more than 0 and at most 3650d");
  }
  return Status::OK();
}

}  // namespace

Result<kernels::AttributionReport> RunAttribution(std::shared_ptr<const store::Snapshot> snapshot,
                                                  const AttributionRequest& req) {
  AnalysisScan analysis(snapshot, "attribution");
  // --by here is the touchpoint's dimension, per event: checked as a name,
  // and as one column the kernel can credit (its Prepare).
  TP_RETURN_IF_ERROR(analysis.Begin(req, /*cut=*/false));
  for (const std::string& b : req.by) TP_RETURN_IF_ERROR(analysis.names().Column("--by", b));
  TP_RETURN_IF_ERROR(CheckDuration("--window", req.window_ms));
  TP_RETURN_IF_ERROR(CheckDuration("--half-life", req.half_life_ms));
  TP_ASSIGN_OR_RETURN(kernels::AttributionValue value, kernels::ParseAttributionValue(req.value));
  kernels::AttributionSpec spec;
  spec.window_ms = req.window_ms;
  spec.half_life_ms = req.half_life_ms;
  spec.by = req.by;
  spec.where = analysis.where();
  spec.definitions = req.definitions;
  std::tie(spec.from_ms, spec.to_ms) = analysis.range();
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::AttributionConsumer>(spec, req.threads));
  kernels::AttributionReport report = kernels::BuildAttributionReport(spec, *run.consumer, value, req.solver);
  report.header = analysis.Finish();
  return report;
}

}  // namespace touchpoint::engine
