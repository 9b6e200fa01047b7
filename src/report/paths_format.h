// `touchpoint paths` output (docs/paths.md). The JSON carries every
// transition and touchpoint plus the "sankey" and "funnel_chart" shapes for
// charts; the CSV one section per row group (top paths, transitions,
// touchpoints, exits); the table the first --top rows of each section.
#ifndef TOUCHPOINT_REPORT_PATHS_FORMAT_H_
#define TOUCHPOINT_REPORT_PATHS_FORMAT_H_

#include <memory>

#include "kernels/paths_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

std::unique_ptr<ResultBody> PathsBody(kernels::PathsReport report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_PATHS_FORMAT_H_
