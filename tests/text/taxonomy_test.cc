// Taxonomy files: parsing, errors that name the file, line and field, and
// pattern matching after folding and stemming.
#include "text/taxonomy.h"

#include <gtest/gtest.h>

namespace touchpoint::text {
namespace {

TEST(Taxonomy, Parses) {
  auto t = Taxonomy::Parse(R"(
[[theme]]
name = "late delivery"
category = "process"
patterns = ["delay*", "arrived late"]

[[theme]]
name = "refunds"
patterns = ["refund"]
)",
                           "mine.toml");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->themes().size(), 2u);
  EXPECT_EQ(t->themes()[0].patterns[1], "arrived late");
  EXPECT_EQ(t->themes()[1].category, "other");
}

TEST(Taxonomy, ErrorsNameFileAndLine) {
  auto expect = [](std::string_view text, std::string_view needle) {
    auto t = Taxonomy::Parse(text, "mine.toml");
    ASSERT_FALSE(t.ok());
    EXPECT_NE(t.status().message().find(needle), std::string::npos) << t.status().ToString();
  };
  expect("[[theme]]\nname = \"x\"\ncategory = \"billing\"\npatterns = [\"a\"]\n", "mine.toml:1: theme 'x': category 'billing'");
  expect("[[theme]]\ncategory = \"process\"\npatterns = [\"a\"]\n", "mine.toml:1: [[theme]] has no 'name'");
  expect("[[theme]]\nname = \"x\"\n", "has no 'patterns'");
  expect("[[theme]]\nname = \"x\"\npatterns = [\"a\"]\ncolour = 1\n", "mine.toml:4: unknown key 'colour'");
  expect("[[theme]]\nname = \"x\"\npatterns = [1]\n", "mine.toml:3: 'patterns' must hold non-empty strings");
  expect("[[theme]]\nname = \"x\"\npatterns = [\"a\"]\n[[theme]]\nname = \"x\"\npatterns = [\"b\"]\n", "named twice");
  expect("[[theme]\n", "mine.toml:1");
  expect("themes = 1\n", "unknown key 'themes'");
}

TEST(Taxonomy, DefaultLoadsWithTheFourCategories) {
  const Taxonomy& t = Taxonomy::Default();
  std::set<std::string> categories;
  for (const auto& theme : t.themes()) categories.insert(theme.category);
  EXPECT_EQ(categories, (std::set<std::string>{"process", "financial", "support", "product"}));
}

TEST(TaxonomyMatcher, StemsPrefixesAndPhrases) {
  std::vector<std::string> texts = {"My deliveries were DELAYED again", "It arrived late, sadly",
                                    "Late. Arrived on Monday", "Refunds take ages"};
  std::vector<std::string_view> views(texts.begin(), texts.end());
  const CommentCorpus corpus = CommentCorpus::Build(views, 1);
  auto t = Taxonomy::Parse(
      "[[theme]]\nname = \"late\"\npatterns = [\"delay*\", \"arrived late\"]\n"
      "[[theme]]\nname = \"money\"\npatterns = [\"refund\", \"deliveries\"]\n",
      "t.toml");
  ASSERT_TRUE(t.ok());
  const TaxonomyMatcher m(*t, corpus);
  std::vector<TaxonomyMatcher::Hit> hits;
  m.Match(corpus, 0, &hits);
  ASSERT_EQ(hits.size(), 2u);  // "delayed" by prefix, "deliveries" by stem
  m.Match(corpus, 1, &hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].theme, 0u);
  EXPECT_EQ(hits[0].pattern, 1u);
  m.Match(corpus, 2, &hits);
  EXPECT_TRUE(hits.empty());  // the sentence ends between "late" and "arrived"
  m.Match(corpus, 3, &hits);
  ASSERT_EQ(hits.size(), 1u);  // "refunds" stems to "refund"
  EXPECT_EQ(hits[0].theme, 1u);
}

}  // namespace
}  // namespace touchpoint::text
