// The steps of DiscoverThemes (theme_discovery.h) after clustering: the
// per-cluster term counts, the user's pinned themes, characteristic terms,
// names, categories, mentions and quotes (docs/feedback.md, "Themes").
// Internal to text/; the functions are pure or write only their outputs.
#ifndef TOUCHPOINT_TEXT_THEME_NAMING_H_
#define TOUCHPOINT_TEXT_THEME_NAMING_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "text/comment_corpus.h"
#include "text/taxonomy.h"
#include "text/theme_set.h"
#include "text/theme_vocabulary.h"

namespace touchpoint::text {

// A top term marks a mention of its theme when at least this share of the
// comments holding it are in the theme (p(k | w)).
inline constexpr double kKeyTermShare = 0.5;

// Counts over the comments of an assignment pass.
struct ClusterStats {
  size_t clusters = 0, terms = 0;
  std::vector<uint32_t> docs;    // per cluster: comments
  std::vector<uint32_t> counts;  // [k * terms + w]: comments of k holding w
  std::vector<uint32_t> df;      // per term: assigned comments holding it
  uint32_t total = 0;            // assigned comments

  void Reset(size_t cluster_count, size_t term_count);
  void Add(std::span<const uint32_t> comment_terms, int cluster);
  void Merge(const ClusterStats& other);
};

// Which pinned themes each comment matched.
struct PinnedHits {
  std::vector<std::vector<uint32_t>> pattern_comments;  // [theme][pattern]: comments it matched
  std::vector<uint64_t> offsets;  // per comment: themes[offsets[i] .. offsets[i+1])
  std::vector<uint32_t> themes;   // matched themes, ascending
  std::vector<uint16_t> main_hits;  // per comment: pattern hits of its main pinned theme
  bool empty() const { return offsets.empty(); }
  std::span<const uint32_t> of(size_t i) const {
    return {themes.data() + offsets[i], themes.data() + offsets[i + 1]};
  }
};

// Matches every comment against the user's taxonomy; sets main[i] to the
// theme with the most hits (the first listed on a tie).
PinnedHits MatchPinned(const CommentCorpus& corpus, const Taxonomy& taxonomy, size_t threads,
                       std::vector<int32_t>* main);
Theme NamePinnedTheme(const TaxonomyTheme& theme, const PinnedHits& hits, size_t index);

struct ScoredTerm {
  uint32_t term;
  double score;        // p(w|k) log(p(w|k) / p(w))
  double exclusivity;  // p(k|w): share of the comments holding w that are in k
};
struct ThemeTerms {
  uint32_t cluster = 0;
  std::vector<ScoredTerm> top;  // best first, at most kTopTerms, no term inside a better phrase
};

ThemeTerms CharacteristicTerms(const ThemeVocabulary& vocabulary, const ClusterStats& stats, size_t cluster);
// Name and phrases of a discovered theme.
Theme NameTheme(const ThemeVocabulary& vocabulary, const ThemeTerms& terms);
// The category whose default-taxonomy patterns the top terms match with
// the most score; "other" when none match.
std::string CategoryOf(const ThemeVocabulary& vocabulary, const ThemeTerms& terms, const TaxonomyMatcher& matcher,
                       const Taxonomy& taxonomy);

// Fills set->offsets and set->mentioned (main first, then pinned matches,
// then themes whose key terms the comment holds), each theme's mentions
// count and quotes. theme_of_cluster maps clusters to indices of *themes.
void MentionsAndQuotes(const CommentCorpus& corpus, const std::vector<std::string_view>& texts,
                       const ThemeVocabulary& vocabulary, const std::vector<ThemeTerms>& cluster_terms,
                       const std::vector<int32_t>& theme_of_cluster, const PinnedHits& pinned,
                       const std::vector<int32_t>& main, size_t threads, std::vector<Theme>* themes, ThemeSet* set);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_THEME_NAMING_H_
