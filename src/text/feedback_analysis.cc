#include "text/feedback_analysis.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "text/comment_corpus.h"

namespace touchpoint::text {
namespace {

double AnswerOf(const CommentTable::Customer& c, SurveyKind kind) {
  switch (kind) {
    case SurveyKind::kNps:
      return c.nps;
    case SurveyKind::kCsat:
      return c.csat;
    case SurveyKind::kCes:
      return c.ces;
  }
  return std::nan("");
}

// The first survey with answers, in the order nps, csat, ces.
std::optional<SurveyKind> DefaultSurvey(const CommentTable& table) {
  for (SurveyKind kind : {SurveyKind::kNps, SurveyKind::kCsat, SurveyKind::kCes}) {
    for (const auto& c : table.customers()) {
      if (!std::isnan(AnswerOf(c, kind))) return kind;
    }
  }
  return std::nullopt;
}

}  // namespace

FeedbackReport AnalyzeFeedback(const CommentTable& table, const FeedbackOptions& o) {
  FeedbackReport r;
  const size_t n = table.size();
  r.comments = n;
  std::vector<std::string_view> texts(n);
  std::vector<std::optional<SentimentLabel>> paired(n);
  for (size_t i = 0; i < n; ++i) {
    texts[i] = table.text(i);
    if (table.paired(i) != kNoPairedLabel) paired[i] = static_cast<SentimentLabel>(table.paired(i));
  }
  const CommentCorpus corpus = CommentCorpus::Build(texts, o.threads);

  // Sentiment.
  SentimentResult sentiment = AnalyzeSentiment(corpus, paired, o.sentiment);
  FeedbackSentiment& s = r.sentiment;
  s.method = sentiment.method;
  s.labelled = sentiment.labelled;
  s.trained_on = sentiment.trained_on;
  s.holdout = sentiment.holdout;
  s.holdout_lexicon = sentiment.holdout_lexicon;
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    sum += sentiment.score[i];
    switch (sentiment.label[i]) {
      case SentimentLabel::kNegative:
        ++s.negative;
        break;
      case SentimentLabel::kNeutral:
        ++s.neutral;
        break;
      case SentimentLabel::kPositive:
        ++s.positive;
        break;
    }
  }
  s.mean = n > 0 ? sum / n : 0;

  // Themes.
  ThemeOptions theme_options = o.themes;
  theme_options.threads = o.threads;
  const ThemeSet themes = DiscoverThemes(corpus, texts, sentiment.score, o.taxonomy, theme_options);
  for (const Theme& t : themes.themes) {
    FeedbackTheme f;
    f.name = t.name;
    f.category = t.category;
    f.pinned = t.pinned;
    f.comments = t.comments;
    f.share = n > 0 ? static_cast<double>(t.comments) / n : 0;
    f.mentions = t.mentions;
    f.sentiment = t.sentiment;
    f.phrases = t.phrases;
    for (uint32_t q : t.quotes) f.quotes.emplace_back(texts[q]);
    r.themes.push_back(std::move(f));
  }
  for (int32_t m : themes.main) r.unthemed += m < 0;

  // Per-customer rows: each commenting customer's main theme and mean sentiment.
  const auto& customers = table.customers();
  std::vector<std::vector<uint32_t>> customer_themes(customers.size());
  std::vector<std::map<int32_t, uint32_t>> main_counts(customers.size());
  std::vector<double> sentiment_sum(customers.size(), 0);
  std::vector<uint32_t> comment_count(customers.size(), 0);
  r.comment_rows.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t c = table.customer(i);
    FeedbackCommentRow& row = r.comment_rows[i];
    row.event_id = table.event_id(i);
    row.customer_id = customers[c].id;
    row.timestamp_ms = table.timestamp(i);
    row.sentiment = sentiment.score[i];
    row.label = sentiment.label[i];
    row.theme = themes.main[i];
    const auto mentioned = themes.mentions(i);
    row.themes.assign(mentioned.begin(), mentioned.end());
    customer_themes[c].insert(customer_themes[c].end(), mentioned.begin(), mentioned.end());
    if (row.theme >= 0) ++main_counts[c][row.theme];
    sentiment_sum[c] += row.sentiment;
    ++comment_count[c];
  }
  for (size_t c = 0; c < customers.size(); ++c) {
    if (comment_count[c] == 0) continue;
    ++r.customers;
    FeedbackCustomerRow row;
    row.customer_id = customers[c].id;
    row.sentiment = sentiment_sum[c] / comment_count[c];
    uint32_t best = 0;
    for (const auto& [theme, count] : main_counts[c]) {  // ascending index: the larger theme wins a tie
      if (count > best) best = count, row.theme = theme;
    }
    r.customer_rows.push_back(std::move(row));
  }

  // Drivers.
  r.survey = o.survey ? o.survey : DefaultSurvey(table);
  if (r.survey) {
    DriverInput in;
    in.survey = *r.survey;
    in.csat_satisfied_min = o.csat_satisfied_min;
    in.theme_count = r.themes.size();
    for (size_t c = 0; c < customers.size(); ++c) {
      const double answer = AnswerOf(customers[c], *r.survey);
      if (std::isnan(answer)) continue;
      in.score.push_back(answer);
      auto& list = customer_themes[c];
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
      in.themes.insert(in.themes.end(), list.begin(), list.end());
      in.offsets.push_back(in.themes.size());
    }
    const DriverResult drivers = AnalyzeDrivers(in);
    r.respondents = drivers.respondents;
    r.overall = drivers.overall;
    for (size_t t = 0; t < r.themes.size(); ++t) r.themes[t].driver = drivers.themes[t];
    r.negative_drivers = drivers.negative;
    r.positive_drivers = drivers.positive;
  }

  // Trends.
  if (o.grid != nullptr) {
    std::vector<int64_t> timestamps(n);
    for (size_t i = 0; i < n; ++i) timestamps[i] = table.timestamp(i);
    TrendResult trend = AnalyzeTrends(*o.grid, timestamps, sentiment.score, sentiment.label, themes);
    r.trend = std::move(trend.periods);
    r.rises = std::move(trend.rises);
  }
  return r;
}

}  // namespace touchpoint::text
