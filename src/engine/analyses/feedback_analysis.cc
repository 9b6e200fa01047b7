// touchpoint feedback: themes, sentiment, pain points and what drives NPS,
// CSAT and CES in free-text comments (docs/feedback.md).
#include "engine/analyses/analyses.h"
#include "engine/analyses/param_defs.h"
#include "engine/feedback_query.h"
#include "report/feedback_format.h"
#include "util/file.h"

namespace touchpoint::engine {
namespace {

Result<AnalysisOutput> Run(const AnalysisContext& ctx) {
  const ParamReader& p = *ctx.params;
  auto req = RequestFrom<FeedbackRequest>(ctx);
  req.source = p.Text("source");
  req.survey = p.Text("survey");
  req.interval = p.Text("interval");
  req.taxonomy = p.Text("taxonomy");
  req.themes = static_cast<size_t>(p.Integer("themes").value_or(0));
  req.seed = static_cast<uint64_t>(*p.Integer("seed"));
  TP_ASSIGN_OR_RETURN(text::FeedbackReport report, RunFeedback(ctx.snapshot, req));
  if (p.Given("comments")) TP_RETURN_IF_ERROR(WriteFileAtomic(p.Text("comments"), report::FeedbackCommentsCsv(report)));
  AnalysisOutput out;
  if (p.Given("save")) {
    SavedColumn theme{"theme", {}}, category{"category", {}}, sentiment{"sentiment", {}};
    for (const text::FeedbackCustomerRow& row : report.customer_rows) {
      theme.values.emplace(row.customer_id, row.theme < 0 ? "" : report.themes[row.theme].name);
      category.values.emplace(row.customer_id, report.CategoryOf(row.theme));
      sentiment.values.emplace(row.customer_id, SavedNumber(row.sentiment));
    }
    out.saved = {std::move(theme), std::move(category), std::move(sentiment)};
  }
  out.body = report::FeedbackBody(std::move(report));
  return out;
}

}  // namespace

const AnalysisDef& FeedbackAnalysis() {
  static const AnalysisDef kDef = [] {
    AnalysisDef d;
    d.name = "feedback";
    d.summary = "Feedback themes, sentiment, pain points and the themes that drive NPS, CSAT and CES";
    ParamDef comments = Param("comments", ParamKind::kPath, "",
                              "Write every comment with its sentiment and themes to this CSV", "comments.csv");
    comments.cli_only = true;
    ParamDef taxonomy = Param("taxonomy", ParamKind::kPath, "",
                              "A TOML file of themes and the phrases that pin them (docs/feedback.md)", "themes.toml");
    taxonomy.cli_only = true;
    d.params = {
        Choice("source", {"all", "survey", "support"}, "all",
               "Comments of survey answers, of support tickets, or of any event", "support"),
        Described(Choice("survey", {"nps", "csat", "ces"}, "", "The score themes are judged against", "csat"),
                  "the first with answers: nps, csat, ces"),
        Choice("interval", {"day", "week", "month", "none"}, "month", "Periods of the trend", "week"),
        Described(Integer("themes", 1, 30, "", "How many themes to find", "12"), "by the number of comments, at most 30"),
        Integer("seed", 0, INT64_MAX, "1", "Sampling and clustering seed (same seed, same themes)", "7"),
        taxonomy,
        comments,
    };
    d.examples = {
        "touchpoint feedback --db store",
        "touchpoint feedback --db store --source support --survey csat --comments comments.csv",
        "touchpoint feedback --db store --save voice && touchpoint metrics --db store --by derived:voice_category",
    };
    d.save_help = "NAME_theme, NAME_category and NAME_sentiment per commenting customer";
    d.run = Run;
    return d;
  }();
  return kDef;
}

}  // namespace touchpoint::engine
