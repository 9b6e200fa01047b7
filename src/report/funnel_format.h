// FunnelJson and FunnelTable: `touchpoint funnel` output (docs/funnels.md).
#ifndef TOUCHPOINT_REPORT_FUNNEL_FORMAT_H_
#define TOUCHPOINT_REPORT_FUNNEL_FORMAT_H_

#include <string>

#include "kernels/funnel_report.h"

namespace touchpoint::report {

std::string FunnelJson(const kernels::FunnelReport& report);
std::string FunnelTable(const kernels::FunnelReport& report);
// The customers of FunnelRequest::dropped_at: customer_id,entered_at,last_step_at.
std::string FunnelDroppedCsv(const kernels::FunnelReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_FUNNEL_FORMAT_H_
