#include "text/theme_naming.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "util/hash.h"

#include "text/for_parts.h"

namespace touchpoint::text {
namespace {

constexpr size_t kTopTerms = 10;
constexpr size_t kMaxPhrases = 5;
constexpr size_t kQuotes = 3;
constexpr size_t kQuoteCandidates = 24;
constexpr double kMinTermShare = 0.03;  // of the cluster's comments
constexpr uint32_t kMinTermComments = 2;
constexpr size_t kQuoteMinBytes = 20, kQuoteMaxBytes = 300;
constexpr double kQuoteOutsideLength = 0.5;  // score factor of quotes too short or too long

bool Contains(const std::vector<uint32_t>& outer, const std::vector<uint32_t>& inner) {
  for (uint32_t s : inner) {
    if (std::find(outer.begin(), outer.end(), s) == outer.end()) return false;
  }
  return true;
}

struct Candidate {
  double score;
  uint32_t comment;
  bool operator<(const Candidate& o) const { return score != o.score ? score > o.score : comment < o.comment; }
};

// The best quote candidates of one theme, one per distinct text: `seen`
// holds the hashes of the texts let in (a text offered again has the same
// score and a later index, so it can never beat the first), `floor` the
// score a candidate must beat once the list has been cut.
struct QuoteList {
  std::vector<Candidate> list;
  std::unordered_set<uint64_t> seen;
  double floor = -1;

  bool Wants(double score) const { return score > floor; }
  void Keep(uint64_t text_hash, Candidate c) {
    if (!seen.insert(text_hash).second) return;
    list.push_back(c);
    if (list.size() >= 4 * kQuoteCandidates) {
      std::nth_element(list.begin(), list.begin() + kQuoteCandidates, list.end());
      list.resize(kQuoteCandidates);
      floor = list[0].score;
      for (const Candidate& k : list) floor = std::min(floor, k.score);
    }
  }
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

void ClusterStats::Reset(size_t cluster_count, size_t term_count) {
  clusters = cluster_count;
  terms = term_count;
  docs.assign(cluster_count, 0);
  counts.assign(cluster_count * term_count, 0);
  df.assign(term_count, 0);
  total = 0;
}

void ClusterStats::Add(std::span<const uint32_t> comment_terms, int cluster) {
  if (cluster < 0) return;
  ++docs[cluster];
  ++total;
  uint32_t* row = &counts[static_cast<size_t>(cluster) * terms];
  for (uint32_t w : comment_terms) {
    ++row[w];
    ++df[w];
  }
}

void ClusterStats::Merge(const ClusterStats& o) {
  if (o.docs.empty()) return;
  for (size_t k = 0; k < clusters; ++k) docs[k] += o.docs[k];
  for (size_t i = 0; i < counts.size(); ++i) counts[i] += o.counts[i];
  for (size_t w = 0; w < terms; ++w) df[w] += o.df[w];
  total += o.total;
}

PinnedHits MatchPinned(const CommentCorpus& corpus, const Taxonomy& taxonomy, size_t threads,
                       std::vector<int32_t>* main) {
  const TaxonomyMatcher matcher(taxonomy, corpus);
  const size_t n = corpus.size(), theme_count = taxonomy.themes().size();
  struct Part {
    std::vector<uint32_t> ends, themes;
    std::vector<uint16_t> main_hits;
    std::vector<std::vector<uint32_t>> pattern_comments;
  };
  std::vector<Part> parts(PartCount(n, threads));
  const size_t used = ForParts(n, threads, [&](size_t begin, size_t end, size_t p) {
    Part& part = parts[p];
    part.pattern_comments.resize(theme_count);
    for (size_t t = 0; t < theme_count; ++t) part.pattern_comments[t].assign(taxonomy.themes()[t].patterns.size(), 0);
    std::vector<TaxonomyMatcher::Hit> hits;
    std::vector<uint32_t> per_theme(theme_count);
    std::vector<std::pair<uint32_t, uint32_t>> seen;  // (theme, pattern) counted for this comment
    for (size_t i = begin; i < end; ++i) {
      matcher.Match(corpus, i, &hits);
      std::fill(per_theme.begin(), per_theme.end(), 0);
      seen.clear();
      for (const auto& h : hits) {
        ++per_theme[h.theme];
        seen.emplace_back(h.theme, h.pattern);
      }
      std::sort(seen.begin(), seen.end());
      seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
      for (const auto& [t, pattern] : seen) ++part.pattern_comments[t][pattern];
      int32_t best = -1;
      for (uint32_t t = 0; t < theme_count; ++t) {
        if (per_theme[t] == 0) continue;
        part.themes.push_back(t);
        if (best < 0 || per_theme[t] > per_theme[best]) best = static_cast<int32_t>(t);
      }
      (*main)[i] = best;
      part.main_hits.push_back(static_cast<uint16_t>(best < 0 ? 0 : std::min<uint32_t>(per_theme[best], 0xFFFF)));
      part.ends.push_back(static_cast<uint32_t>(part.themes.size()));
    }
  });
  PinnedHits r;
  r.pattern_comments.resize(theme_count);
  for (size_t t = 0; t < theme_count; ++t) r.pattern_comments[t].assign(taxonomy.themes()[t].patterns.size(), 0);
  r.offsets.push_back(0);
  for (size_t p = 0; p < used; ++p) {
    const Part& part = parts[p];
    const uint64_t base = r.themes.size();
    r.themes.insert(r.themes.end(), part.themes.begin(), part.themes.end());
    for (uint32_t e : part.ends) r.offsets.push_back(base + e);
    r.main_hits.insert(r.main_hits.end(), part.main_hits.begin(), part.main_hits.end());
    for (size_t t = 0; t < theme_count; ++t) {
      for (size_t k = 0; k < part.pattern_comments[t].size(); ++k) r.pattern_comments[t][k] += part.pattern_comments[t][k];
    }
  }
  return r;
}

Theme NamePinnedTheme(const TaxonomyTheme& theme, const PinnedHits& hits, size_t index) {
  Theme t;
  t.name = theme.name;
  t.category = theme.category;
  t.pinned = true;
  std::vector<std::pair<uint32_t, size_t>> used;  // (comments, pattern)
  for (size_t p = 0; p < theme.patterns.size(); ++p) {
    const uint32_t c = hits.pattern_comments[index][p];
    if (c > 0) used.emplace_back(c, p);
  }
  std::stable_sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; k < used.size() && k < kMaxPhrases; ++k) t.phrases.push_back(theme.patterns[used[k].second]);
  return t;
}

ThemeTerms CharacteristicTerms(const ThemeVocabulary& vocabulary, const ClusterStats& stats, size_t k) {
  ThemeTerms r;
  r.cluster = static_cast<uint32_t>(k);
  const double docs = stats.docs[k];
  std::vector<ScoredTerm> all;
  const uint32_t* row = &stats.counts[k * stats.terms];
  for (uint32_t w = 0; w < stats.terms; ++w) {
    if (row[w] < kMinTermComments || stats.df[w] == 0) continue;
    const double pwk = row[w] / docs;
    if (pwk < kMinTermShare) continue;
    const double pw = static_cast<double>(stats.df[w]) / stats.total;
    all.push_back({w, pwk * std::log(pwk / pw), static_cast<double>(row[w]) / stats.df[w]});
  }
  std::sort(all.begin(), all.end(), [](const ScoredTerm& a, const ScoredTerm& b) {
    return a.score != b.score ? a.score > b.score : a.term < b.term;
  });
  for (const ScoredTerm& c : all) {
    if (r.top.size() >= kTopTerms) break;
    const auto& stems = vocabulary.term(c.term).stems;
    bool redundant = false;
    for (const ScoredTerm& kept : r.top) {
      const auto& other = vocabulary.term(kept.term).stems;
      if (Contains(other, stems)) redundant = true;  // inside a better phrase, or the same words
    }
    if (!redundant) r.top.push_back(c);
  }
  return r;
}

Theme NameTheme(const ThemeVocabulary& vocabulary, const ThemeTerms& terms) {
  Theme t;
  for (size_t k = 0; k < terms.top.size() && t.phrases.size() < kMaxPhrases; ++k) {
    t.phrases.push_back(vocabulary.term(terms.top[k].term).display);
  }
  // A phrase among the best three names the theme; else the two best words.
  for (size_t k = 0; k < terms.top.size() && k < 3; ++k) {
    if (vocabulary.term(terms.top[k].term).phrase()) {
      t.name = vocabulary.term(terms.top[k].term).display;
      return t;
    }
  }
  if (!t.phrases.empty()) t.name = t.phrases[0];
  if (t.phrases.size() > 1) t.name += ", " + t.phrases[1];
  return t;
}

std::string CategoryOf(const ThemeVocabulary& vocabulary, const ThemeTerms& terms, const TaxonomyMatcher& matcher,
                       const Taxonomy& taxonomy) {
  std::map<std::string, double> weight;
  for (const ScoredTerm& st : terms.top) {
    const auto& stems = vocabulary.term(st.term).stems;
    std::vector<std::string> matched;
    for (size_t t = 0; t < taxonomy.themes().size(); ++t) {
      const std::string& c = taxonomy.themes()[t].category;
      if (std::find(matched.begin(), matched.end(), c) == matched.end() && matcher.MatchesStems(t, stems)) {
        matched.push_back(c);
      }
    }
    for (const std::string& c : matched) weight[c] += st.score;
  }
  std::string best(kOtherCategory);
  double best_weight = 0;
  for (const auto& [c, w] : weight) {
    if (w > best_weight) best = c, best_weight = w;
  }
  return best;
}

void MentionsAndQuotes(const CommentCorpus& corpus, const std::vector<std::string_view>& texts,
                       const ThemeVocabulary& vocabulary, const std::vector<ThemeTerms>& cluster_terms,
                       const std::vector<int32_t>& theme_of_cluster, const PinnedHits& pinned,
                       const std::vector<int32_t>& main, size_t threads, std::vector<Theme>* themes, ThemeSet* set) {
  const size_t n = corpus.size(), theme_count = themes->size();
  // term -> (theme, exclusivity) for the top terms; key terms mark mentions.
  std::vector<std::vector<std::pair<uint32_t, double>>> top_of_term(vocabulary.size());
  std::vector<std::vector<uint32_t>> key_of_term(vocabulary.size());
  for (const ThemeTerms& tt : cluster_terms) {
    const uint32_t theme = static_cast<uint32_t>(theme_of_cluster[tt.cluster]);
    for (const ScoredTerm& st : tt.top) {
      top_of_term[st.term].emplace_back(theme, st.exclusivity);
      if (st.exclusivity >= kKeyTermShare) key_of_term[st.term].push_back(theme);
    }
  }
  struct Part {
    std::vector<uint32_t> ends, mentioned;
    std::vector<uint32_t> mentions;
    std::vector<QuoteList> quotes;
  };
  std::vector<Part> parts(PartCount(n, threads));
  const size_t used = ForParts(n, threads, [&](size_t begin, size_t end, size_t p) {
    Part& part = parts[p];
    part.mentions.assign(theme_count, 0);
    part.quotes.resize(theme_count);
    std::vector<uint32_t> terms, list;
    for (size_t i = begin; i < end; ++i) {
      list.clear();
      const int32_t m = main[i];
      if (m >= 0) list.push_back(static_cast<uint32_t>(m));
      if (!pinned.empty()) {
        for (uint32_t t : pinned.of(i)) list.push_back(t);
      }
      vocabulary.Terms(corpus, i, &terms);
      double specific = 0;
      for (uint32_t w : terms) {
        list.insert(list.end(), key_of_term[w].begin(), key_of_term[w].end());
        if (m < 0) continue;
        for (const auto& [theme, exclusivity] : top_of_term[w]) {
          if (theme == static_cast<uint32_t>(m)) specific += exclusivity;
        }
      }
      if (list.size() > 1) {  // main first, the rest ascending and distinct
        std::sort(list.begin() + (m >= 0 ? 1 : 0), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        if (m >= 0) list.erase(std::remove(list.begin() + 1, list.end(), static_cast<uint32_t>(m)), list.end());
      }
      for (uint32_t t : list) ++part.mentions[t];
      part.mentioned.insert(part.mentioned.end(), list.begin(), list.end());
      part.ends.push_back(static_cast<uint32_t>(part.mentioned.size()));
      if (m < 0) continue;
      double score = (*themes)[m].pinned ? pinned.main_hits[i] / std::sqrt(1.0 + corpus.words(i).size())
                                         : specific / std::max<size_t>(terms.size(), 1);
      const std::string_view text = Trim(texts[i]);
      if (text.size() < kQuoteMinBytes || text.size() > kQuoteMaxBytes) score *= kQuoteOutsideLength;
      if (part.quotes[m].Wants(score)) part.quotes[m].Keep(Hash64(text), {score, static_cast<uint32_t>(i)});
    }
  });
  set->offsets.assign(1, 0);
  set->mentioned.clear();
  std::vector<std::vector<Candidate>> quotes(theme_count);
  for (size_t p = 0; p < used; ++p) {
    const Part& part = parts[p];
    const uint64_t base = set->mentioned.size();
    set->mentioned.insert(set->mentioned.end(), part.mentioned.begin(), part.mentioned.end());
    for (uint32_t e : part.ends) set->offsets.push_back(base + e);
    for (size_t t = 0; t < theme_count; ++t) {
      (*themes)[t].mentions += part.mentions[t];
      quotes[t].insert(quotes[t].end(), part.quotes[t].list.begin(), part.quotes[t].list.end());
    }
  }
  for (size_t t = 0; t < theme_count; ++t) {
    std::sort(quotes[t].begin(), quotes[t].end());
    std::vector<std::string_view> chosen;
    for (const Candidate& c : quotes[t]) {
      if (chosen.size() >= kQuotes) break;
      const std::string_view text = Trim(texts[c.comment]);
      if (text.empty() || std::find(chosen.begin(), chosen.end(), text) != chosen.end()) continue;
      chosen.push_back(text);
      (*themes)[t].quotes.push_back(c.comment);
    }
  }
}

}  // namespace touchpoint::text
