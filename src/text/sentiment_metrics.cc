#include "text/sentiment_metrics.h"

#include <cassert>

namespace touchpoint::text {

SentimentMetrics EvaluateSentiment(const std::vector<SentimentLabel>& truth,
                                   const std::vector<SentimentLabel>& predicted) {
  assert(truth.size() == predicted.size());
  SentimentMetrics m;
  m.n = truth.size();
  size_t correct = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    const int t = static_cast<int>(truth[i]) + 1, p = static_cast<int>(predicted[i]) + 1;
    ++m.confusion[t][p];
    correct += t == p;
  }
  if (m.n == 0) return m;
  m.accuracy = static_cast<double>(correct) / m.n;
  double f1_sum = 0;
  int classes = 0;
  for (int k = 0; k < 3; ++k) {
    size_t tp = m.confusion[k][k], truth_k = 0, predicted_k = 0;
    for (int j = 0; j < 3; ++j) {
      truth_k += m.confusion[k][j];
      predicted_k += m.confusion[j][k];
    }
    if (truth_k == 0 && predicted_k == 0) continue;
    ++classes;
    f1_sum += truth_k + predicted_k == 0 ? 0.0 : 2.0 * tp / static_cast<double>(truth_k + predicted_k);
  }
  m.macro_f1 = classes > 0 ? f1_sum / classes : 0;
  const size_t neg = m.confusion[0][0] + m.confusion[0][1] + m.confusion[0][2];
  const size_t pos = m.confusion[2][0] + m.confusion[2][1] + m.confusion[2][2];
  if (neg > 0 && pos > 0) {
    m.balanced_accuracy_pos_neg =
        0.5 * (static_cast<double>(m.confusion[0][0]) / neg + static_cast<double>(m.confusion[2][2]) / pos);
  }
  return m;
}

}  // namespace touchpoint::text
