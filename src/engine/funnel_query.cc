#include "engine/funnel_query.h"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "kernels/event_filter.h"
#include "kernels/funnel_exclusions.h"
#include "scan/parallel_scan.h"

namespace touchpoint::engine {

Result<int64_t> ParseDurationMs(std::string_view text) {
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || v < 0) {
    return Status::InvalidArgument("duration '" + std::string(text) + "': expected e.g. 30m, 2h, 7d, 1w");
  }
  std::string_view unit(p, static_cast<size_t>(text.data() + text.size() - p));
  double scale = 1000;
  if (unit == "" || unit == "s") scale = 1000;
  else if (unit == "m" || unit == "min") scale = 60e3;
  else if (unit == "h") scale = 3600e3;
  else if (unit == "d") scale = 86400e3;
  else if (unit == "w") scale = 7 * 86400e3;
  else return Status::InvalidArgument("duration '" + std::string(text) + "': unknown unit '" + std::string(unit) + "'");
  return static_cast<int64_t>(v * scale);
}

Result<kernels::FunnelReport> RunFunnel(std::shared_ptr<const store::Snapshot> snapshot, const FunnelRequest& req) {
  const auto start = std::chrono::steady_clock::now();
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
  TP_ASSIGN_OR_RETURN(kernels::EventFilter where, kernels::EventFilter::Parse(req.where));
  spec.window_ms = req.window_ms;
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
  scan::ScanStats stats;
  TP_RETURN_IF_ERROR(
      scanner.Run(scan_spec, [&] { return std::make_unique<kernels::FunnelConsumer>(spec); }, &out, &stats));
  auto& consumer = static_cast<kernels::FunnelConsumer&>(*out);
  kernels::FunnelReport report;
  report.mode = req.mode;
  report.count = req.count;
  report.attribution = req.attribution;
  report.exclusions = req.exclusions;
  report.window_ms = spec.window_ms;
  report.from_ms = spec.from_ms;
  report.to_ms = spec.to_ms;
  report.by = req.by;
  auto& counts = consumer.mutable_counts();
  report.steps = kernels::SummarizeFunnel(spec.steps, counts[0]);
  report.excluded = counts[0].excluded;
  report.dropped = std::move(counts[0].dropped);
  std::sort(report.dropped.begin(), report.dropped.end(),
            [](const auto& a, const auto& b) { return a.customer_id < b.customer_id; });
  for (size_t g = 1; g < counts.size(); ++g) {
    std::string key = consumer.groups()[g];
    if (spec.by_dict >= 0 && key != kernels::kFunnelNotReached) {
      key = std::string(scanner.catalog().Value(static_cast<scan::DictColumn>(spec.by_dict),
                                                static_cast<uint32_t>(std::stoul(key))));
    }
    report.groups.push_back({key, kernels::SummarizeFunnel(spec.steps, counts[g]), counts[g].excluded});
  }
  std::sort(report.groups.begin(), report.groups.end(), [](const auto& a, const auto& b) {
    return a.steps[0].count != b.steps[0].count ? a.steps[0].count > b.steps[0].count : a.key < b.key;
  });
  report.scanned_events = stats.rows;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace touchpoint::engine
