#include "engine/lifecycle_query.h"

#include <algorithm>
#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/lifecycle_consumer.h"
#include "util/time.h"

namespace touchpoint::engine {

Result<kernels::LifecycleReport> RunLifecycle(std::shared_ptr<const store::Snapshot> snapshot,
                                              const LifecycleRequest& req) {
  AnalysisScan analysis(snapshot);
  kernels::LifecycleSpec spec;
  TP_ASSIGN_OR_RETURN(spec.period, kernels::ParseInterval(req.period));
  if (spec.period == kernels::Interval::kNone) {
    return Status::InvalidArgument("--period must be day, week or month");
  }
  spec.churn_after = req.churn_after.value_or(kernels::DefaultChurnAfter(spec.period));
  if (spec.churn_after < 1) {
    return Status::InvalidArgument("--churn-after must be at least 1 period, not " + std::to_string(spec.churn_after));
  }
  if (req.definitions.activation_window_ms < 0) {
    return Status::InvalidArgument("--activation-days must not be negative");
  }
  TP_ASSIGN_OR_RETURN(spec.zone, FindTimeZone(req.tz));
  TP_RETURN_IF_ERROR(analysis.ParseWhere(req.where));
  spec.defs = req.definitions;
  spec.by = req.by;
  spec.where = analysis.where();
  std::tie(spec.from_ms, spec.to_ms) = analysis.Range(req);
  if (spec.to_ms <= spec.from_ms) {
    return Status::InvalidArgument("empty range: --to " + FormatTimestamp(spec.to_ms) + " is not after --from " +
                                   FormatTimestamp(spec.from_ms));
  }
  spec.history_from_ms = std::min(analysis.data_range().first, spec.from_ms);
  if (req.activation_event_given &&
      analysis.catalog().Find(scan::kEvent, spec.defs.activation_event) == scan::kNoCode) {
    return Status::InvalidArgument("--activation: no event named '" + spec.defs.activation_event + "' in the store");
  }
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::LifecycleConsumer>(spec, req.threads));
  kernels::LifecycleConsumer& consumer = *run.consumer;
  consumer.Finalize();

  kernels::LifecycleReport r;
  r.period = req.period;
  r.tz = req.tz.empty() ? "UTC" : req.tz;
  r.by = req.by;
  r.from_ms = spec.grid.start(spec.first_report);
  r.to_ms = spec.to_ms;
  r.churn_after = spec.churn_after;
  r.activation_event = spec.defs.activation_event;
  r.activation_window_ms = spec.defs.activation_window_ms;
  r.all = kernels::SummarizeLifecycle(spec, consumer.groups()[0], analysis.catalog());
  for (size_t g = 1; g < consumer.groups().size(); ++g) {
    kernels::LifecycleGroup group = kernels::SummarizeLifecycle(spec, consumer.groups()[g], analysis.catalog());
    group.key = spec.group.Name(analysis.catalog(), consumer.keys()[g]);
    r.groups.push_back(std::move(group));
  }
  std::sort(r.groups.begin(), r.groups.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  r.scanned_events = run.stats.rows;
  r.seconds = analysis.seconds();
  return r;
}

}  // namespace touchpoint::engine
