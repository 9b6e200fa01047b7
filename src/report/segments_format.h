// SegmentsJson, SegmentsTable and SegmentsCustomersCsv: `segments` output
// (docs/prediction.md has the JSON contract).
#ifndef TOUCHPOINT_REPORT_SEGMENTS_FORMAT_H_
#define TOUCHPOINT_REPORT_SEGMENTS_FORMAT_H_

#include <memory>
#include <string>

#include "models/segments_report.h"
#include "report/result_body.h"

namespace touchpoint::report {

// `segments` as a table, JSON or the tidy CSV (report/result_body.h).
std::unique_ptr<ResultBody> SegmentsBody(models::SegmentsReport report);

std::string SegmentsTable(const models::SegmentsReport& report, size_t width);
// customer_id, segment (and r, f, m scores for RFM); by customer id.
std::string SegmentsCustomersCsv(const models::SegmentsReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_SEGMENTS_FORMAT_H_
