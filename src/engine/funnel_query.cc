#include "engine/funnel_query.h"

#include <algorithm>
#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/funnel_exclusions.h"

namespace touchpoint::engine {

Result<kernels::FunnelReport> RunFunnel(std::shared_ptr<const store::Snapshot> snapshot, const FunnelRequest& req) {
  AnalysisScan analysis(snapshot);
  kernels::FunnelSpec spec;
  TP_ASSIGN_OR_RETURN(spec.steps, kernels::FunnelSteps::Parse(req.steps));
  TP_ASSIGN_OR_RETURN(spec.mode, kernels::ParseFunnelMode(req.mode));
  TP_ASSIGN_OR_RETURN(spec.count, kernels::ParseFunnelCount(req.count));
  TP_RETURN_IF_ERROR(
      kernels::ParseFunnelAttribution(req.attribution, spec.steps.size(), &spec.attribution, &spec.attribution_step));
  TP_RETURN_IF_ERROR(kernels::ParseFunnelExclusions(req.exclusions, spec.steps.size(), &spec));
  if (req.dropped_at != 0) {
    if (req.dropped_at < 2 || static_cast<size_t>(req.dropped_at) > spec.steps.size()) {
      return Status::InvalidArgument("--dropped-at must be a step from 2 to " + std::to_string(spec.steps.size()));
    }
    spec.dropped_at = req.dropped_at - 1;
  }
  spec.definitions = req.definitions;
  TP_RETURN_IF_ERROR(analysis.ParseWhere(req.where));
  spec.window_ms = req.window_ms;
  spec.by = req.by;
  spec.where = analysis.where();
  std::tie(spec.from_ms, spec.to_ms) = analysis.Range(req);
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::FunnelConsumer>(spec, req.threads));
  kernels::FunnelReport report;
  report.mode = req.mode;
  report.count = req.count;
  report.attribution = req.attribution;
  report.exclusions = req.exclusions;
  report.window_ms = spec.window_ms;
  report.from_ms = spec.from_ms;
  report.to_ms = spec.to_ms;
  report.by = req.by;
  auto& counts = run.consumer->mutable_counts();
  report.steps = kernels::SummarizeFunnel(spec.steps, counts[0]);
  report.excluded = counts[0].excluded;
  report.dropped = std::move(counts[0].dropped);
  std::sort(report.dropped.begin(), report.dropped.end(),
            [](const auto& a, const auto& b) { return a.customer_id < b.customer_id; });
  for (size_t g = 1; g < counts.size(); ++g) {
    const std::string& key = run.consumer->groups()[g];
    const bool not_reached = g == run.consumer->not_reached_group();
    report.groups.push_back({not_reached ? std::string(kernels::kFunnelNotReached) : spec.group.Name(analysis.catalog(), key),
                             kernels::SummarizeFunnel(spec.steps, counts[g]), counts[g].excluded});
  }
  std::sort(report.groups.begin(), report.groups.end(), [](const auto& a, const auto& b) {
    return a.steps[0].count != b.steps[0].count ? a.steps[0].count > b.steps[0].count : a.key < b.key;
  });
  report.scanned_events = run.stats.rows;
  report.seconds = analysis.seconds();
  return report;
}

}  // namespace touchpoint::engine
