// Word normalisation shared by every text stage (docs/feedback.md,
// "Normalisation"): Unicode case folding (utf8proc, with compatibility
// composition, so "ＧＲＥＡＴ" and "Great" are the same word) and the
// collapse of elongated words ("sooo", "loooove"). Pure functions;
// thread-safe.
#ifndef TOUCHPOINT_TEXT_NORMALIZER_H_
#define TOUCHPOINT_TEXT_NORMALIZER_H_

#include <functional>
#include <string>
#include <string_view>

namespace touchpoint::text {

// Appends the case-folded NFKC form of `utf8` to *out. ASCII takes a fast
// path; invalid UTF-8 bytes are dropped. Typographic apostrophes (U+2019,
// U+2018, U+02BC) become "'", so "don’t" and "don't" are one word.
void FoldCase(std::string_view utf8, std::string* out);

// Shortens every run of 3+ equal ASCII letters in *word to two letters
// ("cooool" -> "cool", "goood" -> "good"), or to one when only that spelling
// satisfies `known` (a lexicon or stop word: "sooo" -> "so", "loooove" ->
// "love"). Returns whether anything was shortened (the word was elongated,
// which the sentiment scorer reads as emphasis).
bool CollapseElongation(std::string* word, const std::function<bool(std::string_view)>& known);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_NORMALIZER_H_
