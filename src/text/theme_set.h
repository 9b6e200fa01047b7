// ThemeSet: what theme discovery gives (docs/feedback.md, "Themes"): the
// themes, each comment's main theme and every theme it mentions. Plain
// data; copyable.
#ifndef TOUCHPOINT_TEXT_THEME_SET_H_
#define TOUCHPOINT_TEXT_THEME_SET_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace touchpoint::text {

struct Theme {
  std::string name;       // its most characteristic phrase, or two words
  std::string category;   // process, financial, support, product or other
  bool pinned = false;    // from the user's taxonomy
  std::vector<std::string> phrases;  // most characteristic first (at most 5)
  std::vector<uint32_t> quotes;      // comment indices, most representative first (at most 3)
  uint32_t comments = 0;  // comments whose main theme it is
  uint32_t mentions = 0;  // comments that mention it (main or not)
  double sentiment = 0;   // mean sentiment of its comments
};

struct ThemeSet {
  std::vector<Theme> themes;    // by comments, most first
  std::vector<int32_t> main;    // per comment: index into themes, or -1 (no theme)
  // Per comment i: mentioned[offsets[i] .. offsets[i+1]), main first.
  std::vector<uint64_t> offsets;
  std::vector<uint32_t> mentioned;

  std::span<const uint32_t> mentions(size_t i) const {
    return {mentioned.data() + offsets[i], mentioned.data() + offsets[i + 1]};
  }
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_THEME_SET_H_
