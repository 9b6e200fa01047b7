// FunnelReport: the result of `touchpoint funnel` (docs/funnels.md): per
// step, customers, conversion from the previous and the first step with
// Wilson intervals, drop-off, and median / 90th percentile times to convert.
#ifndef TOUCHPOINT_KERNELS_FUNNEL_REPORT_H_
#define TOUCHPOINT_KERNELS_FUNNEL_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/funnel_consumer.h"
#include "kernels/result_header.h"
#include "kernels/stats.h"

namespace touchpoint::kernels {

struct FunnelStepResult {
  std::string step;
  uint64_t count = 0;      // units (customers, sessions or attempts) reaching this step
  uint64_t customers = 0;  // distinct customers with a unit reaching it
  uint64_t dropped = 0;    // units that reached the previous step, not this one
  double conversion_from_previous = 0, conversion_from_first = 0;  // %
  ConfidenceInterval ci_from_previous, ci_from_first;
  double median_time_to_convert_s = 0, p90_time_to_convert_s = 0;  // from the previous step (NaN for step 1)
  double median_time_from_first_s = 0;
};

struct FunnelGroupResult {
  std::string key;
  std::vector<FunnelStepResult> steps;
  uint64_t excluded = 0;
};

struct FunnelReport {
  ResultHeader header;
  std::string mode, count = "customers", attribution = "first";
  std::vector<std::string> exclusions;  // as given
  uint64_t excluded = 0;                // units left out by an exclusion
  int64_t window_ms = 0;
  std::vector<FunnelStepResult> steps;
  std::vector<FunnelGroupResult> groups;
  std::vector<DroppedCustomer> dropped;  // with FunnelRequest::dropped_at, by customer id
};

// Percentile (0-100) by linear interpolation between order statistics.
double Percentile(std::vector<double> values, double p);
// Several percentiles of one sample, `ps` ascending: one copy, selections only.
std::vector<double> Percentiles(std::vector<double> values, const std::vector<double>& ps);

std::vector<FunnelStepResult> SummarizeFunnel(const FunnelSteps& steps, const FunnelCounts& counts);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_FUNNEL_REPORT_H_
