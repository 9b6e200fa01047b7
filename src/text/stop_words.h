// English function words (stop words) and negators (docs/feedback.md,
// "Tokens"). Stop words carry no theme: they are dropped from theme terms
// but may sit inside a phrase ("waste of time"). Negators open a negation
// scope for sentiment and are kept in theme phrases ("not working").
// Words are case-folded. Pure functions over constant tables; thread-safe.
#ifndef TOUCHPOINT_TEXT_STOP_WORDS_H_
#define TOUCHPOINT_TEXT_STOP_WORDS_H_

#include <string_view>

namespace touchpoint::text {

// Function words, negators included.
bool IsStopWord(std::string_view word);
// not, no, never, nothing, nobody, without, ... and every "n't" form with
// or without the apostrophe (don't, dont, cannot, can't, cant).
bool IsNegator(std::string_view word);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_STOP_WORDS_H_
