// SentimentModel: a regularised linear model of sentiment learned from the
// customers' own scores (docs/feedback.md, "Learned sentiment"):
// multinomial logistic regression over SentimentFeatures (the sparse ids
// each weighted 1/sqrt(count), plus the lexicon score as a real input),
// with L2 penalty, fitted by stochastic gradient descent over shuffled
// examples; classes weighted by n / (classes x n_class) so the rare
// negative and neutral comments count as much as the praise. Trained on
// 2 classes when no example is neutral (then P(neutral) = 0).
// Immutable after Train; Predict is const and thread-safe.
#ifndef TOUCHPOINT_TEXT_SENTIMENT_MODEL_H_
#define TOUCHPOINT_TEXT_SENTIMENT_MODEL_H_

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "text/lexicon_sentiment.h"

namespace touchpoint::text {

struct SentimentExample {
  std::span<const uint32_t> ids;  // SentimentFeatures ids, distinct
  float lexicon = 0;              // the lexicon score of the comment
  SentimentLabel label = SentimentLabel::kNeutral;
};

struct SentimentTrainOptions {
  int epochs = 6;
  double learning_rate = 0.2;  // at the first epoch; divided by (1 + epoch)
  double l2 = 1e-6;            // per example seen
  bool balance_classes = true;
  uint64_t seed = 1;           // example order
};

class SentimentModel {
 public:
  // REQUIRES: examples hold at least two distinct labels.
  static SentimentModel Train(const std::vector<SentimentExample>& examples, const SentimentTrainOptions& options);

  // P(negative), P(neutral), P(positive).
  std::array<double, 3> Predict(std::span<const uint32_t> ids, double lexicon) const;
  // P(positive) - P(negative), in [-1, 1].
  static double ScoreOf(const std::array<double, 3>& p) { return p[2] - p[0]; }
  // The most probable label.
  static SentimentLabel LabelOf(const std::array<double, 3>& p);
  bool has_neutral() const { return active_[1]; }

 private:
  void Logits(std::span<const uint32_t> ids, double lexicon, double* z) const;
  std::vector<float> weights_;  // [feature * 3 + class]
  std::array<double, 3> lexicon_weight_{}, bias_{};
  std::array<bool, 3> active_{};
  double scale_ = 1;  // weights_ are stored divided by this (lazy L2 decay)
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_SENTIMENT_MODEL_H_
