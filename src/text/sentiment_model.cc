#include "text/sentiment_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

#include "text/sentiment_features.h"

namespace touchpoint::text {
namespace {

constexpr double kMinScale = 1e-6;  // fold the decay into the weights below this

int ClassIndex(SentimentLabel label) { return static_cast<int>(label) + 1; }

}  // namespace

void SentimentModel::Logits(std::span<const uint32_t> ids, double lexicon, double* z) const {
  const double x = ids.empty() ? 0.0 : scale_ / std::sqrt(static_cast<double>(ids.size()));
  double sum[3] = {0, 0, 0};
  for (uint32_t id : ids) {
    const float* w = &weights_[static_cast<size_t>(id) * 3];
    sum[0] += w[0];
    sum[1] += w[1];
    sum[2] += w[2];
  }
  for (int k = 0; k < 3; ++k) {
    z[k] = active_[k] ? bias_[k] + lexicon_weight_[k] * lexicon + x * sum[k] : -std::numeric_limits<double>::infinity();
  }
}

std::array<double, 3> SentimentModel::Predict(std::span<const uint32_t> ids, double lexicon) const {
  double z[3];
  Logits(ids, lexicon, z);
  const double m = std::max({z[0], z[1], z[2]});
  std::array<double, 3> p{};
  double total = 0;
  for (int k = 0; k < 3; ++k) total += p[k] = active_[k] ? std::exp(z[k] - m) : 0.0;
  for (double& v : p) v /= total;
  return p;
}

SentimentLabel SentimentModel::LabelOf(const std::array<double, 3>& p) {
  const int k = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
  return static_cast<SentimentLabel>(k - 1);
}

SentimentModel SentimentModel::Train(const std::vector<SentimentExample>& examples,
                                     const SentimentTrainOptions& options) {
  SentimentModel m;
  m.weights_.assign(static_cast<size_t>(kFeatureSpace) * 3, 0.0f);
  std::array<size_t, 3> counts{};
  for (const auto& e : examples) ++counts[ClassIndex(e.label)];
  std::array<double, 3> class_weight{};
  const int classes = static_cast<int>((counts[0] > 0) + (counts[1] > 0) + (counts[2] > 0));
  for (int k = 0; k < 3; ++k) {
    m.active_[k] = counts[k] > 0;
    class_weight[k] = !options.balance_classes || counts[k] == 0
                          ? 1.0
                          : static_cast<double>(examples.size()) / (classes * static_cast<double>(counts[k]));
    // Start from the class frequencies.
    m.bias_[k] = counts[k] > 0 ? std::log(static_cast<double>(counts[k]) / examples.size()) : 0.0;
  }
  std::vector<uint32_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0u);
  std::mt19937_64 rng(options.seed);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    const double rate = options.learning_rate / (1 + epoch);
    const double decay = 1 - rate * options.l2;
    for (uint32_t index : order) {
      const SentimentExample& e = examples[index];
      double z[3];
      m.Logits(e.ids, e.lexicon, z);
      const double top = std::max({z[0], z[1], z[2]});
      double p[3], total = 0;
      for (int k = 0; k < 3; ++k) total += p[k] = m.active_[k] ? std::exp(z[k] - top) : 0.0;
      const int y = ClassIndex(e.label);
      double g[3];
      for (int k = 0; k < 3; ++k) g[k] = (p[k] / total - (k == y ? 1.0 : 0.0)) * class_weight[y] * rate;
      m.scale_ *= decay;
      const double x = e.ids.empty() ? 0.0 : 1.0 / std::sqrt(static_cast<double>(e.ids.size()));
      const double step = x / m.scale_;
      for (uint32_t id : e.ids) {
        float* w = &m.weights_[static_cast<size_t>(id) * 3];
        for (int k = 0; k < 3; ++k) w[k] -= static_cast<float>(g[k] * step);
      }
      for (int k = 0; k < 3; ++k) {
        m.lexicon_weight_[k] -= g[k] * e.lexicon;
        m.bias_[k] -= g[k];
      }
      if (m.scale_ < kMinScale) {
        for (float& w : m.weights_) w = static_cast<float>(w * m.scale_);
        m.scale_ = 1;
      }
    }
  }
  for (float& w : m.weights_) w = static_cast<float>(w * m.scale_);
  m.scale_ = 1;
  return m;
}

}  // namespace touchpoint::text
