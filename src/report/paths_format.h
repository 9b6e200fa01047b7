// PathsJson and PathsTable: `touchpoint paths` output (docs/paths.md). The
// JSON carries every transition and touchpoint plus the "sankey" and
// "funnel_chart" shapes for charts; the table shows the first --top rows of
// each section.
#ifndef TOUCHPOINT_REPORT_PATHS_FORMAT_H_
#define TOUCHPOINT_REPORT_PATHS_FORMAT_H_

#include <string>

#include "kernels/paths_report.h"

namespace touchpoint::report {

std::string PathsJson(const kernels::PathsReport& report);
std::string PathsTable(const kernels::PathsReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_PATHS_FORMAT_H_
