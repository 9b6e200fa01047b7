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

#include "kernels/result_header.h"
#include "kernels/retention_consumer.h"
#include "kernels/stats.h"

namespace touchpoint::kernels {

// Rates are percentages; NaN where the denominator is zero (null in JSON).
struct RetentionCohort {
  std::string cohort;  // period label
  uint64_t size = 0;
  std::vector<uint64_t> retained;  // [0] = size
  std::vector<double> percent;
  std::vector<ConfidenceInterval> percent_ci;  // Wilson 95%, n = size
  // Of the customers retained in k-1, the share not retained in k ([0] NaN).
  std::vector<double> churn;
  std::vector<double> revenue;
  std::vector<double> net_revenue_retention;    // revenue[k] / revenue[0]
  std::vector<double> gross_revenue_retention;  // sum min(customer's k, customer's 0) / revenue[0]
  // Contractual: customers with an active subscription at the end of k, and
  // of those active at the end of k-1, the share no longer active ([0] NaN).
  std::vector<uint64_t> subscribed;
  std::vector<double> contractual_churn;
  size_t complete_periods = 0;  // leading entries covering whole periods
};

struct RetentionMatrix {
  std::string key;  // --by value ("" = everyone)
  std::vector<RetentionCohort> cohorts;
  // Over the cohorts whose entry k is complete, weighted by cohort size:
  std::vector<double> average;  // retained[k] / size
  std::vector<ConfidenceInterval> average_ci;
  std::vector<uint64_t> average_n;  // the summed sizes behind average[k]
  std::vector<double> average_churn;  // sum (retained[k-1] - kept[k]) / sum retained[k-1]
  std::vector<double> average_contractual_churn;
  bool has_subscriptions = false;  // any cohort member ever had an active subscription
};

struct RetentionReport {
  ResultHeader header;
  std::string period, cohort, return_event;
  bool unbounded = false;
  std::optional<int> periods;  // columns shown; default: up to the end of the data
  RetentionMatrix all;
  std::vector<RetentionMatrix> groups;
};

// The matrix of one group: percentages, complete periods (entries whose
// calendar period ends by the end of the data) and the average curve
// weighted by cohort size over the complete entries.
RetentionMatrix BuildRetentionMatrix(const RetentionSpec& spec, const std::unordered_map<size_t, CohortRow>& rows,
                                     std::optional<int> periods);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_RETENTION_REPORT_H_
