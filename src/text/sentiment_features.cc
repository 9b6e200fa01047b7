#include "text/sentiment_features.h"

#include <algorithm>

#include "text/lexicon_sentiment.h"
#include "util/hash.h"

namespace touchpoint::text {
namespace {

uint32_t Id(std::string_view key) { return static_cast<uint32_t>(Hash64(key) & (kFeatureSpace - 1)); }

}  // namespace

void FeatureExtractor::Extract(const std::vector<Token>& tokens, const std::vector<WordInfo>& words,
                               std::vector<uint32_t>* out) {
  ids_.clear();
  std::string_view previous;  // the previous word's stem in this clause ("" at a clause start)
  int negation_left = 0;
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    switch (t.kind) {
      case TokenKind::kPunct:
        if (t.text == "!" || t.text == "?") ids_.push_back(Id(t.text == "!" ? "p:!" : "p:?"));
        previous = {};
        negation_left = 0;
        break;
      case TokenKind::kEmoji:
      case TokenKind::kEmoticon:
        key_ = "e:";
        key_ += t.text;
        ids_.push_back(Id(key_));
        break;
      case TokenKind::kWord:
      case TokenKind::kHashtag: {
        const std::string_view stem = *words[k].stem;
        const bool negated = negation_left > 0;
        key_ = negated ? "n:" : "w:";
        key_ += stem;
        ids_.push_back(Id(key_));
        if (!previous.empty()) {
          key_ = "b:";
          key_ += previous;
          key_ += ' ';
          key_ += stem;
          ids_.push_back(Id(key_));
        }
        previous = stem;
        if (t.is_word() && words[k].negator) {
          negation_left = LexiconSentiment::kNegationScope;
        } else if (negation_left > 0) {
          --negation_left;
        }
        break;
      }
      default:
        break;  // mentions, URLs and numbers say nothing about sentiment
    }
  }
  std::sort(ids_.begin(), ids_.end());
  ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
  out->insert(out->end(), ids_.begin(), ids_.end());
}

}  // namespace touchpoint::text
