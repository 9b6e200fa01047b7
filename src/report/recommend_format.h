// RecommendJson, RecommendTable and RecommendCustomersCsv: `recommend`
// output (docs/prediction.md has the JSON contract).
#ifndef TOUCHPOINT_REPORT_RECOMMEND_FORMAT_H_
#define TOUCHPOINT_REPORT_RECOMMEND_FORMAT_H_

#include <string>

#include "models/recommend_report.h"

namespace touchpoint::report {

// The evaluation, and the recommendations of at most `max_customers`
// customers (by customer id) inline.
std::string RecommendJson(const models::RecommendReport& report, size_t max_customers = 100);
std::string RecommendTable(const models::RecommendReport& report, size_t max_customers = 20);
// customer_id, rank, item: one row per recommendation; by customer id.
std::string RecommendCustomersCsv(const models::RecommendReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_RECOMMEND_FORMAT_H_
