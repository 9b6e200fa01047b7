#include "text/normalizer.h"

#include <utf8proc.h>

#include <cctype>
#include <cstdlib>

namespace touchpoint::text {
namespace {

constexpr int kElongationRun = 3;  // letters in a row that mark an elongated word

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Replaces the apostrophe look-alikes with "'" before folding.
std::string ReplaceApostrophes(std::string_view s) {
  std::string r;
  r.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    // U+2018 / U+2019 are E2 80 98 / E2 80 99; U+02BC is CA BC.
    if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(s[i + 2]) == 0x98 || static_cast<unsigned char>(s[i + 2]) == 0x99)) {
      r.push_back('\'');
      i += 2;
    } else if (c == 0xCA && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
      r.push_back('\'');
      i += 1;
    } else {
      r.push_back(static_cast<char>(c));
    }
  }
  return r;
}

}  // namespace

void FoldCase(std::string_view utf8, std::string* out) {
  if (IsAscii(utf8)) {
    for (char c : utf8) out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
    return;
  }
  const std::string s = ReplaceApostrophes(utf8);
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
  const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                          static_cast<utf8proc_ssize_t>(s.size()), &mapped, options);
  if (n >= 0) {
    out->append(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
    std::free(mapped);
    return;
  }
  // Invalid UTF-8: fold what decodes, drop the bad bytes.
  size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                                  static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (len <= 0) {
      ++i;
      continue;
    }
    FoldCase(std::string_view(s).substr(i, static_cast<size_t>(len)), out);
    i += static_cast<size_t>(len);
  }
}

bool CollapseElongation(std::string* word, const std::function<bool(std::string_view)>& known) {
  const std::string& w = *word;
  bool elongated = false;
  for (size_t i = 0; i + kElongationRun <= w.size(); ++i) {
    if (w[i] == w[i + 1] && w[i] == w[i + 2] && static_cast<unsigned char>(w[i]) < 0x80 &&
        ((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z'))) {
      elongated = true;
      break;
    }
  }
  if (!elongated) return false;
  std::string one, two;
  for (size_t i = 0; i < w.size();) {
    size_t j = i;
    while (j < w.size() && w[j] == w[i]) ++j;
    const size_t run = j - i;
    const bool letter = static_cast<unsigned char>(w[i]) < 0x80 && std::isalpha(static_cast<unsigned char>(w[i]));
    if (letter && run >= kElongationRun) {
      one.push_back(w[i]);
      two.append(2, w[i]);
    } else {
      one.append(run, w[i]);
      two.append(run, w[i]);
    }
    i = j;
  }
  // A doubled letter is a spelling ("good", "cool"); a single one when only
  // that is a word ("sooo" -> "so").
  const bool use_one = known && !known(two) && known(one);
  *word = use_one ? std::move(one) : std::move(two);
  return true;
}

}  // namespace touchpoint::text
