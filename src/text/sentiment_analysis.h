// AnalyzeSentiment: one sentiment score and label per comment of a corpus,
// choosing the method by what the data offers (docs/feedback.md,
// "Sentiment"):
//   - "learned": at least kMinLabelled comments carry a paired score (NPS,
//     CSAT, CES or stars, mapped to a label) with two labels present
//     kMinPerLabel times: a SentimentModel is trained on them and scores
//     every comment. Its quality is measured first on a holdout (every
//     kHoldoutEvery-th labelled comment by a seeded hash), trained on the
//     rest, and reported beside the lexicon's on the same holdout.
//   - "self-trained": otherwise, comments the lexicon calls clearly positive
//     or negative (|score| >= pseudo_label_from) label the training set of a
//     two-class model that does not see the lexicon score, so it learns the
//     corpus's own words ("delayed", "on hold", "runs small"); a comment's
//     score is w x the model's + (1 - w) x the lexicon's (w =
//     self_trained_weight). A second round relabels the clear comments
//     with these scores and trains again.
//   - "lexicon": when even that is too little.
// Training sets are capped at max_training examples (a seeded sample);
// every comment is scored, in parallel.
// Pure function of its inputs; runs on the calling thread.
#ifndef TOUCHPOINT_TEXT_SENTIMENT_ANALYSIS_H_
#define TOUCHPOINT_TEXT_SENTIMENT_ANALYSIS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "text/comment_corpus.h"
#include "text/lexicon_sentiment.h"
#include "text/sentiment_metrics.h"

namespace touchpoint::text {

struct SentimentOptions {
  size_t min_labelled = 200;
  size_t min_per_label = 20;
  size_t holdout_every = 5;          // 20% of the labelled comments
  double pseudo_label_from = 0.3;    // lexicon |score| that makes a pseudo-label
  size_t min_pseudo_per_label = 50;
  double self_trained_weight = 0.85;  // the model's share of a self-trained score
  int self_training_rounds = 2;       // the second relabels with the first's scores
  // Training examples at most (a seeded sample of them beyond): a linear
  // model has learned what it can long before, and training stays O(1).
  size_t max_training = 100000;
  uint64_t seed = 1;
  bool evaluate = true;              // measure the learned model on a holdout
  size_t threads = 0;                // for scoring every comment; 0 = all
};

struct SentimentResult {
  std::string method;  // "learned", "self-trained" or "lexicon"
  std::vector<float> score;            // per comment, in [-1, 1]
  std::vector<SentimentLabel> label;   // per comment
  size_t labelled = 0;                 // comments with a paired score
  size_t trained_on = 0;               // examples of the final model (0 for the lexicon)
  // Learned method: the holdout's metrics, of the model and of the lexicon.
  std::optional<SentimentMetrics> holdout, holdout_lexicon;
};

// labels[i]: comment i's label from its paired score, if any.
SentimentResult AnalyzeSentiment(const CommentCorpus& corpus, const std::vector<std::optional<SentimentLabel>>& labels,
                                 const SentimentOptions& options);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_SENTIMENT_ANALYSIS_H_
