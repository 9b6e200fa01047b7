// `touchpoint attribution` output (docs/attribution.md, "Output"): per
// channel (--by value) the credit of every model, shares, touchpoints and
// the Markov removal effect; the totals; the Markov transitions.
#ifndef TOUCHPOINT_REPORT_ATTRIBUTION_FORMAT_H_
#define TOUCHPOINT_REPORT_ATTRIBUTION_FORMAT_H_

#include <memory>

#include "kernels/attribution_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

std::unique_ptr<ResultBody> AttributionBody(kernels::AttributionReport report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_ATTRIBUTION_FORMAT_H_
