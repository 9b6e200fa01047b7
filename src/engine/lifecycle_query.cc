#include "engine/lifecycle_query.h"

#include <algorithm>
#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/lifecycle_consumer.h"

namespace touchpoint::engine {

Result<kernels::LifecycleReport> RunLifecycle(std::shared_ptr<const store::Snapshot> snapshot,
                                              const LifecycleRequest& req) {
  AnalysisScan analysis(snapshot, "lifecycle");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  kernels::LifecycleSpec spec;
  TP_ASSIGN_OR_RETURN(spec.period, kernels::ParseInterval(req.period));
  if (spec.period == kernels::Interval::kNone) return Status::Usage("--period must be day, week or month");
  spec.churn_after = req.churn_after.value_or(kernels::DefaultChurnAfter(spec.period));
  if (spec.churn_after < 1) {
    return Status::Usage("--churn-after must be at least 1 period, not " + std::to_string(spec.churn_after));
  }
  if (req.definitions.activation_window_ms < 0) return Status::Usage("--activation-window must not be negative");
  spec.zone = analysis.zone();
  spec.defs = req.definitions;
  spec.by = req.by;
  spec.where = analysis.where();
  spec.collect_stages = req.collect_stages;
  std::tie(spec.from_ms, spec.to_ms) = analysis.range();
  spec.history_from_ms = std::min(analysis.data_range().first, spec.from_ms);
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::LifecycleConsumer>(spec, req.threads));
  kernels::LifecycleConsumer& consumer = *run.consumer;
  const auto& groups = consumer.groups();

  kernels::LifecycleReport r;
  r.period = req.period;
  r.churn_after = spec.churn_after;
  r.activation_event = spec.defs.activation_event;
  r.activation_window_ms = spec.defs.activation_window_ms;
  r.all = kernels::SummarizeLifecycle(spec, groups[0], analysis.catalog());
  for (uint32_t g = 1; g < groups.size(); ++g) {
    kernels::LifecycleGroup group = kernels::SummarizeLifecycle(spec, groups[g], analysis.catalog());
    group.key = spec.group.Name(analysis.catalog(), groups.key(g));
    r.groups.push_back(std::move(group));
  }
  std::sort(r.groups.begin(), r.groups.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  r.stages = std::move(consumer.customer_stages());
  std::sort(r.stages.begin(), r.stages.end(), [](const auto& a, const auto& b) { return a.customer_id < b.customer_id; });
  r.header = analysis.Finish();
  r.header.from_ms = spec.grid.start(spec.first_report);  // rounded down to its period
  return r;
}

}  // namespace touchpoint::engine
