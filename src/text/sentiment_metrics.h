// SentimentMetrics: how well predicted labels match true ones: accuracy,
// macro-F1 over the classes present in either, and the balanced accuracy
// of positive against negative (the mean recall of the two classes over the
// comments truly positive or negative, a neutral prediction counting as
// wrong). Plain data and a pure function; thread-safe.
#ifndef TOUCHPOINT_TEXT_SENTIMENT_METRICS_H_
#define TOUCHPOINT_TEXT_SENTIMENT_METRICS_H_

#include <cstddef>
#include <vector>

#include "text/lexicon_sentiment.h"

namespace touchpoint::text {

struct SentimentMetrics {
  size_t n = 0;
  double accuracy = 0;
  double macro_f1 = 0;
  double balanced_accuracy_pos_neg = 0;
  size_t confusion[3][3] = {};  // [truth][prediction], index label + 1
};

// REQUIRES: truth.size() == predicted.size().
SentimentMetrics EvaluateSentiment(const std::vector<SentimentLabel>& truth,
                                   const std::vector<SentimentLabel>& predicted);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_SENTIMENT_METRICS_H_
