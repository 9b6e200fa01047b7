// Themes on templated comments (demo/comment_templates.h) whose true theme
// is known: agreement with the truth, the same themes under another seed and
// on a 90% subsample, pinned themes from a user taxonomy, and categories.
#include "text/theme_discovery.h"

#include <gtest/gtest.h>

#include <set>

#include "demo/comment_templates.h"
#include "text/cluster_agreement.h"
#include "text/sentiment_analysis.h"

namespace touchpoint::text {
namespace {

class ThemeDiscoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (uint32_t i = 0; i < 8000; ++i) {
      const auto theme = static_cast<demo::CommentTheme>(1 + i % 9);
      std::string s;
      demo::ComposeComment(theme, i % 3 == 0, i * 7919u + 13, &s);
      texts_.push_back(s);
      truth_.push_back(static_cast<int>(theme));
    }
  }
  ThemeSet Run(const std::vector<uint32_t>& rows, const ThemeOptions& o, const Taxonomy* pinned = nullptr) {
    views_.clear();
    for (uint32_t i : rows) views_.push_back(texts_[i]);
    corpus_ = CommentCorpus::Build(views_, 2);
    const auto sentiment = AnalyzeSentiment(corpus_, std::vector<std::optional<SentimentLabel>>(corpus_.size()), {});
    return DiscoverThemes(corpus_, views_, sentiment.score, pinned, o);
  }
  std::vector<uint32_t> All() const {
    std::vector<uint32_t> rows(texts_.size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    return rows;
  }
  std::vector<std::string> texts_;
  std::vector<int> truth_;
  std::vector<std::string_view> views_;
  CommentCorpus corpus_;
};

TEST_F(ThemeDiscoveryTest, AgreesWithTheTemplates) {
  ThemeOptions o;
  o.themes = 30;
  const ThemeSet set = Run(All(), o);
  EXPECT_EQ(set.themes.size(), 30u);
  const double nmi = testing::NormalizedMutualInformation(truth_, set.main);
  // Measured 0.613; scikit-learn's TF-IDF + NMF with 30 components: 0.571.
  std::printf("NMI with the template themes: %.3f\n", nmi);
  EXPECT_GE(nmi, 0.58);
  uint64_t total = 0;
  for (size_t k = 0; k < set.themes.size(); ++k) {
    const Theme& t = set.themes[k];
    total += t.comments;
    EXPECT_FALSE(t.name.empty());
    EXPECT_FALSE(t.phrases.empty());
    EXPECT_GE(t.mentions, t.comments);
    // Three distinct quotes of the theme's own comments, fewer only when it has fewer texts.
    std::set<std::string> distinct, quoted;
    for (size_t i = 0; i < texts_.size(); ++i) {
      if (set.main[i] == static_cast<int32_t>(k)) distinct.insert(texts_[i]);
    }
    for (uint32_t q : t.quotes) {
      EXPECT_EQ(set.main[q], static_cast<int32_t>(k));
      quoted.insert(texts_[q]);
    }
    EXPECT_EQ(quoted.size(), t.quotes.size());
    EXPECT_EQ(t.quotes.size(), std::min<size_t>(3, distinct.size()));
  }
  size_t unthemed = 0;
  for (int32_t m : set.main) unthemed += m < 0;
  EXPECT_EQ(total + unthemed, texts_.size());
}

TEST_F(ThemeDiscoveryTest, StableUnderSeedAndSubsample) {
  const std::vector<uint32_t> all = All();
  ThemeOptions a;
  a.fit_sample = 4000;  // half the comments, so the seed picks another k-means sample
  const ThemeSet base = Run(all, a);
  ThemeOptions b = a;
  b.seed = 7;
  const ThemeSet reseeded = Run(all, b);
  const double seed_nmi = testing::NormalizedMutualInformation(base.main, reseeded.main);
  // 90% of the comments (every tenth left out), compared on the ones kept.
  std::vector<uint32_t> kept;
  for (uint32_t i = 0; i < all.size(); ++i) {
    if (i % 10 != 3) kept.push_back(i);
  }
  const ThemeSet sub = Run(kept, a);
  std::vector<int32_t> base_kept;
  for (uint32_t i : kept) base_kept.push_back(base.main[i]);
  const double sub_nmi = testing::NormalizedMutualInformation(base_kept, sub.main);
  // Measured 0.889 and 0.866 (with every comment in the k-means sample, the
  // default below 20,000 comments: 1.000 and 0.974). The anchors depend on
  // the data, not the seed.
  std::printf("NMI between runs: other seed %.3f, 90%% subsample %.3f\n", seed_nmi, sub_nmi);
  EXPECT_GE(seed_nmi, 0.85);
  EXPECT_GE(sub_nmi, 0.83);
  // Most theme names come back.
  std::set<std::string> names;
  for (const Theme& t : base.themes) names.insert(t.name);
  size_t same = 0;
  for (const Theme& t : reseeded.themes) same += names.count(t.name);
  EXPECT_GE(same * 10, base.themes.size() * 6) << same << " of " << base.themes.size();
}

TEST_F(ThemeDiscoveryTest, PinnedThemesTakeTheirComments) {
  auto taxonomy = Taxonomy::Parse(
      "[[theme]]\nname = \"refunds\"\ncategory = \"financial\"\npatterns = [\"refund*\"]\n", "t.toml");
  ASSERT_TRUE(taxonomy.ok());
  const ThemeSet set = Run(All(), ThemeOptions{}, &*taxonomy);
  int32_t pinned = -1;
  for (size_t t = 0; t < set.themes.size(); ++t) {
    if (set.themes[t].pinned) pinned = static_cast<int32_t>(t);
  }
  ASSERT_GE(pinned, 0);
  EXPECT_EQ(set.themes[pinned].name, "refunds");
  EXPECT_EQ(set.themes[pinned].category, "financial");
  EXPECT_EQ(set.themes[pinned].phrases, std::vector<std::string>{"refund*"});
  size_t with_word = 0;
  for (size_t i = 0; i < texts_.size(); ++i) {
    std::string lower = texts_[i];
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool has = lower.find("refund") != std::string::npos;
    with_word += has;
    EXPECT_EQ(set.main[i] == pinned, has) << texts_[i];
  }
  EXPECT_EQ(set.themes[pinned].comments, with_word);
}

TEST_F(ThemeDiscoveryTest, ComplaintThemesGetTheirCategory) {
  ThemeOptions o;
  o.themes = 30;
  const ThemeSet set = Run(All(), o);
  size_t complaints = 0, agree = 0;
  for (size_t i = 0; i < texts_.size(); ++i) {
    const auto truth = demo::PainPointCategory(static_cast<demo::CommentTheme>(truth_[i]));
    if (truth.empty() || set.main[i] < 0) continue;
    ++complaints;
    agree += set.themes[set.main[i]].category == truth;
  }
  // Measured 0.697.
  std::printf("category agreement %.3f\n", static_cast<double>(agree) / complaints);
  EXPECT_GE(agree * 100, complaints * 65);
}

// Thirty short comments written by hand on three topics; three themes must
// separate them exactly, each named by its topic's words.
TEST(ThemeDiscovery, HandLabelledShortComments) {
  const std::vector<std::pair<int, std::string>> comments = {
      {0, "My parcel arrived late again"},      {0, "delivery was late by a week"},
      {0, "Late delivery, parcel lost twice"},  {0, "the parcel is still not delivered"},
      {0, "late delivery ruined the party"},    {0, "parcel delivery took forever"},
      {0, "Where is my parcel? Delivery late"}, {0, "courier delivered the parcel late"},
      {0, "late delivery, no parcel tracking"}, {0, "delivery late and parcel damaged"},
      {1, "Still no refund for my return"},     {1, "refund takes weeks, money gone"},
      {1, "I want my money back, refund now"},  {1, "the refund never came"},
      {1, "refund refused for a faulty item"},  {1, "money back promised, no refund"},
      {1, "refund still pending after return"}, {1, "partial refund only, where is my money"},
      {1, "refund request ignored"},            {1, "how long does a refund take? money please"},
      {2, "The app crashes on login"},          {2, "app keeps crashing after the update"},
      {2, "login broken, app crashes"},         {2, "the app crashes every time"},
      {2, "crashes when I open the app"},       {2, "app update broke login"},
      {2, "app crash on startup, cannot login"}, {2, "login fails and the app crashes"},
      {2, "app crashes constantly"},            {2, "since the update the app crashes"},
  };
  std::vector<std::string_view> texts;
  for (const auto& [topic, text] : comments) texts.push_back(text);
  const CommentCorpus corpus = CommentCorpus::Build(texts, 1);
  ThemeOptions o;
  o.themes = 3;
  o.min_theme_comments = 2;
  o.vocabulary.min_df = 2;
  const ThemeSet set = DiscoverThemes(corpus, texts, std::vector<float>(texts.size(), 0.0f), nullptr, o);
  ASSERT_EQ(set.themes.size(), 3u);
  std::vector<int> truth;
  for (const auto& [topic, text] : comments) truth.push_back(topic);
  EXPECT_DOUBLE_EQ(testing::NormalizedMutualInformation(truth, set.main), 1.0);
  std::set<std::string> names;
  for (const Theme& t : set.themes) {
    EXPECT_EQ(t.comments, 10u);
    names.insert(t.phrases[0]);
  }
  EXPECT_EQ(names.count("app") + names.count("crashes") + names.count("app crashes"), 1u);
  EXPECT_EQ(names.count("refund") + names.count("money"), 1u);
  EXPECT_EQ(names.count("parcel") + names.count("late") + names.count("delivery") + names.count("late delivery"), 1u);
}

}  // namespace
}  // namespace touchpoint::text
