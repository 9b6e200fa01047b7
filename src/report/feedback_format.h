// FeedbackJson, FeedbackTable and FeedbackCommentsCsv: `touchpoint
// feedback` output (docs/feedback.md has the JSON contract and the CSV
// columns). Pure functions of the report.
#ifndef TOUCHPOINT_REPORT_FEEDBACK_FORMAT_H_
#define TOUCHPOINT_REPORT_FEEDBACK_FORMAT_H_

#include <memory>
#include <string>

#include "report/result_body.h"
#include "text/feedback_report.h"

namespace touchpoint::report {

// `feedback` as a table, JSON or the tidy CSV (report/result_body.h).
std::unique_ptr<ResultBody> FeedbackBody(text::FeedbackReport report);
// Themes with share, sentiment, category and driver numbers, the top
// drivers, the sentiment summary and the significant rises.
std::string FeedbackTable(const text::FeedbackReport& report, size_t width);
// One row per comment: event_id, customer_id, timestamp, sentiment,
// sentiment_label, theme, themes (';'-separated), category.
std::string FeedbackCommentsCsv(const text::FeedbackReport& report);

}  // namespace touchpoint::report

#endif  // TOUCHPOINT_REPORT_FEEDBACK_FORMAT_H_
