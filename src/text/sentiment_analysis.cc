#include "text/sentiment_analysis.h"

#include <array>
#include <cmath>

#include "text/sentiment_model.h"
#include "util/hash.h"

namespace touchpoint::text {
namespace {

bool InHoldout(size_t index, const SentimentOptions& o) {
  const uint64_t key[2] = {o.seed, index};
  return Hash64(key, sizeof(key)) % o.holdout_every == 0;
}

// `lexicon_input`: whether the model sees the lexicon score. A model
// trained on the lexicon's own pseudo-labels must not, or it learns to
// copy it instead of the corpus's words.
SentimentExample Example(const CommentCorpus& corpus, size_t i, SentimentLabel label, bool lexicon_input = true) {
  return SentimentExample{corpus.features(i), lexicon_input ? corpus.lexicon(i) : 0.0f, label};
}

void ScoreWithModel(const CommentCorpus& corpus, const SentimentModel& model, SentimentResult* r) {
  for (size_t i = 0; i < corpus.size(); ++i) {
    const auto p = model.Predict(corpus.features(i), corpus.lexicon(i));
    r->score[i] = static_cast<float>(SentimentModel::ScoreOf(p));
    r->label[i] = SentimentModel::LabelOf(p);
  }
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
    if (o.evaluate) {
      std::vector<SentimentExample> fit;
      std::vector<size_t> test;
      for (size_t i = 0; i < n; ++i) {
        if (!labels[i]) continue;
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
    all.reserve(r.labelled);
    for (size_t i = 0; i < n; ++i) {
      if (labels[i]) all.push_back(Example(corpus, i, *labels[i]));
    }
    r.trained_on = all.size();
    ScoreWithModel(corpus, SentimentModel::Train(all, train), &r);
    return r;
  }
  std::vector<SentimentExample> pseudo;
  size_t pos = 0, neg = 0;
  for (size_t i = 0; i < n; ++i) {
    const float s = corpus.lexicon(i);
    if (s >= o.pseudo_label_from) {
      pseudo.push_back(Example(corpus, i, SentimentLabel::kPositive, false));
      ++pos;
    } else if (s <= -o.pseudo_label_from) {
      pseudo.push_back(Example(corpus, i, SentimentLabel::kNegative, false));
      ++neg;
    }
  }
  if (pos < o.min_pseudo_per_label || neg < o.min_pseudo_per_label) {
    r.method = "lexicon";
    return r;
  }
  r.method = "self-trained";
  r.trained_on = pseudo.size();
  for (int round = 0; round < o.self_training_rounds; ++round) {
    const SentimentModel model = SentimentModel::Train(pseudo, train);
    for (size_t i = 0; i < n; ++i) {
      const double m = SentimentModel::ScoreOf(model.Predict(corpus.features(i), 0.0));
      r.score[i] = static_cast<float>(o.self_trained_weight * m + (1 - o.self_trained_weight) * corpus.lexicon(i));
      r.label[i] = LabelOf(r.score[i]);
    }
    if (round + 1 == o.self_training_rounds) break;
    pseudo.clear();
    for (size_t i = 0; i < n; ++i) {
      if (std::abs(r.score[i]) >= o.pseudo_label_from) {
        pseudo.push_back(Example(corpus, i, r.score[i] > 0 ? SentimentLabel::kPositive : SentimentLabel::kNegative, false));
      }
    }
  }
  return r;
}

}  // namespace touchpoint::text
