// MetricsJson: the JSON contract of `touchpoint metrics --format json`,
// documented field by field in docs/metrics.md ("JSON output").
#ifndef TOUCHPOINT_REPORT_METRICS_JSON_H_
#define TOUCHPOINT_REPORT_METRICS_JSON_H_

#include <string>

#include "kernels/metrics_report.h"

namespace touchpoint::report {

std::string MetricsJson(const kernels::MetricsReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_METRICS_JSON_H_
