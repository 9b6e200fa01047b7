// The learned model and the metrics: a separable toy corpus is learned
// exactly, a held-out comment with the learned words is classified, and the
// metrics match a confusion matrix counted by hand.
#include "text/sentiment_model.h"

#include <gtest/gtest.h>

#include "text/comment_corpus.h"
#include "text/sentiment_analysis.h"
#include "text/sentiment_metrics.h"

namespace touchpoint::text {
namespace {

TEST(SentimentModel, LearnsTheCorpusWords) {
  // Words with no lexicon score: only the labels say what they mean.
  std::vector<std::string> texts;
  std::vector<std::optional<SentimentLabel>> labels;
  for (int i = 0; i < 300; ++i) {
    texts.push_back("parcel zorbled again " + std::to_string(i));
    labels.push_back(SentimentLabel::kNegative);
    texts.push_back("parcel quindle nicely " + std::to_string(i));
    labels.push_back(SentimentLabel::kPositive);
    texts.push_back("parcel arrived today " + std::to_string(i));
    labels.push_back(SentimentLabel::kNeutral);
  }
  texts.push_back("my box zorbled");
  labels.push_back(std::nullopt);
  std::vector<std::string_view> views(texts.begin(), texts.end());
  const CommentCorpus corpus = CommentCorpus::Build(views, 2);
  const SentimentResult r = AnalyzeSentiment(corpus, labels, SentimentOptions{});
  EXPECT_EQ(r.method, "learned");
  EXPECT_EQ(r.labelled, 900u);
  ASSERT_TRUE(r.holdout.has_value());
  EXPECT_EQ(r.holdout->accuracy, 1.0);
  EXPECT_EQ(r.label[0], SentimentLabel::kNegative);
  EXPECT_EQ(r.label[1], SentimentLabel::kPositive);
  EXPECT_EQ(r.label[2], SentimentLabel::kNeutral);
  EXPECT_EQ(r.label.back(), SentimentLabel::kNegative);
  EXPECT_LT(r.score.back(), -0.5);
}

TEST(SentimentModel, TooFewLabelsFallBackToTheLexicon) {
  std::vector<std::string> texts = {"great", "awful", "fine"};
  std::vector<std::string_view> views(texts.begin(), texts.end());
  const CommentCorpus corpus = CommentCorpus::Build(views, 1);
  const SentimentResult r =
      AnalyzeSentiment(corpus, {SentimentLabel::kPositive, SentimentLabel::kNegative, std::nullopt}, {});
  EXPECT_EQ(r.method, "lexicon");
  EXPECT_FLOAT_EQ(r.score[0], corpus.lexicon(0));
  EXPECT_EQ(r.label[1], SentimentLabel::kNegative);
}

TEST(SentimentMetrics, ByHand) {
  using L = SentimentLabel;
  const std::vector<L> truth = {L::kNegative, L::kNegative, L::kNeutral, L::kPositive, L::kPositive, L::kPositive};
  const std::vector<L> pred = {L::kNegative, L::kPositive, L::kNeutral, L::kPositive, L::kPositive, L::kNeutral};
  const SentimentMetrics m = EvaluateSentiment(truth, pred);
  EXPECT_DOUBLE_EQ(m.accuracy, 4.0 / 6);
  // F1: negative 2*1/(2+1) = 2/3, neutral 2*1/(1+2) = 2/3, positive 2*2/(3+3) = 2/3.
  EXPECT_DOUBLE_EQ(m.macro_f1, 2.0 / 3);
  // Recall of negative 1/2, of positive 2/3.
  EXPECT_DOUBLE_EQ(m.balanced_accuracy_pos_neg, 0.5 * (0.5 + 2.0 / 3));
  EXPECT_EQ(m.confusion[0][2], 1u);
}

}  // namespace
}  // namespace touchpoint::text
