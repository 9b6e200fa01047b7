#include "text/tokenizer.h"

#include <utf8proc.h>

#include "text/normalizer.h"
#include "text/stop_words.h"

namespace touchpoint::text {
namespace {

bool IsAsciiAlnum(unsigned char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Decodes the code point at s[i]; its byte length, or 0 when invalid.
size_t Decode(std::string_view s, size_t i, int32_t* cp) {
  const utf8proc_ssize_t len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                                static_cast<utf8proc_ssize_t>(s.size() - i), cp);
  return len > 0 ? static_cast<size_t>(len) : 0;
}

bool IsWordCodePoint(int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND:
      return true;
    default:
      return false;
  }
}

// Pictographs, dingbats and symbols used as emoji.
bool IsEmojiCodePoint(int32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF && !(cp >= 0x1F3FB && cp <= 0x1F3FF)) || (cp >= 0x2600 && cp <= 0x27BF) ||
         (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0x2764 || cp == 0x2665;
}

// Code points that modify the emoji before them: variation selectors, the
// zero-width joiner (the joined emoji is skipped too), skin tones.
bool IsEmojiModifier(int32_t cp) {
  return cp == 0xFE0F || cp == 0xFE0E || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0x20E3;
}

bool StartsWithNoCase(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if ((s[i + k] | 0x20) != prefix[k]) return false;
  }
  return true;
}

// Emoticons whose first character is the eyes may follow a word directly
// ("great:)"); the others need a space or the start before them.
bool EyesFirst(char c) { return c == ':' || c == ';' || c == '='; }

bool IsClausePunct(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')';
}

}  // namespace

void Tokenizer::Tokenize(std::string_view s, std::vector<Token>* out) const {
  out->clear();
  const auto known = [this](std::string_view w) { return lexicon_.HasWord(w) || IsStopWord(w); };
  size_t i = 0;
  const size_t n = s.size();
  auto emit = [&](TokenKind kind, size_t begin, size_t end) -> Token& {
    Token& t = out->emplace_back();
    t.kind = kind;
    t.begin = static_cast<uint32_t>(begin);
    t.end = static_cast<uint32_t>(end);
    return t;
  };
  while (i < n) {
    const unsigned char c = s[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (StartsWithNoCase(s, i, "http://") || StartsWithNoCase(s, i, "https://") || StartsWithNoCase(s, i, "www.")) {
      size_t j = i;
      while (j < n && !IsSpace(static_cast<unsigned char>(s[j]))) ++j;
      emit(TokenKind::kUrl, i, j).text.assign(s.substr(i, j - i));
      i = j;
      continue;
    }
    if ((c == '@' || c == '#') && i + 1 < n && IsAsciiAlnum(static_cast<unsigned char>(s[i + 1])) &&
        (i == 0 || !IsAsciiAlnum(static_cast<unsigned char>(s[i - 1])))) {
      size_t j = i + 1;
      while (j < n && (IsAsciiAlnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      Token& t = emit(c == '@' ? TokenKind::kMention : TokenKind::kHashtag, i, j);
      FoldCase(s.substr(i + 1, j - i - 1), &t.text);
      i = j;
      continue;
    }
    if (c < 0x80 && !IsAsciiAlnum(c)) {
      const bool after_space = i == 0 || IsSpace(static_cast<unsigned char>(s[i - 1]));
      double score = 0;
      const size_t len = (after_space || EyesFirst(static_cast<char>(c))) ? lexicon_.MatchEmoticon(s.substr(i), &score) : 0;
      if (len > 0 && (i + len == n || !IsAsciiAlnum(static_cast<unsigned char>(s[i + len])))) {
        emit(TokenKind::kEmoticon, i, i + len).text.assign(s.substr(i, len));
        i += len;
        continue;
      }
      if (IsClausePunct(static_cast<char>(c))) {
        size_t j = i + 1;
        if (c == '.') {
          while (j < n && s[j] == '.') ++j;  // "..." is one stop
        }
        emit(TokenKind::kPunct, i, j).text.assign(1, static_cast<char>(c));
        i = j;
        continue;
      }
      ++i;  // other ASCII symbols separate words and mean nothing
      continue;
    }
    int32_t cp = c;
    size_t len = c < 0x80 ? 1 : Decode(s, i, &cp);
    if (len == 0) {
      ++i;  // invalid byte
      continue;
    }
    if (c < 0x80 || IsWordCodePoint(cp)) {
      // A word or number: letters, digits and marks, apostrophes between
      // letters, '.' or ',' between digits.
      const bool number = c >= '0' && c <= '9';
      size_t j = i;
      bool has_upper = false, has_lower = false;
      size_t letters = 0;
      while (j < n) {
        const unsigned char d = s[j];
        if (d < 0x80) {
          if (IsAsciiAlnum(d)) {
            if (IsAsciiLetter(d)) {
              ++letters;
              (d <= 'Z' ? has_upper : has_lower) = true;
            }
            ++j;
            continue;
          }
          const bool next_alnum = j + 1 < n && IsAsciiAlnum(static_cast<unsigned char>(s[j + 1]));
          if (d == '\'' && next_alnum && j > i && IsAsciiLetter(static_cast<unsigned char>(s[j - 1]))) {
            ++j;
            continue;
          }
          if (number && (d == '.' || d == ',') && next_alnum && s[j - 1] >= '0' && s[j - 1] <= '9') {
            ++j;
            continue;
          }
          break;
        }
        int32_t e = 0;
        const size_t l = Decode(s, j, &e);
        if (l == 0) break;
        const bool apostrophe = e == 0x2019 || e == 0x2018 || e == 0x02BC;
        if (IsWordCodePoint(e)) {
          ++letters;
          const auto cat = utf8proc_category(e);
          if (cat == UTF8PROC_CATEGORY_LU) has_upper = true;
          if (cat == UTF8PROC_CATEGORY_LL) has_lower = true;
          j += l;
        } else if (apostrophe && j + l < n && j > i) {
          j += l;
        } else {
          break;
        }
      }
      Token& t = emit(number ? TokenKind::kNumber : TokenKind::kWord, i, j);
      FoldCase(s.substr(i, j - i), &t.text);
      if (!number) {
        t.all_caps = has_upper && !has_lower && letters >= 2;
        t.elongated = CollapseElongation(&t.text, known);
      }
      i = j;
      continue;
    }
    if (IsEmojiCodePoint(cp)) {
      Token& t = emit(TokenKind::kEmoji, i, i + len);
      t.text.assign(s.substr(i, len));
      i += len;
      // Modifiers and joined emoji belong to this one.
      while (i < n) {
        int32_t m = 0;
        const size_t l = Decode(s, i, &m);
        if (l == 0 || !IsEmojiModifier(m)) break;
        i += l;
        if (m == 0x200D && i < n) {
          int32_t joined = 0;
          const size_t jl = Decode(s, i, &joined);
          if (jl > 0 && IsEmojiCodePoint(joined)) i += jl;
        }
      }
      t.end = static_cast<uint32_t>(i);
      continue;
    }
    if (cp == 0x2026) {  // "…" ends a clause like "..."
      emit(TokenKind::kPunct, i, i + len).text = ".";
    }
    i += len;
  }
}

}  // namespace touchpoint::text
