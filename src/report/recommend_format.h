// RecommendJson, RecommendTable and RecommendCustomersCsv: `recommend`
// output (docs/prediction.md has the JSON contract).
#ifndef TOUCHPOINT_REPORT_RECOMMEND_FORMAT_H_
#define TOUCHPOINT_REPORT_RECOMMEND_FORMAT_H_

#include <memory>
#include <string>

#include "models/recommend_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

// `recommend` as a table, JSON or the tidy CSV (report/result_body.h).
std::unique_ptr<ResultBody> RecommendBody(models::RecommendReport report);

std::string RecommendTable(const models::RecommendReport& report, size_t max_customers = 20);
// customer_id, rank, item: one row per recommendation; by customer id.
std::string RecommendCustomersCsv(const models::RecommendReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_RECOMMEND_FORMAT_H_
