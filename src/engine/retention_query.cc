#include "engine/retention_query.h"

#include <algorithm>
#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/retention_consumer.h"

namespace touchpoint::engine {

Result<kernels::RetentionReport> RunRetention(std::shared_ptr<const store::Snapshot> snapshot, const RetentionRequest& req) {
  AnalysisScan analysis(snapshot, "retention");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  kernels::RetentionSpec spec;
  TP_ASSIGN_OR_RETURN(spec.period, kernels::ParseInterval(req.period));
  if (spec.period == kernels::Interval::kNone) return Status::Usage("--period must be day, week or month");
  if (req.periods && *req.periods < 1) return Status::Usage("--periods must be at least 1");
  if (req.cohort != "first_seen") TP_RETURN_IF_ERROR(analysis.names().Event("--cohort", req.cohort));
  if (req.return_event != "any") TP_RETURN_IF_ERROR(analysis.names().Event("--return", req.return_event));
  spec.zone = analysis.zone();
  spec.cohort_event = req.cohort == "first_seen" ? "" : req.cohort;
  spec.return_event = req.return_event == "any" ? "" : req.return_event;
  spec.defs = req.definitions;
  spec.unbounded = req.unbounded;
  spec.by = req.by;
  spec.where = analysis.where();
  std::tie(spec.from_ms, spec.to_ms) = analysis.range();
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::RetentionConsumer>(spec, req.threads));
  const auto& groups = run.consumer->groups();
  kernels::RetentionReport r;
  r.period = req.period;
  r.cohort = req.cohort;
  r.return_event = req.return_event;
  r.unbounded = req.unbounded;
  r.periods = req.periods;
  r.all = kernels::BuildRetentionMatrix(spec, groups[0], req.periods);
  for (uint32_t g = 1; g < groups.size(); ++g) {
    kernels::RetentionMatrix m = kernels::BuildRetentionMatrix(spec, groups[g], req.periods);
    m.key = spec.group.Name(analysis.catalog(), groups.key(g));
    r.groups.push_back(std::move(m));
  }
  std::sort(r.groups.begin(), r.groups.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  if (r.all.cohorts.empty()) analysis.header().notes.push_back("no cohort starts in the range");
  r.header = analysis.Finish();
  return r;
}

}  // namespace touchpoint::engine
