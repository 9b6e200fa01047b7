#include "engine/lifecycle_query.h"

#include <algorithm>
#include <chrono>

#include "kernels/event_filter.h"
#include "kernels/lifecycle_consumer.h"
#include "scan/parallel_scan.h"
#include "util/time.h"

namespace touchpoint::engine {

Result<kernels::LifecycleReport> RunLifecycle(std::shared_ptr<const store::Snapshot> snapshot,
                                              const LifecycleRequest& req) {
  const auto start = std::chrono::steady_clock::now();
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
  TP_ASSIGN_OR_RETURN(kernels::EventFilter where, kernels::EventFilter::Parse(req.where));
  spec.defs = req.definitions;
  spec.by = req.by;
  spec.where = where.empty() ? nullptr : &where;
  const auto [lo, hi] = snapshot->TimeRange();
  spec.from_ms = req.from_ms.value_or(lo);
  spec.to_ms = req.to_ms.value_or(hi);
  if (spec.to_ms <= spec.from_ms) {
    return Status::InvalidArgument("empty range: --to " + FormatTimestamp(spec.to_ms) + " is not after --from " +
                                   FormatTimestamp(spec.from_ms));
  }
  spec.history_from_ms = std::min(lo, spec.from_ms);
  scan::ParallelScan scanner(snapshot);
  if (req.activation_event_given &&
      scanner.catalog().Find(scan::kEvent, spec.defs.activation_event) == scan::kNoCode) {
    return Status::InvalidArgument("--activation: no event named '" + spec.defs.activation_event + "' in the store");
  }
  std::vector<std::string> properties;
  spec.Prepare(scanner.catalog(), &properties);
  where.Bind(scanner.catalog(), properties, spec.derived);
  scan::ScanSpec scan_spec = spec.ScanSpecFor(properties);
  scan_spec.threads = req.threads;
  std::unique_ptr<scan::CustomerConsumer> out;
  scan::ScanStats stats;
  TP_RETURN_IF_ERROR(
      scanner.Run(scan_spec, [&] { return std::make_unique<kernels::LifecycleConsumer>(spec); }, &out, &stats));
  auto& consumer = static_cast<kernels::LifecycleConsumer&>(*out);
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
  r.all = kernels::SummarizeLifecycle(spec, consumer.groups()[0], scanner.catalog());
  for (size_t g = 1; g < consumer.groups().size(); ++g) {
    kernels::LifecycleGroup group = kernels::SummarizeLifecycle(spec, consumer.groups()[g], scanner.catalog());
    group.key = consumer.keys()[g];
    if (spec.by_dict >= 0) {
      group.key = std::string(scanner.catalog().Value(static_cast<scan::DictColumn>(spec.by_dict),
                                                      static_cast<uint32_t>(std::stoul(group.key))));
    }
    r.groups.push_back(std::move(group));
  }
  std::sort(r.groups.begin(), r.groups.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  r.scanned_events = stats.rows;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace touchpoint::engine
