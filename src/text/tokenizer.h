// Tokenizer: splits one comment into the tokens every text stage reads
// (docs/feedback.md, "Tokens"): words (case-folded, elongations collapsed),
// numbers, emoji (modifiers stripped), emoticons (":-)", "<3"), @mentions,
// #hashtags (the word without '#'), URLs and the punctuation that ends a
// clause or adds emphasis (. , ; : ! ? ( )). Apostrophes stay inside words
// ("don't"); hyphens split them ("check-in" -> "check", "in").
//
// A Tokenizer only reads the lexicon it is given (for emoticons and the
// spelling of elongated words), which must outlive it. Tokenize is const
// and thread-safe.
#ifndef TOUCHPOINT_TEXT_TOKENIZER_H_
#define TOUCHPOINT_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/lexicon.h"

namespace touchpoint::text {

enum class TokenKind : uint8_t { kWord, kNumber, kEmoji, kEmoticon, kMention, kHashtag, kUrl, kPunct };

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::string text;  // normalised form (see the file comment)
  uint32_t begin = 0, end = 0;  // byte range in the comment
  bool all_caps = false;   // a word of 2+ letters written in capitals
  bool elongated = false;  // a word with a letter repeated 3+ times ("sooo")

  bool is_word() const { return kind == TokenKind::kWord; }
  bool is_punct(char c) const { return kind == TokenKind::kPunct && text.size() == 1 && text[0] == c; }
};

class Tokenizer {
 public:
  explicit Tokenizer(const Lexicon& lexicon) : lexicon_(lexicon) {}

  // Replaces *out with the tokens of `text` (any bytes; invalid UTF-8 is
  // skipped).
  void Tokenize(std::string_view text, std::vector<Token>* out) const;

 private:
  const Lexicon& lexicon_;
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_TOKENIZER_H_
