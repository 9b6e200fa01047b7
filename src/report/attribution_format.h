// AttributionJson and AttributionTable: `touchpoint attribution` output
// (docs/attribution.md, "Output").
#ifndef TOUCHPOINT_REPORT_ATTRIBUTION_FORMAT_H_
#define TOUCHPOINT_REPORT_ATTRIBUTION_FORMAT_H_

#include <string>

#include "kernels/attribution_report.h"

namespace touchpoint::report {

std::string AttributionJson(const kernels::AttributionReport& report);
std::string AttributionTable(const kernels::AttributionReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_ATTRIBUTION_FORMAT_H_
