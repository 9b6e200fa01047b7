#include "text/sentiment_analysis.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "text/sentiment_model.h"
#include "util/hash.h"
#include "text/for_parts.h"

namespace touchpoint::text {
namespace {

uint64_t SeededHash(uint64_t seed, size_t index) {
  const uint64_t key[2] = {seed, index};
  return Hash64(key, sizeof(key));
}

bool InHoldout(size_t index, const SentimentOptions& o) { return SeededHash(o.seed, index) % o.holdout_every == 0; }

// At most o.max_training of `rows`: those with the smallest seeded hashes.
std::vector<size_t> Capped(std::vector<size_t> rows, const SentimentOptions& o) {
  if (rows.size() <= o.max_training) return rows;
  std::vector<std::pair<uint64_t, size_t>> keyed;
  keyed.reserve(rows.size());
  for (size_t i : rows) keyed.emplace_back(SeededHash(o.seed + 1, i), i);
  std::nth_element(keyed.begin(), keyed.begin() + static_cast<ptrdiff_t>(o.max_training), keyed.end());
  keyed.resize(o.max_training);
  rows.clear();
  for (const auto& [key, i] : keyed) rows.push_back(i);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Calls fn(i) for every comment, in parallel.
template <typename Fn>
void ScoreAll(const CommentCorpus& corpus, size_t threads, Fn fn) {
  ForParts(corpus.size(), threads, [&](size_t begin, size_t end, size_t) {
    for (size_t i = begin; i < end; ++i) fn(i);
  });
}

// `lexicon_input`: whether the model sees the lexicon score. A model
// trained on the lexicon's own pseudo-labels must not, or it learns to
// copy it instead of the corpus's words.
SentimentExample Example(const CommentCorpus& corpus, size_t i, SentimentLabel label, bool lexicon_input = true) {
  return SentimentExample{corpus.features(i), lexicon_input ? corpus.lexicon(i) : 0.0f, label};
}

void ScoreWithModel(const CommentCorpus& corpus, const SentimentModel& model, size_t threads, SentimentResult* r) {
  ScoreAll(corpus, threads, [&](size_t i) {
    const auto p = model.Predict(corpus.features(i), corpus.lexicon(i));
    r->score[i] = static_cast<float>(SentimentModel::ScoreOf(p));
    r->label[i] = SentimentModel::LabelOf(p);
  });
}

}  // namespace

SentimentResult AnalyzeSentiment(const CommentCorpus& corpus, const std::vector<std::optional<SentimentLabel>>& labels,
                                 const SentimentOptions& o) {
  const size_t n = corpus.size();
  SentimentResult r;
  r.score.resize(n);
  r.label.resize(n);
  for (size_t i = 0; i < n; ++i) {
    r.score[i] = corpus.lexicon(i);
    r.label[i] = LabelOf(corpus.lexicon(i));
  }
  std::array<size_t, 3> per_label{};
  for (const auto& l : labels) {
    if (l) ++per_label[static_cast<int>(*l) + 1], ++r.labelled;
  }
  const int present = (per_label[0] >= o.min_per_label) + (per_label[1] >= o.min_per_label) +
                      (per_label[2] >= o.min_per_label);
  SentimentTrainOptions train;
  train.seed = o.seed;
  if (r.labelled >= o.min_labelled && present >= 2) {
    r.method = "learned";
    std::vector<size_t> rows;
    for (size_t i = 0; i < n; ++i) {
      if (labels[i]) rows.push_back(i);
    }
    rows = Capped(std::move(rows), o);
    if (o.evaluate) {
      std::vector<SentimentExample> fit;
      std::vector<size_t> test;
      for (size_t i : rows) {
        if (InHoldout(i, o)) {
          test.push_back(i);
        } else {
          fit.push_back(Example(corpus, i, *labels[i]));
        }
      }
      const SentimentModel model = SentimentModel::Train(fit, train);
      std::vector<SentimentLabel> truth, predicted, lexicon;
      for (size_t i : test) {
        truth.push_back(*labels[i]);
        predicted.push_back(SentimentModel::LabelOf(model.Predict(corpus.features(i), corpus.lexicon(i))));
        lexicon.push_back(LabelOf(corpus.lexicon(i)));
      }
      r.holdout = EvaluateSentiment(truth, predicted);
      r.holdout_lexicon = EvaluateSentiment(truth, lexicon);
    }
    std::vector<SentimentExample> all;
    all.reserve(rows.size());
    for (size_t i : rows) all.push_back(Example(corpus, i, *labels[i]));
    r.trained_on = all.size();
    ScoreWithModel(corpus, SentimentModel::Train(all, train), o.threads, &r);
    return r;
  }
  // Pseudo-labels: the comments whose score (the lexicon's, then the
  // first round's) is clear, at most max_training of them.
  auto pseudo_labels = [&](const std::vector<float>& score, size_t* pos, size_t* neg) {
    std::vector<size_t> rows;
    for (size_t i = 0; i < n; ++i) {
      if (std::abs(score[i]) >= o.pseudo_label_from) rows.push_back(i);
    }
    std::vector<SentimentExample> examples;
    for (size_t i : Capped(std::move(rows), o)) {
      const bool positive = score[i] > 0;
      ++*(positive ? pos : neg);
      examples.push_back(Example(corpus, i, positive ? SentimentLabel::kPositive : SentimentLabel::kNegative, false));
    }
    return examples;
  };
  size_t pos = 0, neg = 0;
  std::vector<SentimentExample> pseudo = pseudo_labels(r.score, &pos, &neg);
  if (pos < o.min_pseudo_per_label || neg < o.min_pseudo_per_label) {
    r.method = "lexicon";
    return r;
  }
  r.method = "self-trained";
  r.trained_on = pseudo.size();
  for (int round = 0; round < o.self_training_rounds; ++round) {
    const SentimentModel model = SentimentModel::Train(pseudo, train);
    ScoreAll(corpus, o.threads, [&](size_t i) {
      const double m = SentimentModel::ScoreOf(model.Predict(corpus.features(i), 0.0));
      r.score[i] = static_cast<float>(o.self_trained_weight * m + (1 - o.self_trained_weight) * corpus.lexicon(i));
      r.label[i] = LabelOf(r.score[i]);
    });
    if (round + 1 == o.self_training_rounds) break;
    pos = neg = 0;
    pseudo = pseudo_labels(r.score, &pos, &neg);
  }
  return r;
}

}  // namespace touchpoint::text
