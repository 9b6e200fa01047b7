// Taxonomy: named themes with a pain-point category and the phrases or
// patterns that mark them (docs/feedback.md, "Taxonomy"), from a TOML file:
//
//   [[theme]]
//   name = "late delivery"
//   category = "process"          # process, financial, support, product, other
//   patterns = ["late delivery", "arrived late", "delay*", "never arrived"]
//
// A user's taxonomy (--taxonomy FILE) pins its themes: a comment that
// matches one belongs to it. The default taxonomy (compiled in) pins
// nothing; it maps discovered themes onto the four categories. Immutable;
// thread-safe to read.
#ifndef TOUCHPOINT_TEXT_TAXONOMY_H_
#define TOUCHPOINT_TEXT_TAXONOMY_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "text/comment_corpus.h"
#include "util/status.h"

namespace touchpoint::text {

inline constexpr std::string_view kCategories[] = {"process", "financial", "support", "product", "other"};
inline constexpr std::string_view kOtherCategory = "other";

struct TaxonomyTheme {
  std::string name;
  std::string category;
  std::vector<std::string> patterns;
};

class Taxonomy {
 public:
  // Errors name `source`, the line and the field.
  static Result<Taxonomy> Parse(std::string_view toml_text, const std::string& source);
  static Result<Taxonomy> Load(const std::string& path);
  // The built-in category map (text/data/default_taxonomy.toml).
  static const Taxonomy& Default();

  const std::vector<TaxonomyTheme>& themes() const { return themes_; }
  bool empty() const { return themes_.empty(); }

 private:
  std::vector<TaxonomyTheme> themes_;
};

// A Taxonomy's patterns compiled against one corpus: each pattern word is
// case-folded and stemmed like the comments (a stop word in a pattern is
// skipped, as in comments); "word*" matches every stem starting with
// "word". Immutable after construction; thread-safe to read.
class TaxonomyMatcher {
 public:
  TaxonomyMatcher(const Taxonomy& taxonomy, const CommentCorpus& corpus);

  struct Hit {
    uint32_t theme;
    uint32_t pattern;  // index into the theme's patterns
  };
  // Replaces *out with every pattern occurrence in comment i.
  void Match(const CommentCorpus& corpus, size_t i, std::vector<Hit>* out) const;
  // Whether any pattern of `theme` occurs in the stem sequence `stems`.
  bool MatchesStems(size_t theme, std::span<const uint32_t> stems) const;

 private:
  struct Pattern {
    uint32_t theme, index;
    std::vector<std::vector<bool>> words;  // per pattern word: which corpus stems match
  };
  bool MatchesAt(const Pattern& p, std::span<const uint32_t> words, size_t at) const;
  std::vector<Pattern> patterns_;
  std::vector<std::vector<uint32_t>> by_first_;  // stem -> patterns whose first word it matches
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_TAXONOMY_H_
