// LifecycleJson and LifecycleTable: `touchpoint lifecycle` output
// (docs/lifecycle.md has the JSON contract).
#ifndef TOUCHPOINT_REPORT_LIFECYCLE_FORMAT_H_
#define TOUCHPOINT_REPORT_LIFECYCLE_FORMAT_H_

#include <string>

#include "kernels/lifecycle_report.h"

namespace touchpoint::report {

std::string LifecycleJson(const kernels::LifecycleReport& report);
// Stage counts and shares per period, activation and stickiness, the
// movements totalled over the range and those into the last period.
std::string LifecycleTable(const kernels::LifecycleReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_LIFECYCLE_FORMAT_H_
