// SentimentFeatures: what the learned sentiment model reads from one
// comment (docs/feedback.md, "Learned sentiment"): hashed ids of its word
// stems (marked when inside a negation scope, so "not good" and "good"
// differ), of adjacent stem pairs within a clause, of its emoji and
// emoticons and of "!" and "?", plus the lexicon score as one real-valued
// input. Ids are in [0, kFeatureSpace). A FeatureExtractor holds
// per-thread scratch and is not thread-safe.
#ifndef TOUCHPOINT_TEXT_SENTIMENT_FEATURES_H_
#define TOUCHPOINT_TEXT_SENTIMENT_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "text/tokenizer.h"

namespace touchpoint::text {

inline constexpr uint32_t kFeatureBits = 20;
inline constexpr uint32_t kFeatureSpace = 1u << kFeatureBits;

// What the extractor needs of a word or hashtag token beyond its text: its
// stem and whether it is a negator (null stem for other tokens).
struct WordInfo {
  const std::string* stem = nullptr;
  bool negator = false;
};

class FeatureExtractor {
 public:
  // Appends the comment's distinct feature ids, sorted, to *out.
  // REQUIRES: words.size() == tokens.size().
  void Extract(const std::vector<Token>& tokens, const std::vector<WordInfo>& words, std::vector<uint32_t>* out);

 private:
  std::string key_;
  std::vector<uint32_t> ids_;
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_SENTIMENT_FEATURES_H_
