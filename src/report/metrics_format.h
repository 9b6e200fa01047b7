// `touchpoint metrics` output: the JSON contract of docs/metrics.md ("JSON
// output"), the tidy CSV (one row per group x period x measure), and tables
// for people: the picked measures with units, intervals, samples and
// verdicts; with --interval or --by, a period x measure and a group x
// measure grid of the picked measures (a short default set).
#ifndef TOUCHPOINT_REPORT_METRICS_FORMAT_H_
#define TOUCHPOINT_REPORT_METRICS_FORMAT_H_

#include <memory>
#include <string>
#include <vector>

#include "kernels/metrics_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

// The measures a grid shows when none were picked.
const std::vector<std::string>& DefaultGridMeasures();

// `measures`: the picked measure names, in order (empty = every measure;
// the caller has checked them).
std::unique_ptr<ResultBody> MetricsBody(kernels::MetricsReport report, std::vector<std::string> measures = {});

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_METRICS_FORMAT_H_
