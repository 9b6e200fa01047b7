// ChurnJson, ChurnTable and ChurnCustomersCsv: `churn` output
// (docs/prediction.md has the JSON contract).
#ifndef TOUCHPOINT_REPORT_CHURN_FORMAT_H_
#define TOUCHPOINT_REPORT_CHURN_FORMAT_H_

#include <memory>
#include <string>

#include "models/churn_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

// `churn` as a table, JSON or the tidy CSV (report/result_body.h).
std::unique_ptr<ResultBody> ChurnBody(models::ChurnReport report);

std::string ChurnTable(const models::ChurnReport& report);
// customer_id, churn_risk; by customer id.
std::string ChurnCustomersCsv(const models::ChurnReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_CHURN_FORMAT_H_
