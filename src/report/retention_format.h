// RetentionJson and RetentionTable: `touchpoint retention` output
// (docs/retention.md).
#ifndef TOUCHPOINT_REPORT_RETENTION_FORMAT_H_
#define TOUCHPOINT_REPORT_RETENTION_FORMAT_H_

#include <string>

#include "kernels/retention_report.h"

namespace touchpoint::report {

std::string RetentionJson(const kernels::RetentionReport& report);
std::string RetentionTable(const kernels::RetentionReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_RETENTION_FORMAT_H_
