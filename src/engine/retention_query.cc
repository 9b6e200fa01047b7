#include "engine/retention_query.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "kernels/event_filter.h"
#include "kernels/retention_consumer.h"
#include "scan/parallel_scan.h"
#include "util/time.h"

namespace touchpoint::engine {

Result<kernels::RetentionReport> RunRetention(std::shared_ptr<const store::Snapshot> snapshot, const RetentionRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  kernels::RetentionSpec spec;
  TP_ASSIGN_OR_RETURN(spec.period, kernels::ParseInterval(req.period));
  if (spec.period == kernels::Interval::kNone) {
    return Status::InvalidArgument("--period must be day, week or month");
  }
  TP_ASSIGN_OR_RETURN(spec.zone, FindTimeZone(req.tz));
  TP_ASSIGN_OR_RETURN(kernels::EventFilter where, kernels::EventFilter::Parse(req.where));
  spec.cohort_event = req.cohort == "first_seen" ? "" : req.cohort;
  spec.return_event = req.return_event == "any" ? "" : req.return_event;
  spec.unbounded = req.unbounded;
  spec.by = req.by;
  spec.where = where.empty() ? nullptr : &where;
  const auto [lo, hi] = snapshot->TimeRange();
  spec.from_ms = req.from_ms.value_or(lo);
  spec.to_ms = req.to_ms.value_or(hi);
  scan::ParallelScan scanner(snapshot);
  std::vector<std::string> properties;
  spec.Prepare(scanner.catalog(), &properties);
  where.Bind(scanner.catalog(), properties, spec.derived);
  scan::ScanSpec scan_spec = spec.ScanSpecFor(properties);
  scan_spec.threads = req.threads;
  std::unique_ptr<scan::CustomerConsumer> out;
  TP_RETURN_IF_ERROR(scanner.Run(scan_spec, [&] { return std::make_unique<kernels::RetentionConsumer>(spec); }, &out));
  auto& consumer = static_cast<kernels::RetentionConsumer&>(*out);
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
    m.key = consumer.keys()[g];
    if (spec.by_dict >= 0) {
      m.key = std::string(scanner.catalog().Value(static_cast<scan::DictColumn>(spec.by_dict),
                                                  static_cast<uint32_t>(std::stoul(m.key))));
    }
    r.groups.push_back(std::move(m));
  }
  std::sort(r.groups.begin(), r.groups.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace touchpoint::engine
