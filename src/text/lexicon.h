// Lexicon: sentiment scores of words, phrases, emoticons and emoji
// (docs/feedback.md, "Lexicon"). The default one is AFINN-165 and its
// emoticon list, Touchpoint's emoji list and its customer-feedback
// additions (text/data/, compiled in), on AFINN's -5..5 scale. Keys are
// case-folded (emoticons as written). Immutable after building; Default()
// is built once and shared; thread-safe for lookups.
#ifndef TOUCHPOINT_TEXT_LEXICON_H_
#define TOUCHPOINT_TEXT_LEXICON_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "text/string_hash.h"
#include "util/status.h"

namespace touchpoint::text {

struct Token;

class Lexicon {
 public:
  // The built-in lexicon. REQUIRES: the embedded lists parse (checked by
  // tests; a failure is our bug and aborts).
  static const Lexicon& Default();

  // Adds "entry<TAB>score" lines of `tsv` ('#' lines and blank lines are
  // skipped); a later entry replaces an earlier one. Entries of several
  // words are phrases. Errors name `source` and the line.
  [[nodiscard]] Status AddWords(std::string_view source, std::string_view tsv);
  // The same for emoticons, which are kept as written (":P" and ":p").
  [[nodiscard]] Status AddEmoticons(std::string_view source, std::string_view tsv);

  // The score of one folded word or emoji; 0 when it has none.
  double Word(std::string_view word) const;
  bool HasWord(std::string_view word) const { return words_.find(word) != words_.end(); }
  // The longest phrase (2+ words) starting at tokens[0] among the n given:
  // its length in tokens (0 when none) and *score.
  size_t MatchPhrase(const Token* tokens, size_t n, double* score) const;
  // The longest emoticon that `text` starts with: its length in bytes (0
  // when none) and *score.
  size_t MatchEmoticon(std::string_view text, double* score) const;
  size_t size() const { return words_.size() + phrases_.size() + emoticons_.size(); }

 private:
  std::unordered_map<std::string, double, StringHash, std::equal_to<>> words_;
  std::unordered_map<std::string, double, StringHash, std::equal_to<>> phrases_;  // words joined by ' '
  std::unordered_set<std::string, StringHash, std::equal_to<>> phrase_starts_;    // first words of phrases
  std::unordered_map<std::string, double, StringHash, std::equal_to<>> emoticons_;
  size_t max_phrase_words_ = 0;
  size_t max_emoticon_bytes_ = 0;
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_LEXICON_H_
