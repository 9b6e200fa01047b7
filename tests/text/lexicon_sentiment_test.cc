// Lexicon sentiment, each value worked out by hand from the rules in
// lexicon_sentiment.h: AFINN good = 3, terrible = -3, bad = -3; score =
// x / sqrt(x^2 + 15).
#include "text/lexicon_sentiment.h"

#include <gtest/gtest.h>

#include <cmath>

#include "text/embedded_data.h"

namespace touchpoint::text {
namespace {

double Score(std::string_view s) {
  std::vector<Token> tokens;
  Tokenizer(Lexicon::Default()).Tokenize(s, &tokens);
  return LexiconSentiment(Lexicon::Default()).Score(tokens).score;
}

double Squash(double x) { return x / std::sqrt(x * x + 15); }

TEST(LexiconSentiment, RulesByHand) {
  EXPECT_NEAR(Score("good"), Squash(3), 1e-9);
  EXPECT_NEAR(Score("never good"), Squash(3 * -0.74), 1e-9);
  EXPECT_NEAR(Score("not good"), Squash(-2), 1e-9);  // an AFINN phrase
  EXPECT_NEAR(Score("very good"), Squash(3 * 1.3), 1e-9);
  EXPECT_NEAR(Score("slightly bad"), Squash(-3 * 0.7), 1e-9);
  EXPECT_NEAR(Score("good!!"), Squash(3 + 2 * 0.3), 1e-9);
  EXPECT_NEAR(Score("good but terrible"), Squash(0.5 * 3 + 1.5 * -3), 1e-9);
  EXPECT_NEAR(Score("I LOVE it"), Squash(3 * 1.3), 1e-9);
  EXPECT_NEAR(Score("sooo good"), Squash(3 * 1.3), 1e-9);
  EXPECT_NEAR(Score("goood"), Squash(3 * 1.2), 1e-9);
  EXPECT_NEAR(Score("not bad. good"), Squash(-3 * -0.74 + 3), 1e-9);
  EXPECT_EQ(Score("the package arrived"), 0);
}

TEST(LexiconSentiment, NegationScopeEndsAfterThreeWordsOrAClause) {
  EXPECT_NEAR(Score("not at all a good"), Squash(3), 1e-9);  // "good" is the 4th word after "not"
  EXPECT_NEAR(Score("never, good"), Squash(3), 1e-9);
  EXPECT_NEAR(Score("didn't like it"), Squash(2 * -0.74), 1e-9);  // AFINN like = 2
}

TEST(LexiconSentiment, PhrasesAndPictures) {
  EXPECT_NEAR(Score("this does not work"), Squash(-3), 1e-9);  // a phrase: no double negation
  EXPECT_NEAR(Score("😡"), Squash(-4), 1e-9);
  EXPECT_NEAR(Score("not 😡"), Squash(-4), 1e-9);  // emoji ignore negators
  EXPECT_NEAR(Score("flight delayed :("), Squash(-2 - 2), 1e-9);
  EXPECT_NEAR(Score("thanks for nothing"), Squash(-3), 1e-9);
}

TEST(LexiconSentiment, Labels) {
  EXPECT_EQ(LabelOf(0.05), SentimentLabel::kPositive);
  EXPECT_EQ(LabelOf(0.049), SentimentLabel::kNeutral);
  EXPECT_EQ(LabelOf(-0.05), SentimentLabel::kNegative);
}

TEST(Lexicon, EmbeddedListsLoad) {
  const Lexicon& l = Lexicon::Default();
  EXPECT_EQ(l.Word("good"), 3);
  EXPECT_EQ(l.Word("delayed"), -2);  // feedback_lexicon.tsv
  EXPECT_EQ(l.Word("😍"), 4);        // emoji_lexicon.tsv
  double s = 0;
  EXPECT_EQ(l.MatchEmoticon(":-)", &s), 3u);
  EXPECT_EQ(s, 2);
}

TEST(Lexicon, BadLinesNameSourceAndLine) {
  Lexicon l;
  const Status s = l.AddWords("mine.tsv", "good\t3\nbad three\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("mine.tsv:2"), std::string::npos) << s.ToString();
  const Status t = l.AddWords("mine.tsv", "# comment\n\ngood\tx3\n");
  EXPECT_NE(t.message().find("mine.tsv:3: score 'x3'"), std::string::npos) << t.ToString();
}

}  // namespace
}  // namespace touchpoint::text
