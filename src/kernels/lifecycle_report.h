// LifecycleReport: the result of `touchpoint lifecycle` (docs/lifecycle.md)
// as plain data: per period the customers in each stage (and %), active
// customers, the signup cohort's activation and DAU/MAU stickiness; the
// stage movements between consecutive periods, per period and totalled.
// Built from the lifecycle kernel's counts; report/lifecycle_format.h prints it.
#ifndef TOUCHPOINT_KERNELS_LIFECYCLE_REPORT_H_
#define TOUCHPOINT_KERNELS_LIFECYCLE_REPORT_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "kernels/lifecycle_consumer.h"
#include "kernels/result_header.h"
#include "kernels/stats.h"
#include "scan/catalog.h"

namespace touchpoint::kernels {

// Rates are percentages; NaN where undefined (null in JSON, "-" in tables).
struct LifecyclePeriod {
  std::string period;  // label: 2024-03, 2024-W11, 2024-03-05
  bool complete = true;  // false when --to cuts the period short
  uint64_t customers = 0;  // customers first seen by the period's end (sum of counts)
  StageCounts counts{};
  std::array<double, kLifecycleStages> percent{};  // counts / customers x 100
  uint64_t active = 0;
  // Activation of the customers first seen in this period (docs/metrics.md,
  // activation_rate), Wilson 95% interval.
  uint64_t signups = 0, activated = 0;
  double activation_rate = 0;
  ConfidenceInterval activation_ci;
  // docs/metrics.md: dau = active customer-days / days; mau = the month's
  // active customers (months only); stickiness = dau / mau x 100.
  double dau = 0, mau = 0, stickiness = 0;
};

struct LifecycleMovement {
  std::string from, to;  // period labels
  StageMatrix matrix{};  // [from stage][to stage]
};

struct LifecycleGroup {
  std::string key;  // --by value ("" = everyone)
  std::vector<LifecyclePeriod> periods;
  std::vector<LifecycleMovement> movements;  // one per consecutive pair
  StageMatrix movements_total{};
};

struct LifecycleReport {
  ResultHeader header;  // from rounded down to its period
  std::string period;
  int churn_after = 0;
  std::string activation_event;
  int64_t activation_window_ms = 0;
  LifecycleGroup all;
  std::vector<LifecycleGroup> groups;  // with --by, sorted by key
  // With LifecycleRequest::collect_stages: each customer's stage in the
  // last period, by customer id.
  std::vector<CustomerStage> stages;
};

// Turns one group's counts into periods and movements; the stickiness and
// activation values come from the measure catalogue (ComputeMeasures), so
// they are the very numbers `touchpoint metrics --interval` prints for the
// same cells.
LifecycleGroup SummarizeLifecycle(const LifecycleSpec& spec, const LifecycleCounts& counts,
                                  const scan::Catalog& catalog);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_LIFECYCLE_REPORT_H_
