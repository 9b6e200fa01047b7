// Stemmer: Snowball's English (Porter2) stemmer from libstemmer, for
// folded words ("delayed" -> "delay", "refunds" -> "refund"). libstemmer
// keeps state per stemmer, so each thread owns one: not thread-safe, not
// copyable. Stem() results are cached per stemmer (bounded), since
// comments repeat a small vocabulary.
#ifndef TOUCHPOINT_TEXT_STEMMER_H_
#define TOUCHPOINT_TEXT_STEMMER_H_

#include <string>
#include <string_view>
#include <unordered_map>

#include "text/string_hash.h"

struct sb_stemmer;

namespace touchpoint::text {

class Stemmer {
 public:
  Stemmer();
  ~Stemmer();
  Stemmer(const Stemmer&) = delete;
  Stemmer& operator=(const Stemmer&) = delete;

  // The stem of a case-folded UTF-8 word. The view stays valid until the
  // cache is cleared (it holds up to kMaxCached words, then starts over).
  std::string_view Stem(std::string_view word);

 private:
  static constexpr size_t kMaxCached = 1 << 18;
  sb_stemmer* stemmer_;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> cache_;
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_STEMMER_H_
