// DiscoverThemes: themes of a corpus without supervision, plus the user's
// pinned ones (docs/feedback.md, "Themes"):
//   1. comments matching a user taxonomy theme belong to it (the theme with
//      the most pattern hits; the first listed on a tie);
//   2. the rest: terms (stems and phrases, ThemeVocabulary) counted on a
//      seeded sample, spherical k-means on their TF-IDF vectors
//      (SphericalKMeans) fitted on a smaller seeded sample with K clusters,
//      then every comment assigned to its most similar centroid; clusters
//      holding fewer than min_theme_share of the comments are dissolved
//      and their comments assigned again. K is `themes` when set, else
//      DefaultThemeCount, and never more than max_themes - pinned;
//   3. each theme is named by its most characteristic terms,
//        score(w, k) = p(w | k) log(p(w | k) / p(w)),
//      a phrase preferred; its category comes from the default taxonomy's
//      patterns matched by those terms (weighted by score), "other" when
//      none match or the theme is praise (mean sentiment >= kPraiseFrom);
//   4. a comment mentions a theme beside its main one when it holds one of
//      the theme's key terms (top terms with p(k | w) >= kKeyTermShare);
//   5. quotes: the comments whose terms are most specific to the theme.
// Deterministic for a given seed, whatever the thread count: the parallel
// passes only sum, and the k-means start depends on the data alone.
#ifndef TOUCHPOINT_TEXT_THEME_DISCOVERY_H_
#define TOUCHPOINT_TEXT_THEME_DISCOVERY_H_

#include <string_view>
#include <vector>

#include "text/comment_corpus.h"
#include "text/taxonomy.h"
#include "text/theme_set.h"
#include "text/theme_vocabulary.h"

namespace touchpoint::text {

inline constexpr double kPraiseFrom = 0.3;
// The default number of discovered themes for n comments:
// round(sqrt(n / kCommentsPerThemeSquared)) within [kMinDefaultThemes,
// at_most]: more themes as there is more to say, ~13 for 9,000 comments.
inline constexpr double kCommentsPerThemeSquared = 50;
inline constexpr size_t kMinDefaultThemes = 4;
size_t DefaultThemeCount(size_t comments, size_t at_most);

struct ThemeOptions {
  size_t max_themes = 30;
  size_t themes = 0;                 // discovered themes wanted; 0 = DefaultThemeCount
  uint64_t seed = 1;
  size_t fit_sample = 20000;         // comments k-means is fitted on
  size_t vocabulary_sample = 200000; // comments terms are counted on
  int iterations = 30;
  int restarts = 3;                  // k-means++ runs when not anchored
  bool anchored = true;              // start from anchor terms (theme_discovery.cc)
  double min_theme_share = 0.005;
  size_t min_theme_comments = 5;
  size_t threads = 0;
  VocabularyOptions vocabulary;
};

// texts[i] and sentiment[i] belong to comment i of `corpus`; `pinned` may
// be null (no user taxonomy).
ThemeSet DiscoverThemes(const CommentCorpus& corpus, const std::vector<std::string_view>& texts,
                        const std::vector<float>& sentiment, const Taxonomy* pinned, const ThemeOptions& options);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_THEME_DISCOVERY_H_
