// CommentCorpus: every comment of an analysis tokenized once, in parallel,
// into what the later stages read (docs/feedback.md, "Pipeline"):
//   - the lexicon sentiment score (LexiconSentiment);
//   - the learned model's feature ids (SentimentFeatures);
//   - the theme words: stem ids of content words and negators in order,
//     kClauseBreak between clauses, stop words, numbers, mentions, URLs and
//     emoji left out; hashtags count as words.
// Stems have corpus-wide ids; each keeps its most frequent written form
// for display. The texts are not kept. Immutable after Build; thread-safe
// to read, except ReleaseFeatures.
#ifndef TOUCHPOINT_TEXT_COMMENT_CORPUS_H_
#define TOUCHPOINT_TEXT_COMMENT_CORPUS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::text {

inline constexpr uint32_t kClauseBreak = 0xFFFFFFFFu;

class CommentCorpus {
 public:
  // texts[i] is comment i; threads = 0 means one per hardware thread.
  static CommentCorpus Build(const std::vector<std::string_view>& texts, size_t threads);

  size_t size() const { return lexicon_.size(); }
  float lexicon(size_t i) const { return lexicon_[i]; }
  std::span<const uint32_t> features(size_t i) const {
    const Block& b = BlockOf(i);
    return b.features.empty() ? std::span<const uint32_t>() : Slice(b.features, b.feature_ends, i - b.begin);
  }
  std::span<const uint32_t> words(size_t i) const {
    const Block& b = BlockOf(i);
    return Slice(b.words, b.word_ends, i - b.begin);
  }
  size_t stem_count() const { return stems_.size(); }
  const std::string& stem(uint32_t id) const { return stems_[id]; }
  // The stem's most frequent folded written form ("delayed" for "delay").
  const std::string& surface(uint32_t id) const { return surfaces_[id]; }
  bool is_negator(uint32_t id) const { return negator_[id]; }
  // Frees the sentiment features once the model is done with them (they are
  // the largest part); features() is empty afterwards.
  void ReleaseFeatures();
  // Word tokens over all comments (for the benchmark's throughput).
  uint64_t token_count() const { return token_count_; }

 private:
  // The comments one thread tokenized, kept as they are (no copy into one
  // array, which would double the memory for a moment).
  struct Block {
    size_t begin = 0;  // first comment
    std::vector<uint32_t> features, words;
    std::vector<uint64_t> feature_ends, word_ends;  // per comment, into features / words
  };
  const Block& BlockOf(size_t i) const {
    size_t b = blocks_.size() - 1;
    while (blocks_[b].begin > i) --b;
    return blocks_[b];
  }
  static std::span<const uint32_t> Slice(const std::vector<uint32_t>& v, const std::vector<uint64_t>& ends, size_t k) {
    const uint64_t begin = k == 0 ? 0 : ends[k - 1];
    return {v.data() + begin, v.data() + ends[k]};
  }
  std::vector<float> lexicon_;
  std::vector<Block> blocks_;
  std::vector<std::string> stems_, surfaces_;
  std::vector<bool> negator_;
  uint64_t token_count_ = 0;
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_COMMENT_CORPUS_H_
