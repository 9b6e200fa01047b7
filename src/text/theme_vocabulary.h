// ThemeVocabulary: the terms themes are made of (docs/feedback.md,
// "Terms and phrases"): word stems and phrases, collocations of 2-3 words
// in a row within a clause (stop words skipped), kept when they occur in at
// least min_df comments and their normalised PMI reaches min_npmi:
//   npmi(g) = log(p(g) / prod p(w_i)) / ((n - 1) (-log p(g)))
// with p the share of word positions (phrases may start with a negator:
// "not working"). Single stems in more than max_df_share of the comments
// say nothing about a theme and are dropped. Counting runs on a sample of
// comments. Immutable after Build; thread-safe to read.
#ifndef TOUCHPOINT_TEXT_THEME_VOCABULARY_H_
#define TOUCHPOINT_TEXT_THEME_VOCABULARY_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "text/comment_corpus.h"

namespace touchpoint::text {

struct VocabularyOptions {
  size_t min_df = 3;           // raised to min_df_share x comments when larger
  double min_df_share = 0.0005;
  double max_df_share = 0.4;
  double min_npmi = 0.3;
  size_t max_terms = 20000;    // the most frequent kept
};

struct ThemeTerm {
  std::vector<uint32_t> stems;  // 1-3 corpus stem ids
  std::string display;          // the written forms joined by spaces ("late delivery")
  uint32_t df = 0;              // comments of the counting sample holding it
  float idf = 1;                // ln((1 + N) / (1 + df)) + 1, N the sample's comments
  bool phrase() const { return stems.size() > 1; }
};

class ThemeVocabulary {
 public:
  // Counts on `sample` (comment indices of `corpus`).
  static ThemeVocabulary Build(const CommentCorpus& corpus, const std::vector<uint32_t>& sample,
                               const VocabularyOptions& options);

  size_t size() const { return terms_.size(); }
  const ThemeTerm& term(uint32_t id) const { return terms_[id]; }
  // The distinct term ids of comment i, ascending: its stems and its
  // phrases (a phrase and the stems in it both count); with `counts`, how
  // often each occurs.
  void Terms(const CommentCorpus& corpus, size_t i, std::vector<uint32_t>* out,
             std::vector<uint32_t>* counts = nullptr) const;
  // The term id of a single stem, or -1.
  int64_t StemTerm(uint32_t stem) const;

 private:
  std::vector<ThemeTerm> terms_;
  std::unordered_map<uint32_t, uint32_t> unigram_;  // stem -> term
  std::unordered_map<uint64_t, uint32_t> bigram_;   // (a << 32 | b) -> term
  std::unordered_map<uint64_t, uint32_t> trigram_;  // Key3(a, b, c) -> term
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_THEME_VOCABULARY_H_
