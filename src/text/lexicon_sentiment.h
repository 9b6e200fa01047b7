// LexiconSentiment: the sentiment of one comment from the lexicon and rules
// alone, the fallback that needs no scores and no model (docs/feedback.md,
// "Lexicon sentiment"):
//   - phrases first (longest match: "does not work", "thanks for nothing");
//   - a negator ("not", "never", "don't"...) flips and damps the valence of
//     the next kNegationScope words of its clause (x -0.74);
//   - intensifiers before a word scale it (x1.3 "very", x0.7 "slightly");
//   - emphasis: a word in capitals in a comment not all in capitals x1.3,
//     an elongated word ("sooo") x1.2, each "!" (up to 4) adds 0.3 towards
//     the comment's sign;
//   - contrast: words before "but" in a sentence count half, after it 1.5x;
//   - emoji and emoticons keep their score whatever precedes them.
// The sum x becomes a score in (-1, 1) as x / sqrt(x^2 + 15); the label is
// positive from kPositiveFrom, negative up to kNegativeTo, else neutral.
// Stateless over the shared lexicon; thread-safe.
#ifndef TOUCHPOINT_TEXT_LEXICON_SENTIMENT_H_
#define TOUCHPOINT_TEXT_LEXICON_SENTIMENT_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/lexicon.h"
#include "text/tokenizer.h"

namespace touchpoint::text {

enum class SentimentLabel : int8_t { kNegative = -1, kNeutral = 0, kPositive = 1 };
std::string_view SentimentLabelName(SentimentLabel label);

inline constexpr double kPositiveFrom = 0.05;
inline constexpr double kNegativeTo = -0.05;
SentimentLabel LabelOf(double score);

struct LexiconScore {
  double score = 0;    // in (-1, 1)
  double raw = 0;      // the sum x before squashing
  int hits = 0;        // lexicon entries that counted
};

class LexiconSentiment {
 public:
  static constexpr int kNegationScope = 3;       // words after a negator
  static constexpr double kNegationFactor = -0.74;
  static constexpr double kBoost = 1.3, kDamp = 0.7;
  static constexpr double kCapsFactor = 1.3, kElongatedFactor = 1.2;
  static constexpr double kExclamation = 0.3;
  static constexpr int kMaxExclamations = 4;
  static constexpr double kBeforeBut = 0.5, kAfterBut = 1.5;
  static constexpr double kSquashAlpha = 15;

  explicit LexiconSentiment(const Lexicon& lexicon) : lexicon_(lexicon) {}
  LexiconScore Score(const std::vector<Token>& tokens) const;

 private:
  const Lexicon& lexicon_;
};

// The multiplier of an intensifier word (1 when it is none).
double IntensifierFactor(std::string_view word);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_LEXICON_SENTIMENT_H_
