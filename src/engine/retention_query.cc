#include "engine/retention_query.h"

#include <algorithm>
#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/retention_consumer.h"
#include "util/time.h"

namespace touchpoint::engine {

Result<kernels::RetentionReport> RunRetention(std::shared_ptr<const store::Snapshot> snapshot, const RetentionRequest& req) {
  AnalysisScan analysis(snapshot);
  kernels::RetentionSpec spec;
  TP_ASSIGN_OR_RETURN(spec.period, kernels::ParseInterval(req.period));
  if (spec.period == kernels::Interval::kNone) {
    return Status::InvalidArgument("--period must be day, week or month");
  }
  TP_ASSIGN_OR_RETURN(spec.zone, FindTimeZone(req.tz));
  TP_RETURN_IF_ERROR(analysis.ParseWhere(req.where));
  spec.cohort_event = req.cohort == "first_seen" ? "" : req.cohort;
  spec.return_event = req.return_event == "any" ? "" : req.return_event;
  spec.unbounded = req.unbounded;
  spec.by = req.by;
  spec.where = analysis.where();
  std::tie(spec.from_ms, spec.to_ms) = analysis.Range(req);
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::RetentionConsumer>(spec, req.threads));
  const kernels::RetentionConsumer& consumer = *run.consumer;
  kernels::RetentionReport r;
  r.period = req.period;
  r.cohort = req.cohort;
  r.return_event = req.return_event;
  r.tz = req.tz.empty() ? "UTC" : req.tz;
  r.unbounded = req.unbounded;
  r.from_ms = spec.from_ms;
  r.to_ms = spec.to_ms;
  r.all = kernels::BuildRetentionMatrix(spec, consumer.groups()[0], req.periods);
  for (size_t g = 1; g < consumer.groups().size(); ++g) {
    kernels::RetentionMatrix m = kernels::BuildRetentionMatrix(spec, consumer.groups()[g], req.periods);
    m.key = spec.group.Name(analysis.catalog(), consumer.keys()[g]);
    r.groups.push_back(std::move(m));
  }
  std::sort(r.groups.begin(), r.groups.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  r.seconds = analysis.seconds();
  return r;
}

}  // namespace touchpoint::engine
