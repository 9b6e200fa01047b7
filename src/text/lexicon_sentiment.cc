#include "text/lexicon_sentiment.h"

#include <cmath>
#include <string>
#include <unordered_map>

#include "text/stop_words.h"
#include "text/string_hash.h"

namespace touchpoint::text {
namespace {

// How far an intensifier reaches: the next word, or the one after.
constexpr int kIntensifierReach = 2;

const std::unordered_map<std::string, double, StringHash, std::equal_to<>>& Intensifiers() {
  static const auto* m = new std::unordered_map<std::string, double, StringHash, std::equal_to<>>{
      {"very", LexiconSentiment::kBoost},       {"really", LexiconSentiment::kBoost},
      {"so", LexiconSentiment::kBoost},         {"extremely", LexiconSentiment::kBoost},
      {"super", LexiconSentiment::kBoost},      {"totally", LexiconSentiment::kBoost},
      {"absolutely", LexiconSentiment::kBoost}, {"incredibly", LexiconSentiment::kBoost},
      {"completely", LexiconSentiment::kBoost}, {"utterly", LexiconSentiment::kBoost},
      {"highly", LexiconSentiment::kBoost},     {"truly", LexiconSentiment::kBoost},
      {"too", LexiconSentiment::kBoost},        {"most", LexiconSentiment::kBoost},
      {"especially", LexiconSentiment::kBoost}, {"seriously", LexiconSentiment::kBoost},
      {"insanely", LexiconSentiment::kBoost},   {"ridiculously", LexiconSentiment::kBoost},
      {"freaking", LexiconSentiment::kBoost},   {"fucking", LexiconSentiment::kBoost},
      {"such", LexiconSentiment::kBoost},       {"soo", LexiconSentiment::kBoost},
      {"slightly", LexiconSentiment::kDamp},    {"somewhat", LexiconSentiment::kDamp},
      {"barely", LexiconSentiment::kDamp},      {"little", LexiconSentiment::kDamp},
      {"bit", LexiconSentiment::kDamp},         {"kinda", LexiconSentiment::kDamp},
      {"sorta", LexiconSentiment::kDamp},       {"fairly", LexiconSentiment::kDamp},
      {"pretty", LexiconSentiment::kDamp},      {"partly", LexiconSentiment::kDamp},
      {"marginally", LexiconSentiment::kDamp},  {"mostly", LexiconSentiment::kDamp},
  };
  return *m;
}

bool IsContrast(const Token& t) { return t.is_word() && (t.text == "but" || t.text == "however"); }
bool EndsClause(const Token& t) { return t.kind == TokenKind::kPunct; }
bool EndsSentence(const Token& t) {
  return t.kind == TokenKind::kPunct && (t.text == "." || t.text == "!" || t.text == "?");
}

}  // namespace

std::string_view SentimentLabelName(SentimentLabel label) {
  switch (label) {
    case SentimentLabel::kNegative:
      return "negative";
    case SentimentLabel::kNeutral:
      return "neutral";
    case SentimentLabel::kPositive:
      return "positive";
  }
  return "neutral";
}

SentimentLabel LabelOf(double score) {
  if (score >= kPositiveFrom) return SentimentLabel::kPositive;
  if (score <= kNegativeTo) return SentimentLabel::kNegative;
  return SentimentLabel::kNeutral;
}

double IntensifierFactor(std::string_view word) {
  const auto& m = Intensifiers();
  const auto it = m.find(word);
  return it == m.end() ? 1.0 : it->second;
}

LexiconScore LexiconSentiment::Score(const std::vector<Token>& tokens) const {
  // Whether the comment shouts throughout: then capitals are no emphasis.
  size_t words = 0, caps = 0;
  for (const Token& t : tokens) {
    if (t.is_word()) {
      ++words;
      caps += t.all_caps;
    }
  }
  const bool shouting = words > 0 && caps * 2 > words;

  LexiconScore result;
  double total = 0;
  double sentence = 0;        // valences of the current sentence after its last "but"
  double before_but = 0;      // valences of the current sentence before its "but"
  bool seen_but = false;
  int negation_left = 0;
  double boost = 1;
  int boost_left = 0;
  int exclamations = 0;
  auto close_sentence = [&] {
    total += seen_but ? kBeforeBut * before_but + kAfterBut * sentence : sentence;
    sentence = before_but = 0;
    seen_but = false;
  };
  const size_t n = tokens.size();
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::kPunct) {
      if (t.text == "!") ++exclamations;
      if (EndsClause(t)) negation_left = 0, boost_left = 0;
      if (EndsSentence(t)) close_sentence();
      continue;
    }
    if (t.kind == TokenKind::kMention || t.kind == TokenKind::kUrl || t.kind == TokenKind::kNumber) continue;
    if (t.kind == TokenKind::kEmoji || t.kind == TokenKind::kEmoticon) {
      // Pictures carry their own sign: no negation or intensifier applies.
      const double v = t.kind == TokenKind::kEmoji ? lexicon_.Word(t.text) : [&] {
        double s = 0;
        lexicon_.MatchEmoticon(t.text, &s);
        return s;
      }();
      if (v != 0) {
        sentence += v;
        ++result.hits;
      }
      continue;
    }
    double v = 0;
    size_t span = 1;
    bool phrase = false;
    if (const size_t m = lexicon_.MatchPhrase(&tokens[i], n - i, &v); m >= 2) {
      span = m;
      phrase = true;
    } else if (t.kind == TokenKind::kWord && IsContrast(t)) {
      before_but += sentence;
      sentence = 0;
      seen_but = true;
      negation_left = 0;
      continue;
    } else if (t.kind == TokenKind::kWord && IsNegator(t.text)) {
      negation_left = kNegationScope;
      continue;
    } else if (const double f = t.kind == TokenKind::kWord ? IntensifierFactor(t.text) : 1.0; f != 1.0) {
      boost = f;
      boost_left = kIntensifierReach;
      continue;
    } else {
      v = lexicon_.Word(t.text);
    }
    if (v != 0) {
      if (boost_left > 0) v *= boost;
      if (t.all_caps && !shouting) v *= kCapsFactor;
      if (t.elongated) v *= kElongatedFactor;
      if (negation_left > 0 && !phrase) v *= kNegationFactor;
      sentence += v;
      ++result.hits;
      boost_left = 0;
    } else if (boost_left > 0) {
      --boost_left;
    }
    if (negation_left > 0) negation_left -= static_cast<int>(span);
    i += span - 1;
  }
  close_sentence();
  if (total != 0) {
    total += std::copysign(kExclamation * std::min(exclamations, kMaxExclamations), total);
  }
  result.raw = total;
  result.score = total / std::sqrt(total * total + kSquashAlpha);
  return result;
}

}  // namespace touchpoint::text
