// AnalyzeFeedback: the whole feedback analysis of a CommentTable
// (docs/feedback.md): tokenize (CommentCorpus), score sentiment
// (AnalyzeSentiment: learned from the paired scores where there are
// enough, else self-trained or lexicon), discover themes (DiscoverThemes,
// with the user's taxonomy pinned), drivers against the chosen survey
// (AnalyzeDrivers), trends over the period grid (AnalyzeTrends), and the
// per-comment and per-customer rows. Runs its parallel stages on up to
// `threads` threads; otherwise a pure function.
#ifndef TOUCHPOINT_TEXT_FEEDBACK_ANALYSIS_H_
#define TOUCHPOINT_TEXT_FEEDBACK_ANALYSIS_H_

#include <optional>

#include "kernels/period_grid.h"
#include "text/comment_table.h"
#include "text/driver_analysis.h"
#include "text/feedback_report.h"
#include "text/sentiment_analysis.h"
#include "text/taxonomy.h"
#include "text/theme_discovery.h"

namespace touchpoint::text {

struct FeedbackOptions {
  // The driver measure; unset = the first of nps, csat, ces with answers.
  std::optional<SurveyKind> survey;
  double csat_satisfied_min = 4;
  const Taxonomy* taxonomy = nullptr;  // the user's pinned themes, or null
  const kernels::PeriodGrid* grid = nullptr;  // the trend's periods, or null for no trend
  ThemeOptions themes;
  SentimentOptions sentiment;
  size_t threads = 0;
};

FeedbackReport AnalyzeFeedback(const CommentTable& table, const FeedbackOptions& options);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_FEEDBACK_ANALYSIS_H_
