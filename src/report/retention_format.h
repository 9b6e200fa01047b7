// `touchpoint retention` output (docs/retention.md): the cohort matrix
// (retention %, with the average curve and churn), net revenue retention,
// and contractual churn when the cohorts had subscriptions; per --by group.
#ifndef TOUCHPOINT_REPORT_RETENTION_FORMAT_H_
#define TOUCHPOINT_REPORT_RETENTION_FORMAT_H_

#include <memory>

#include "kernels/retention_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

std::unique_ptr<ResultBody> RetentionBody(kernels::RetentionReport report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_RETENTION_FORMAT_H_
