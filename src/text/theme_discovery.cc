#include "text/theme_discovery.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "text/for_parts.h"
#include "text/kmeans_clustering.h"
#include "text/theme_naming.h"
#include "util/hash.h"
#include "util/thread_pool.h"

namespace touchpoint::text {
namespace {

// The first n of `docs` in a seeded pseudo-random order (all when fewer).
std::vector<uint32_t> SeededSample(const std::vector<uint32_t>& docs, size_t n, uint64_t seed) {
  if (docs.size() <= n) return docs;
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  keyed.reserve(docs.size());
  for (uint32_t d : docs) {
    const uint64_t key[2] = {seed, d};
    keyed.emplace_back(Hash64(key, sizeof(key)), d);
  }
  std::nth_element(keyed.begin(), keyed.begin() + static_cast<ptrdiff_t>(n), keyed.end());
  keyed.resize(n);
  std::vector<uint32_t> sample;
  for (const auto& [key, d] : keyed) sample.push_back(d);
  std::sort(sample.begin(), sample.end());
  return sample;
}

// The comment's TF-IDF vector: (1 + ln tf(w)) idf(w) per term.
void TfIdf(const CommentCorpus& corpus, const ThemeVocabulary& vocabulary, size_t i, SphericalKMeans::Vector* v,
           std::vector<uint32_t>* counts) {
  vocabulary.Terms(corpus, i, &v->ids, counts);
  v->values.resize(v->ids.size());
  for (size_t t = 0; t < v->ids.size(); ++t) {
    v->values[t] = static_cast<float>((1.0 + std::log(static_cast<double>((*counts)[t]))) * vocabulary.term(v->ids[t]).idf);
  }
}

// Assigns docs[begin..end) to clusters and sums what naming needs.
void AssignPass(const CommentCorpus& corpus, const ThemeVocabulary& vocabulary, const SphericalKMeans& model,
                const std::vector<uint32_t>& docs, size_t threads, std::vector<int32_t>* main,
                ClusterStats* stats) {
  std::vector<ClusterStats> parts(PartCount(docs.size(), threads));
  ForParts(docs.size(), threads, [&](size_t begin, size_t end, size_t p) {
    ClusterStats& s = parts[p];
    s.Reset(model.clusters(), vocabulary.size());
    std::vector<uint32_t> counts;
    SphericalKMeans::Vector v;
    for (size_t x = begin; x < end; ++x) {
      const uint32_t d = docs[x];
      TfIdf(corpus, vocabulary, d, &v, &counts);
      const int k = model.Assign(v);
      (*main)[d] = k;
      s.Add(v.ids, k);
    }
  });
  stats->Reset(model.clusters(), vocabulary.size());
  for (const ClusterStats& s : parts) stats->Merge(s);
}

// The starting clusters: K anchor terms picked greedily, each the term
// whose comments not yet holding an earlier anchor carry the most weight
// (greedy maximum coverage, ties to the lower term id), and each comment
// in the cluster of the first anchor it holds (-1: none). A function of the
// data alone, so the themes do not hang on a random draw.
std::vector<int> AnchorAssignment(const std::vector<SphericalKMeans::Vector>& docs, size_t terms, size_t k_count) {
  std::vector<std::vector<uint32_t>> holders(terms);
  std::vector<double> weight(terms, 0);
  for (uint32_t d = 0; d < docs.size(); ++d) {
    for (size_t t = 0; t < docs[d].ids.size(); ++t) {
      holders[docs[d].ids[t]].push_back(d);
      weight[docs[d].ids[t]] = docs[d].values[t];  // the idf share of a single occurrence is enough
    }
  }
  std::vector<int> cluster(docs.size(), -1);
  std::vector<bool> used(terms, false);
  for (size_t k = 0; k < k_count; ++k) {
    int64_t best = -1;
    double best_gain = 0;
    for (uint32_t w = 0; w < terms; ++w) {
      if (used[w]) continue;
      size_t uncovered = 0;
      for (uint32_t d : holders[w]) uncovered += cluster[d] < 0;
      const double gain = static_cast<double>(uncovered) * weight[w];
      if (gain > best_gain) best = w, best_gain = gain;
    }
    if (best < 0) break;
    used[best] = true;
    for (uint32_t d : holders[best]) {
      if (cluster[d] < 0) cluster[d] = static_cast<int>(k);
    }
  }
  return cluster;
}

}  // namespace

size_t DefaultThemeCount(size_t comments, size_t at_most) {
  const double k = std::round(std::sqrt(static_cast<double>(comments) / kCommentsPerThemeSquared));
  return std::min(at_most, std::max<size_t>(kMinDefaultThemes, static_cast<size_t>(k)));
}

ThemeSet DiscoverThemes(const CommentCorpus& corpus, const std::vector<std::string_view>& texts,
                        const std::vector<float>& sentiment, const Taxonomy* pinned, const ThemeOptions& o) {
  const size_t n = corpus.size();
  const size_t threads = o.threads == 0 ? DefaultThreadCount() : o.threads;
  ThemeSet set;
  std::vector<int32_t> main(n, -1);
  // 1. Pinned themes.
  const size_t pinned_count = pinned == nullptr ? 0 : pinned->themes().size();
  PinnedHits pinned_hits;
  if (pinned_count > 0) pinned_hits = MatchPinned(corpus, *pinned, threads, &main);
  std::vector<uint32_t> free_docs;
  for (uint32_t d = 0; d < n; ++d) {
    if (main[d] < 0) free_docs.push_back(d);
  }

  // 2. Discovered themes.
  const ThemeVocabulary vocabulary =
      ThemeVocabulary::Build(corpus, SeededSample(free_docs, o.vocabulary_sample, o.seed), o.vocabulary);
  const size_t clusters = o.max_themes > pinned_count ? o.max_themes - pinned_count : 0;
  std::vector<int32_t> cluster_of(n, -1);
  ClusterStats stats;
  SphericalKMeans model;
  if (clusters > 0 && vocabulary.size() > 0 && !free_docs.empty()) {
    std::vector<SphericalKMeans::Vector> fit_docs;
    std::vector<uint32_t> counts;
    for (uint32_t d : SeededSample(free_docs, o.fit_sample, o.seed + 1)) {
      fit_docs.emplace_back();
      TfIdf(corpus, vocabulary, d, &fit_docs.back(), &counts);
    }
    KMeansOptions kmeans;
    kmeans.clusters = o.themes > 0 ? std::min(o.themes, clusters) : DefaultThemeCount(free_docs.size(), clusters);
    kmeans.iterations = o.iterations;
    kmeans.restarts = o.restarts;
    kmeans.seed = o.seed;
    const std::vector<int> anchors = AnchorAssignment(fit_docs, vocabulary.size(), kmeans.clusters);
    model = SphericalKMeans::Fit(fit_docs, vocabulary.size(), kmeans, o.anchored ? &anchors : nullptr);
    AssignPass(corpus, vocabulary, model, free_docs, threads, &cluster_of, &stats);
    const double min_docs = std::max<double>(o.min_theme_comments, o.min_theme_share * free_docs.size());
    bool dropped = false;
    for (size_t k = 0; k < model.clusters(); ++k) {
      if (model.live(k) && stats.docs[k] < min_docs) {
        model.Drop(k);
        dropped = true;
      }
    }
    if (dropped) AssignPass(corpus, vocabulary, model, free_docs, threads, &cluster_of, &stats);
  }

  // 3. Themes: pinned first, then live clusters.
  std::vector<Theme> themes;
  std::vector<int32_t> theme_of_cluster(model.clusters(), -1);
  for (size_t t = 0; t < pinned_count; ++t) themes.push_back(NamePinnedTheme(pinned->themes()[t], pinned_hits, t));
  std::vector<ThemeTerms> cluster_terms;
  const TaxonomyMatcher categories(Taxonomy::Default(), corpus);
  for (size_t k = 0; k < model.clusters(); ++k) {
    if (!model.live(k) || stats.docs[k] == 0) continue;
    theme_of_cluster[k] = static_cast<int32_t>(themes.size());
    cluster_terms.push_back(CharacteristicTerms(vocabulary, stats, k));
    themes.push_back(NameTheme(vocabulary, cluster_terms.back()));
    themes.back().category = CategoryOf(vocabulary, cluster_terms.back(), categories, Taxonomy::Default());
  }
  for (uint32_t d = 0; d < n; ++d) {
    if (main[d] < 0 && cluster_of[d] >= 0) main[d] = theme_of_cluster[cluster_of[d]];
  }

  // 4-5. Mentions and quotes.
  MentionsAndQuotes(corpus, texts, vocabulary, cluster_terms, theme_of_cluster, pinned_hits, main, threads, &themes,
                    &set);
  for (size_t d = 0; d < n; ++d) {
    if (main[d] < 0) continue;
    Theme& t = themes[main[d]];
    ++t.comments;
    t.sentiment += sentiment[d];
  }
  for (Theme& t : themes) {
    if (t.comments > 0) t.sentiment /= t.comments;
    if (!t.pinned && t.sentiment >= kPraiseFrom) t.category = std::string(kOtherCategory);
  }
  // By comments, most first; ties by name.
  std::vector<uint32_t> order(themes.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return themes[a].comments != themes[b].comments ? themes[a].comments > themes[b].comments
                                                    : themes[a].name < themes[b].name;
  });
  std::vector<int32_t> rank(themes.size());
  for (size_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = static_cast<int32_t>(r);
    set.themes.push_back(std::move(themes[order[r]]));
  }
  set.main.resize(n);
  for (size_t d = 0; d < n; ++d) set.main[d] = main[d] < 0 ? -1 : rank[main[d]];
  for (uint32_t& t : set.mentioned) t = static_cast<uint32_t>(rank[t]);
  return set;
}

}  // namespace touchpoint::text
