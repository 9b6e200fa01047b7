#include "text/theme_vocabulary.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "util/hash.h"

namespace touchpoint::text {
namespace {

uint64_t Key2(uint32_t a, uint32_t b) { return (static_cast<uint64_t>(a) << 32) | b; }
uint64_t Key3(uint32_t a, uint32_t b, uint32_t c) {
  const uint32_t v[3] = {a, b, c};
  return Hash64(v, sizeof(v));
}

struct Counts {
  uint64_t count = 0;  // occurrences
  uint32_t df = 0;     // comments
  uint32_t last = 0xFFFFFFFFu;  // last comment counted in df
  void Add(uint32_t doc) {
    ++count;
    if (last != doc) ++df, last = doc;
  }
};

}  // namespace

ThemeVocabulary ThemeVocabulary::Build(const CommentCorpus& corpus, const std::vector<uint32_t>& sample,
                                       const VocabularyOptions& o) {
  std::vector<Counts> uni(corpus.stem_count());
  std::unordered_map<uint64_t, Counts> bi, tri;
  std::unordered_map<uint64_t, std::tuple<uint32_t, uint32_t, uint32_t>> tri_words;
  uint64_t positions = 0;
  for (uint32_t d : sample) {
    const auto w = corpus.words(d);
    for (size_t p = 0; p < w.size(); ++p) {
      if (w[p] == kClauseBreak) continue;
      ++positions;
      uni[w[p]].Add(d);
      if (p + 1 < w.size() && w[p + 1] != kClauseBreak && !corpus.is_negator(w[p + 1]) && w[p] != w[p + 1]) {
        bi[Key2(w[p], w[p + 1])].Add(d);
        if (p + 2 < w.size() && w[p + 2] != kClauseBreak && !corpus.is_negator(w[p + 2])) {
          const uint64_t k = Key3(w[p], w[p + 1], w[p + 2]);
          tri[k].Add(d);
          tri_words.try_emplace(k, w[p], w[p + 1], w[p + 2]);
        }
      }
    }
  }
  const size_t docs = sample.size();
  const uint32_t min_df = static_cast<uint32_t>(std::max<double>(o.min_df, o.min_df_share * docs));
  const double max_df = o.max_df_share * docs;
  const double total = std::max<uint64_t>(positions, 1);
  auto p = [&](uint64_t count) { return count / total; };
  struct Candidate {
    std::vector<uint32_t> stems;
    uint32_t df;
  };
  std::vector<Candidate> candidates;
  for (uint32_t s = 0; s < uni.size(); ++s) {
    if (uni[s].df >= min_df && uni[s].df <= max_df && !corpus.is_negator(s)) candidates.push_back({{s}, uni[s].df});
  }
  for (const auto& [key, c] : bi) {
    if (c.df < min_df) continue;
    const uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key);
    const double pg = p(c.count);
    const double npmi = std::log(pg / (p(uni[a].count) * p(uni[b].count))) / -std::log(pg);
    if (npmi >= o.min_npmi) candidates.push_back({{a, b}, c.df});
  }
  for (const auto& [key, c] : tri) {
    if (c.df < min_df) continue;
    const auto [a, b, d] = tri_words.at(key);
    const double pg = p(c.count);
    const double npmi = std::log(pg / (p(uni[a].count) * p(uni[b].count) * p(uni[d].count))) / (2 * -std::log(pg));
    if (npmi >= o.min_npmi) candidates.push_back({{a, b, d}, c.df});
  }
  // The most frequent first; ties in stem order, so the ids are deterministic.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
    return x.df != y.df ? x.df > y.df : x.stems < y.stems;
  });
  if (candidates.size() > o.max_terms) candidates.resize(o.max_terms);
  ThemeVocabulary v;
  for (Candidate& c : candidates) {
    const uint32_t id = static_cast<uint32_t>(v.terms_.size());
    ThemeTerm t;
    for (uint32_t s : c.stems) {
      if (!t.display.empty()) t.display += ' ';
      t.display += corpus.surface(s);
    }
    t.df = c.df;
    t.idf = static_cast<float>(std::log((1.0 + docs) / (1.0 + c.df)) + 1.0);
    if (c.stems.size() == 1) v.unigram_[c.stems[0]] = id;
    if (c.stems.size() == 2) v.bigram_[Key2(c.stems[0], c.stems[1])] = id;
    if (c.stems.size() == 3) v.trigram_[Key3(c.stems[0], c.stems[1], c.stems[2])] = id;
    t.stems = std::move(c.stems);
    v.terms_.push_back(std::move(t));
  }
  return v;
}

int64_t ThemeVocabulary::StemTerm(uint32_t stem) const {
  const auto it = unigram_.find(stem);
  return it == unigram_.end() ? -1 : it->second;
}

void ThemeVocabulary::Terms(const CommentCorpus& corpus, size_t i, std::vector<uint32_t>* out,
                            std::vector<uint32_t>* counts) const {
  out->clear();
  const auto w = corpus.words(i);
  for (size_t p = 0; p < w.size(); ++p) {
    if (w[p] == kClauseBreak) continue;
    if (const auto it = unigram_.find(w[p]); it != unigram_.end()) out->push_back(it->second);
    if (p + 1 < w.size() && w[p + 1] != kClauseBreak) {
      if (const auto it = bigram_.find(Key2(w[p], w[p + 1])); it != bigram_.end()) out->push_back(it->second);
      if (p + 2 < w.size() && w[p + 2] != kClauseBreak && !trigram_.empty()) {
        if (const auto it = trigram_.find(Key3(w[p], w[p + 1], w[p + 2])); it != trigram_.end()) {
          out->push_back(it->second);
        }
      }
    }
  }
  std::sort(out->begin(), out->end());
  if (counts != nullptr) {
    counts->clear();
    size_t kept = 0;
    for (size_t k = 0; k < out->size(); ++k) {
      if (kept > 0 && (*out)[kept - 1] == (*out)[k]) {
        ++counts->back();
      } else {
        (*out)[kept++] = (*out)[k];
        counts->push_back(1);
      }
    }
    out->resize(kept);
    return;
  }
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

}  // namespace touchpoint::text
