// ClvJson, ClvTable and ClvCustomersCsv: `clv` output (docs/prediction.md
// has the JSON contract and the CSV columns).
#ifndef TOUCHPOINT_REPORT_CLV_FORMAT_H_
#define TOUCHPOINT_REPORT_CLV_FORMAT_H_

#include <memory>
#include <string>

#include "models/clv_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

// `clv` as a table, JSON or the tidy CSV (report/result_body.h).
std::unique_ptr<ResultBody> ClvBody(models::ClvReport report);

// The fits, the validation by frequency and the ten most valuable customers.
std::string ClvTable(const models::ClvReport& report, size_t width);
// customer_id, frequency, recency, T, monetary, p_alive, expected_purchases,
// expected_spend, clv (and holdout_purchases with a holdout), by customer id.
std::string ClvCustomersCsv(const models::ClvReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_CLV_FORMAT_H_
