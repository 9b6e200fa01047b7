// CommentConsumer: gathers the comments of a feedback analysis in one pass
// of the scan (docs/feedback.md, "Input"): every event in [from, to) that
// passes --where and carries a `comment` from the chosen source, with its
// customer, time, event_id and the label its own score gives (paired
// sentiment), and each customer's last NPS, CSAT and CES answer in the
// range (the driver analysis's scores, also from customers who wrote
// nothing). Sources: survey = survey_response events or events with a
// `survey`; support = support_ticket events or channel `support`; all =
// any event. Each shard's consumer fills its own CommentTable; Merge
// collects them and TakeTable joins them once. One thread at a time per
// consumer.
#ifndef TOUCHPOINT_TEXT_COMMENT_CONSUMER_H_
#define TOUCHPOINT_TEXT_COMMENT_CONSUMER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/event_filter.h"
#include "kernels/group_column.h"
#include "kernels/analysis_consumer.h"
#include "scan/scan_spec.h"
#include "text/comment_table.h"
#include "util/status.h"

namespace touchpoint::text {

enum class CommentSource : uint8_t { kAll, kSurvey, kSupport };
Result<CommentSource> ParseCommentSource(std::string_view name);
std::string_view CommentSourceName(CommentSource source);

// The sentiment label a score gives (docs/feedback.md, "Paired scores"):
// NPS 0-6 negative, 7-8 neutral, 9-10 positive; CSAT (1-5) at least
// csat_satisfied_min positive, at most csat_satisfied_min - 2 negative;
// CES (1-7, 7 = easiest after orientation) 1-3 negative, 4 neutral, 5-7
// positive; a star rating (survey `rating`, `stars` or `review`, or none,
// with a whole score in 1-5) like CSAT. kNoPairedLabel otherwise.
int8_t PairedLabel(std::string_view survey, double score, double csat_satisfied_min, bool ces_higher_is_easier);

struct CommentSpec {
  CommentSource source = CommentSource::kAll;
  int64_t from_ms = 0, to_ms = 0;
  const kernels::EventFilter* where = nullptr;
  double csat_satisfied_min = 4;
  bool ces_higher_is_easier = true;

  // Derived by Prepare.
  std::vector<std::string> derived;
  std::vector<std::string> survey_names;  // catalog code -> survey value
  uint32_t nps = scan::kNoCode, csat = scan::kNoCode, ces = scan::kNoCode;  // survey codes
  uint32_t survey_response = scan::kNoCode, support_ticket = scan::kNoCode;  // event codes
  uint32_t support_channel = scan::kNoCode;                                  // channel code

  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
};

class CommentConsumer : public kernels::AnalysisConsumer<CommentConsumer> {
 public:
  explicit CommentConsumer(const CommentSpec& spec) : spec_(spec) {}
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(CommentConsumer& other);

  // Every merged shard's comments in one table (call once, after the scan).
  CommentTable TakeTable();

 private:
  bool FromSource(const scan::CustomerView& c, size_t row) const;
  const CommentSpec& spec_;
  CommentTable table_;
  std::vector<CommentTable> merged_;  // the tables of the shards merged into this one
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_COMMENT_CONSUMER_H_
