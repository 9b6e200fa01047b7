#include "engine/feedback_query.h"

#include <optional>
#include <tuple>

#include "engine/analysis_scan.h"
#include "kernels/period_grid.h"
#include "text/comment_consumer.h"
#include "text/feedback_analysis.h"
#include "text/taxonomy.h"
#include "util/time.h"

namespace touchpoint::engine {

Result<text::FeedbackReport> RunFeedback(std::shared_ptr<const store::Snapshot> snapshot, const FeedbackRequest& req) {
  if (!req.by.empty()) return Status::InvalidArgument("feedback: --by is not supported yet");
  if (req.themes > text::ThemeOptions{}.max_themes) {
    return Status::InvalidArgument("--themes must be at most " + std::to_string(text::ThemeOptions{}.max_themes));
  }
  AnalysisScan analysis(snapshot, "feedback");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  text::CommentSpec spec;
  TP_ASSIGN_OR_RETURN(spec.source, text::ParseCommentSource(req.source));
  std::optional<text::SurveyKind> survey;
  if (!req.survey.empty()) {
    TP_ASSIGN_OR_RETURN(survey, text::ParseSurvey(req.survey));
  }
  TP_ASSIGN_OR_RETURN(const kernels::Interval interval, kernels::ParseInterval(req.interval));
  const date::time_zone* zone = analysis.zone();
  std::optional<text::Taxonomy> taxonomy;
  if (!req.taxonomy.empty()) {
    TP_ASSIGN_OR_RETURN(taxonomy, text::Taxonomy::Load(req.taxonomy));
    if (taxonomy->themes().size() > text::ThemeOptions{}.max_themes) {
      return Status::InvalidArgument(req.taxonomy + ": at most " + std::to_string(text::ThemeOptions{}.max_themes) +
                                     " themes");
    }
  }
  spec.where = analysis.where();
  spec.csat_satisfied_min = req.definitions.csat_satisfied_min;
  spec.ces_higher_is_easier = req.definitions.ces_higher_is_easier;
  std::tie(spec.from_ms, spec.to_ms) = analysis.range();
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<text::CommentConsumer>(spec, req.threads));
  text::CommentTable table = run.consumer->TakeTable();
  run.consumer.reset();
  table.Sort();

  text::FeedbackOptions options;
  options.survey = survey;
  options.csat_satisfied_min = req.definitions.csat_satisfied_min;
  options.taxonomy = taxonomy ? &*taxonomy : nullptr;
  std::optional<kernels::PeriodGrid> grid;
  if (interval != kernels::Interval::kNone) {
    grid = kernels::PeriodGrid::Make(interval, spec.from_ms, spec.to_ms, zone);
    options.grid = &*grid;
  }
  options.themes.themes = req.themes;
  options.themes.seed = req.seed;
  options.sentiment.seed = req.seed;
  options.threads = req.threads;
  text::FeedbackReport report = text::AnalyzeFeedback(table, options);
  report.source = std::string(text::CommentSourceName(spec.source));
  report.interval = req.interval;
  report.header = analysis.Finish();
  return report;
}

}  // namespace touchpoint::engine
