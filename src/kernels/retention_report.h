// RetentionReport: the cohort matrices of `touchpoint retention`
// (docs/retention.md) as plain data, built from the retention kernel's
// counts; report/retention_format.h prints them.
#ifndef TOUCHPOINT_KERNELS_RETENTION_REPORT_H_
#define TOUCHPOINT_KERNELS_RETENTION_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernels/retention_consumer.h"

namespace touchpoint::kernels {

struct RetentionCohort {
  std::string cohort;  // period label
  uint64_t size = 0;
  std::vector<uint64_t> retained;  // [0] = size
  std::vector<double> percent;
  std::vector<double> revenue;
  size_t complete_periods = 0;  // leading entries covering whole periods
};

struct RetentionMatrix {
  std::string key;  // --by value ("" = everyone)
  std::vector<RetentionCohort> cohorts;
  std::vector<double> average;  // weighted by cohort size, over cohorts whose entry k is complete
};

struct RetentionReport {
  std::string period, cohort, return_event, tz;
  bool unbounded = false;
  int64_t from_ms = 0, to_ms = 0;
  RetentionMatrix all;
  std::vector<RetentionMatrix> groups;
  double seconds = 0;
};

// The matrix of one group: percentages, complete periods (entries whose
// calendar period ends by the end of the data) and the average curve
// weighted by cohort size over the complete entries.
RetentionMatrix BuildRetentionMatrix(const RetentionSpec& spec, const std::unordered_map<size_t, CohortRow>& rows,
                                     std::optional<int> periods);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_RETENTION_REPORT_H_
