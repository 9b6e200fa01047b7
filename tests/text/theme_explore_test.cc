#include <gtest/gtest.h>

#include <cstdio>

#include "demo/comment_templates.h"
#include "text/cluster_agreement.h"
#include "text/comment_corpus.h"
#include "text/review_data.h"
#include "text/sentiment_analysis.h"
#include "text/theme_discovery.h"

namespace touchpoint::text {
namespace {

[[maybe_unused]] void PrintThemes(const ThemeSet& set, const std::vector<std::string>& texts) {
  for (const Theme& t : set.themes) {
    std::printf("[%s] %s n=%u m=%u s=%.2f | ", t.category.c_str(), t.name.c_str(), t.comments, t.mentions, t.sentiment);
    for (const auto& p : t.phrases) std::printf("%s; ", p.c_str());
    std::printf("\n");
    for (uint32_t q : t.quotes) std::printf("     \"%.100s\"\n", texts[q].c_str());
  }
}

TEST(ThemeExplore, Demo) {
  std::vector<std::string> texts;
  std::vector<int> truth;
  for (uint32_t i = 0; i < 8000; ++i) {
    const auto theme = static_cast<demo::CommentTheme>(1 + i % 9);
    std::string s;
    demo::ComposeComment(theme, i % 3 == 0, i * 7919u + 13, &s);
    texts.push_back(s);
    truth.push_back(static_cast<int>(theme));
  }
  {
    FILE* f = std::fopen("/tmp/demo_comments.tsv", "w");
    for (size_t i = 0; i < texts.size(); ++i) std::fprintf(f, "%d\t%s\n", truth[i], texts[i].c_str());
    std::fclose(f);
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  const CommentCorpus corpus = CommentCorpus::Build(views, 0);
  const auto sentiment = AnalyzeSentiment(corpus, std::vector<std::optional<SentimentLabel>>(corpus.size()), {});
  for (double beta : {0.1}) for (double share : {0.005}) for (size_t themes : {0, 10, 30}) {
    ThemeOptions o;
    o.themes = themes; o.min_theme_share = share; int it = 0;
    const ThemeSet set = DiscoverThemes(corpus, views, sentiment.score, nullptr, o);
    std::printf("beta %.1f share %.3f it %d: themes %zu NMI %.4f\n", beta, share, it, set.themes.size(), testing::NormalizedMutualInformation(truth, set.main));
  }
}

TEST(ThemeExplore, Reviews) {
  const auto reviews = testing::LoadReviews();
  if (reviews.empty()) GTEST_SKIP();
  for (int neg_only : {0, 1}) {
    std::vector<std::string> texts;
    std::vector<std::string> truth;
    for (const auto& r : reviews) {
      if (neg_only && r.stars > 2) continue;
      if (r.department.empty()) continue;
      texts.push_back(r.text);
      truth.push_back(r.department);
    }
    FILE* f = std::fopen(neg_only ? "/tmp/rev_neg.tsv" : "/tmp/rev_all.tsv", "w");
    for (size_t i = 0; i < texts.size(); ++i) {
      std::string t = texts[i];
      for (char& c : t) if (c == '\n' || c == '\t' || c == '\r') c = ' ';
      std::fprintf(f, "%s\t%s\n", truth[i].c_str(), t.c_str());
    }
    std::fclose(f);
    std::vector<std::string_view> views(texts.begin(), texts.end());
    const CommentCorpus corpus = CommentCorpus::Build(views, 0);
    const auto sentiment = AnalyzeSentiment(corpus, std::vector<std::optional<SentimentLabel>>(corpus.size()), {});
    for (double maxdf : {0.4}) for (size_t beta : {0, 10, 30}) {
      ThemeOptions o;
      o.vocabulary.max_df_share = maxdf;
      o.themes = beta;
      const ThemeSet set = DiscoverThemes(corpus, views, sentiment.score, nullptr, o);
      if (!neg_only && beta == 10) PrintThemes(set, texts);
      std::printf("neg %d maxdf %.1f themes-req %zu themes %zu NMI vs department %.4f\n", neg_only, maxdf, beta, set.themes.size(),
                  testing::NormalizedMutualInformation(truth, set.main));
    }
  }
}

}  // namespace
}  // namespace touchpoint::text
