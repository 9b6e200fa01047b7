// MetricsTable and MetricsCsv: `touchpoint metrics` for people (aligned,
// with units, intervals, sample sizes and verdicts) and for spreadsheets
// (one row per measure per period per group).
#ifndef TOUCHPOINT_REPORT_METRICS_TABLE_H_
#define TOUCHPOINT_REPORT_METRICS_TABLE_H_

#include <string>

#include "kernels/metrics_report.h"

namespace touchpoint::report {

std::string MetricsTable(const kernels::MetricsReport& report);
std::string MetricsCsv(const kernels::MetricsReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_METRICS_TABLE_H_
