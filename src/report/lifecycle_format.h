// `touchpoint lifecycle` output (docs/lifecycle.md has the JSON contract):
// stage counts and shares per period, activation and stickiness, the
// movements totalled over the range and those into the last period.
#ifndef TOUCHPOINT_REPORT_LIFECYCLE_FORMAT_H_
#define TOUCHPOINT_REPORT_LIFECYCLE_FORMAT_H_

#include <memory>

#include "kernels/lifecycle_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

std::unique_ptr<ResultBody> LifecycleBody(kernels::LifecycleReport report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_LIFECYCLE_FORMAT_H_
