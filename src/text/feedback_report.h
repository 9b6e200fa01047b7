// FeedbackReport: the result of a feedback analysis (issue 14's JSON,
// docs/feedback.md "Output"): themes with their category, share,
// sentiment, phrases, quotes and driver numbers, the sentiment summary, the
// trend, and the per-comment and per-customer rows (--comments FILE and
// --save NAME). Plain data; copyable.
#ifndef TOUCHPOINT_TEXT_FEEDBACK_REPORT_H_
#define TOUCHPOINT_TEXT_FEEDBACK_REPORT_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kernels/result_header.h"
#include "text/driver_analysis.h"
#include "text/lexicon_sentiment.h"
#include "text/sentiment_metrics.h"
#include "text/theme_trends.h"

namespace touchpoint::text {

struct FeedbackTheme {
  std::string name;
  std::string category;  // process, financial, support, product or other
  bool pinned = false;
  uint64_t comments = 0;  // comments whose main theme it is
  double share = 0;       // comments / all comments
  uint64_t mentions = 0;  // comments that mention it
  double sentiment = 0;   // mean sentiment of its comments
  std::vector<std::string> phrases;
  std::vector<std::string> quotes;  // verbatim
  ThemeDriver driver;     // with/without are in the survey's measure; NaN when no answers
};

struct FeedbackSentiment {
  std::string method;  // learned, self-trained or lexicon
  double mean = 0;
  uint64_t negative = 0, neutral = 0, positive = 0;
  uint64_t labelled = 0;    // comments with a paired score
  uint64_t trained_on = 0;
  std::optional<SentimentMetrics> holdout, holdout_lexicon;  // learned only
};

struct FeedbackCommentRow {
  std::string event_id;  // "" when the event had none
  std::string customer_id;
  int64_t timestamp_ms = 0;
  float sentiment = 0;
  SentimentLabel label = SentimentLabel::kNeutral;
  int32_t theme = -1;  // main theme index into themes, -1 = none
  // Every mentioned theme, main first: FeedbackReport::ThemesOf(row).
  uint64_t themes_offset = 0;
  uint32_t themes_count = 0;
};

struct FeedbackCustomerRow {
  std::string customer_id;
  int32_t theme = -1;  // the main theme of most of their comments (the larger theme on a tie)
  double sentiment = 0;  // mean over their comments
};

struct FeedbackReport {
  std::string source = "all";  // all, survey or support
  std::optional<SurveyKind> survey;  // the driver measure; none when no answers
  kernels::ResultHeader header;  // range, zone, scanned events, wall time
  std::string interval = "month";
  uint64_t comments = 0, customers = 0;  // commenting customers
  uint64_t respondents = 0;              // customers with an answer to `survey`
  double overall = 0;                    // the survey measure over them
  std::vector<FeedbackTheme> themes;     // by comments, most first
  uint64_t unthemed = 0;                 // comments with no theme (no theme terms)
  std::vector<uint32_t> negative_drivers, positive_drivers;  // theme indices, top first
  FeedbackSentiment sentiment;
  std::vector<TrendPeriod> trend;
  std::vector<TrendRise> rises;
  std::vector<FeedbackCommentRow> comment_rows;    // in comment order (customer id, time)
  std::vector<uint32_t> comment_themes;            // the rows' mentioned themes, one after the other
  std::vector<FeedbackCustomerRow> customer_rows;  // commenting customers, by id

  std::span<const uint32_t> ThemesOf(const FeedbackCommentRow& row) const {
    return {comment_themes.data() + row.themes_offset, row.themes_count};
  }
  // The category of a theme index (-1: "").
  const std::string& CategoryOf(int32_t theme) const {
    static const std::string kNone;
    return theme < 0 ? kNone : themes[theme].category;
  }
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_FEEDBACK_REPORT_H_
