// MetricsReport: the result of `touchpoint metrics` as plain data: the
// measures of the whole range, the time series, the groups of a --by cut,
// and, with --compare, the decomposition of each change by segment. The
// report/ formatters turn it into a table, JSON (the documented contract of
// docs/metrics.md) or CSV.
#ifndef TOUCHPOINT_KERNELS_METRICS_REPORT_H_
#define TOUCHPOINT_KERNELS_METRICS_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kernels/measure_catalog.h"
#include "kernels/result_header.h"

namespace touchpoint::kernels {

struct PeriodMetrics {
  std::string period;  // "2024-03", "2024-W11", "2024-03-05"
  MetricSet metrics;
};

struct GroupMetrics {
  std::string key;
  MetricSet metrics;
  std::vector<PeriodMetrics> series;
};

// One segment's share of a measure's change between the two periods
// (shift-share: rate effect + mix effect = the segment's contribution).
struct ChangeContribution {
  std::string measure;
  std::string segment;
  double rate_effect = 0;  // from the segment's own rate moving
  double mix_effect = 0;   // from the segment's share of the base moving
  double total() const { return rate_effect + mix_effect; }
};

struct MetricsReport {
  ResultHeader header;
  std::string interval;   // "", day, week or month
  std::vector<std::string> partial_periods;  // series labels the range cuts short
  std::optional<std::pair<int64_t, int64_t>> compare_range;
  MetricSet metrics;
  std::vector<PeriodMetrics> series;
  std::vector<GroupMetrics> groups;
  std::vector<ChangeContribution> changes;  // largest |total| first
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_METRICS_REPORT_H_
