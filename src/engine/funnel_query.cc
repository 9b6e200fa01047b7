#include "engine/funnel_query.h"

#include <algorithm>
#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/funnel_exclusions.h"

namespace touchpoint::engine {

Result<kernels::FunnelReport> RunFunnel(std::shared_ptr<const store::Snapshot> snapshot, const FunnelRequest& req) {
  AnalysisScan analysis(snapshot, "funnel");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  kernels::FunnelSpec spec;
  TP_ASSIGN_OR_RETURN(spec.steps, kernels::FunnelSteps::Parse(req.steps));
  TP_RETURN_IF_ERROR(analysis.names().Steps("--steps", spec.steps));
  TP_ASSIGN_OR_RETURN(spec.mode, kernels::ParseFunnelMode(req.mode));
  TP_ASSIGN_OR_RETURN(spec.count, kernels::ParseFunnelCount(req.count));
  TP_RETURN_IF_ERROR(
      kernels::ParseFunnelAttribution(req.attribution, spec.steps.size(), &spec.attribution, &spec.attribution_step));
  TP_RETURN_IF_ERROR(kernels::ParseFunnelExclusions(req.exclusions, spec.steps.size(), &spec));
  TP_RETURN_IF_ERROR(analysis.names().Steps("--exclude", spec.exclusion_events));
  if (req.dropped_at != 0) {
    if (req.dropped_at < 2 || static_cast<size_t>(req.dropped_at) > spec.steps.size()) {
      return Status::Usage("--dropped-at must be a step from 2 to " + std::to_string(spec.steps.size()));
    }
    spec.dropped_at = req.dropped_at - 1;
  }
  if (req.window_ms <= 0) return Status::Usage("--window must be more than 0");
  spec.definitions = req.definitions;
  spec.window_ms = req.window_ms;
  spec.by = req.by;
  spec.where = analysis.where();
  std::tie(spec.from_ms, spec.to_ms) = analysis.range();
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::FunnelConsumer>(spec, req.threads));
  kernels::FunnelReport report;
  report.mode = req.mode;
  report.count = req.count;
  report.attribution = req.attribution;
  report.exclusions = req.exclusions;
  report.window_ms = spec.window_ms;
  auto& groups = run.consumer->groups();
  kernels::FunnelCounts& all = groups[0];
  report.steps = kernels::SummarizeFunnel(spec.steps, all);
  report.excluded = all.excluded;
  report.dropped = std::move(all.dropped);
  std::sort(report.dropped.begin(), report.dropped.end(),
            [](const auto& a, const auto& b) { return a.customer_id < b.customer_id; });
  for (uint32_t g = 1; g < groups.size(); ++g) {
    const std::string& key = groups.key(g);
    report.groups.push_back({key == kernels::kFunnelNotReachedKey ? std::string(kernels::kFunnelNotReached)
                                                                   : spec.group.Name(analysis.catalog(), key),
                             kernels::SummarizeFunnel(spec.steps, groups[g]), groups[g].excluded});
  }
  std::sort(report.groups.begin(), report.groups.end(), [](const auto& a, const auto& b) {
    return a.steps[0].count != b.steps[0].count ? a.steps[0].count > b.steps[0].count : a.key < b.key;
  });
  for (size_t i = 0; i < report.steps.size(); ++i) {
    if (report.steps[i].count == 0) {
      analysis.header().notes.push_back("no entry reached step " + std::to_string(i + 1) + " '" +
                                        report.steps[i].step + "' in the range");
      break;
    }
  }
  report.header = analysis.Finish();
  return report;
}

}  // namespace touchpoint::engine
