#include "text/feedback_analysis.h"

#include <algorithm>
#include <cmath>

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
  // The corpus lives until the themes are found, then goes (memory).
  std::optional<CommentCorpus> built(CommentCorpus::Build(texts, o.threads));
  CommentCorpus& corpus = *built;

  // Sentiment.
  SentimentOptions sentiment_options = o.sentiment;
  sentiment_options.threads = o.threads;
  SentimentResult sentiment = AnalyzeSentiment(corpus, paired, sentiment_options);
  corpus.ReleaseFeatures();
  std::vector<std::optional<SentimentLabel>>().swap(paired);
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
  built.reset();

  // Per-comment rows, and per commenting customer the main theme, the mean
  // sentiment and the themes mentioned. REQUIRES: comments grouped by
  // customer (CommentTable::Sort), so each customer is one run.
  const auto& customers = table.customers();
  std::vector<uint64_t> mentioned_from(customers.size() + 1, 0);  // customer -> their themes in `mentioned`
  std::vector<uint32_t> mentioned;
  std::vector<uint32_t> run_themes, run_mains;
  r.comment_rows.resize(n);
  r.comment_themes.reserve(n);
  size_t i = 0;
  while (i < n) {
    const uint32_t c = table.customer(i);
    run_themes.clear();
    run_mains.clear();
    double sum = 0;
    size_t end = i;
    for (; end < n && table.customer(end) == c; ++end) {
      FeedbackCommentRow& row = r.comment_rows[end];
      row.event_id = table.event_id(end);
      row.customer_id = customers[c].id;
      row.timestamp_ms = table.timestamp(end);
      row.sentiment = sentiment.score[end];
      row.label = sentiment.label[end];
      row.theme = themes.main[end];
      const auto m = themes.mentions(end);
      row.themes_offset = r.comment_themes.size();
      row.themes_count = static_cast<uint32_t>(m.size());
      r.comment_themes.insert(r.comment_themes.end(), m.begin(), m.end());
      run_themes.insert(run_themes.end(), m.begin(), m.end());
      if (row.theme >= 0) run_mains.push_back(static_cast<uint32_t>(row.theme));
      sum += row.sentiment;
    }
    FeedbackCustomerRow row;
    row.customer_id = customers[c].id;
    row.sentiment = sum / static_cast<double>(end - i);
    // The most frequent main theme; on a tie the lower index (the larger theme).
    std::sort(run_mains.begin(), run_mains.end());
    uint32_t best = 0;
    for (size_t k = 0; k < run_mains.size();) {
      size_t e = k;
      while (e < run_mains.size() && run_mains[e] == run_mains[k]) ++e;
      if (e - k > best) best = static_cast<uint32_t>(e - k), row.theme = static_cast<int32_t>(run_mains[k]);
      k = e;
    }
    r.customer_rows.push_back(std::move(row));
    std::sort(run_themes.begin(), run_themes.end());
    run_themes.erase(std::unique(run_themes.begin(), run_themes.end()), run_themes.end());
    mentioned_from[c + 1] = run_themes.size();
    mentioned.insert(mentioned.end(), run_themes.begin(), run_themes.end());
    i = end;
  }
  r.customers = r.customer_rows.size();
  // Customers come in index order (sorted by id): prefix sums give the offsets.
  for (size_t c = 0; c < customers.size(); ++c) mentioned_from[c + 1] += mentioned_from[c];

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
      in.themes.insert(in.themes.end(), mentioned.begin() + static_cast<ptrdiff_t>(mentioned_from[c]),
                       mentioned.begin() + static_cast<ptrdiff_t>(mentioned_from[c + 1]));
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
