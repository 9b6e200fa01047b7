#include "text/stemmer.h"

#include <libstemmer.h>

#include <cstdio>
#include <cstdlib>

namespace touchpoint::text {

Stemmer::Stemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")) {
  if (stemmer_ == nullptr) {  // only when libstemmer lacks English or memory ran out: our bug
    std::fprintf(stderr, "libstemmer: no English UTF-8 stemmer\n");
    std::abort();
  }
}

Stemmer::~Stemmer() { sb_stemmer_delete(stemmer_); }

std::string_view Stemmer::Stem(std::string_view word) {
  if (const auto it = cache_.find(word); it != cache_.end()) return it->second;
  if (cache_.size() >= kMaxCached) cache_.clear();
  const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                       static_cast<int>(word.size()));
  std::string stem = s == nullptr ? std::string(word)
                                  : std::string(reinterpret_cast<const char*>(s),
                                                static_cast<size_t>(sb_stemmer_length(stemmer_)));
  return cache_.emplace(std::string(word), std::move(stem)).first->second;
}

}  // namespace touchpoint::text
