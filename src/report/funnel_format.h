// `touchpoint funnel` output (docs/funnels.md): per step the units reached,
// conversion from the previous and the first step with intervals, drop-off
// and times to convert; the same per --by group. The dropped-out customers
// of --dropped-at as their own CSV.
#ifndef TOUCHPOINT_REPORT_FUNNEL_FORMAT_H_
#define TOUCHPOINT_REPORT_FUNNEL_FORMAT_H_

#include <memory>
#include <string>

#include "kernels/funnel_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

std::unique_ptr<ResultBody> FunnelBody(kernels::FunnelReport report);
// The customers of FunnelRequest::dropped_at: customer_id,entered_at,last_step_at.
std::string FunnelDroppedCsv(const kernels::FunnelReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_FUNNEL_FORMAT_H_
