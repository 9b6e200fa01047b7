// RunFeedback: `touchpoint feedback` end to end (docs/feedback.md): one
// parallel scan gathers the comments and survey answers
// (text/comment_consumer.h), then text::AnalyzeFeedback finds sentiment,
// themes, drivers and trends, and the report carries the per-comment and
// per-customer rows for --comments FILE and --save NAME.
#ifndef TOUCHPOINT_ENGINE_FEEDBACK_QUERY_H_
#define TOUCHPOINT_ENGINE_FEEDBACK_QUERY_H_

#include <cstdint>
#include <memory>
#include <string>

#include "engine/analysis_request.h"
#include "kernels/definitions.h"
#include "store/snapshot.h"
#include "text/feedback_report.h"
#include "util/status.h"

namespace touchpoint::engine {

// The range, --where and threads are AnalysisRequest's; --by is not
// supported yet (a usage error).
struct FeedbackRequest : AnalysisRequest {
  std::string source = "all";    // all, survey or support
  std::string survey;            // nps, csat or ces; "" = the first with answers
  std::string interval = "month";  // the trend's periods: day, week, month or none
  std::string taxonomy;          // a user taxonomy file; "" = none
  size_t themes = 0;             // discovered themes; 0 = by the number of comments
  uint64_t seed = 1;             // samples and k-means seeding
};

Result<text::FeedbackReport> RunFeedback(std::shared_ptr<const store::Snapshot> snapshot,
                                         const FeedbackRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_FEEDBACK_QUERY_H_
