// Suggestions for mistyped names: the known names closest to an unknown one,
// by edit distance (adjacent transpositions count as one edit), as git and
// DuckDB's binder answer "did you mean ...?". Pure functions; thread-safe.
#ifndef TOUCHPOINT_UTIL_SUGGEST_H_
#define TOUCHPOINT_UTIL_SUGGEST_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint {

// Optimal string alignment distance between `a` and `b`, case-insensitive
// for ASCII letters.
size_t EditDistance(std::string_view a, std::string_view b);

// Up to `limit` names of `known` close enough to `name` to be what was
// meant (distance at most a third of the longer name, and at least 1 and at
// most 3 edits; a known name that starts with `name` or contains it also
// counts), closest first, ties in `known` order.
std::vector<std::string> ClosestNames(std::string_view name, const std::vector<std::string>& known,
                                      size_t limit = 3);

// " (did you mean 'page_view'?)" or " (did you mean 'a', 'b' or 'c'?)", or,
// when nothing is close, " (known: a, b, c, ...)" listing up to 8 names, or
// "" when `known` is empty.
std::string DidYouMean(std::string_view name, const std::vector<std::string>& known);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_SUGGEST_H_
