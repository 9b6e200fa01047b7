#include "text/lexicon.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "text/embedded_data.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace touchpoint::text {
namespace {

// Emoticons AFINN's list lacks: hearts and a few common variants.
constexpr std::string_view kExtraEmoticons =
    "<3\t3\n<33\t3\n</3\t-3\n:((\t-3\n:(((\t-3\n:'-(\t-2\nD:\t-2\n;P\t2\n;p\t2\n:-((\t-3\n";

// Splits "entry<TAB>score" lines, calling fn(entry, score); errors name the line.
template <typename Fn>
Status ParseLines(std::string_view source, std::string_view text, Fn fn) {
  size_t line_no = 0;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.rfind('\t');
    if (tab == std::string_view::npos || tab == 0) {
      return Status::InvalidArgument(std::string(source) + ":" + std::to_string(line_no) +
                                     ": expected 'entry<TAB>score'");
    }
    const std::string_view number = line.substr(tab + 1);
    int score = 0;
    const auto r = std::from_chars(number.data(), number.data() + number.size(), score);
    if (r.ec != std::errc() || r.ptr != number.data() + number.size()) {
      return Status::InvalidArgument(std::string(source) + ":" + std::to_string(line_no) + ": score '" +
                                     std::string(number) + "' is not an integer");
    }
    fn(line.substr(0, tab), static_cast<double>(score));
  }
  return Status::OK();
}

}  // namespace

const Lexicon& Lexicon::Default() {
  static const Lexicon* lexicon = [] {
    auto* l = new Lexicon();
    Status s = l->AddWords("AFINN-en-165.txt", data::kAfinnEn);
    if (s.ok()) s = l->AddWords("emoji_lexicon.tsv", data::kEmojiLexicon);
    if (s.ok()) s = l->AddWords("feedback_lexicon.tsv", data::kFeedbackLexicon);
    if (s.ok()) s = l->AddEmoticons("AFINN-emoticon-8.txt", data::kAfinnEmoticons);
    if (s.ok()) s = l->AddEmoticons("extra emoticons", kExtraEmoticons);
    if (!s.ok()) {
      std::fprintf(stderr, "built-in lexicon: %s\n", s.ToString().c_str());
      std::abort();
    }
    return l;
  }();
  return *lexicon;
}

Status Lexicon::AddWords(std::string_view source, std::string_view tsv) {
  return ParseLines(source, tsv, [this](std::string_view entry, double score) {
    std::string folded;
    FoldCase(entry, &folded);
    // Words of a phrase are separated by spaces or hyphens, as the tokenizer splits them.
    std::vector<std::string> words;
    std::string word;
    for (char c : folded) {
      if (c == ' ' || c == '-') {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
      } else {
        word.push_back(c);
      }
    }
    if (!word.empty()) words.push_back(std::move(word));
    if (words.empty()) return;
    if (words.size() == 1) {
      words_[words[0]] = score;
      return;
    }
    std::string key = words[0];
    for (size_t k = 1; k < words.size(); ++k) key += ' ' + words[k];
    phrases_[key] = score;
    phrase_starts_.insert(words[0]);
    max_phrase_words_ = std::max(max_phrase_words_, words.size());
  });
}

Status Lexicon::AddEmoticons(std::string_view source, std::string_view tsv) {
  return ParseLines(source, tsv, [this](std::string_view entry, double score) {
    emoticons_[std::string(entry)] = score;
    max_emoticon_bytes_ = std::max(max_emoticon_bytes_, entry.size());
  });
}

double Lexicon::Word(std::string_view word) const {
  const auto it = words_.find(word);
  return it == words_.end() ? 0.0 : it->second;
}

size_t Lexicon::MatchPhrase(const Token* tokens, size_t n, double* score) const {
  if (n < 2 || !tokens[0].is_word() || phrase_starts_.find(tokens[0].text) == phrase_starts_.end()) return 0;
  std::string key = tokens[0].text;
  size_t best = 0;
  for (size_t k = 1; k < n && k < max_phrase_words_; ++k) {
    if (!tokens[k].is_word()) break;
    key += ' ';
    key += tokens[k].text;
    const auto it = phrases_.find(key);
    if (it != phrases_.end()) {
      best = k + 1;
      *score = it->second;
    }
  }
  return best;
}

size_t Lexicon::MatchEmoticon(std::string_view text, double* score) const {
  for (size_t len = std::min(max_emoticon_bytes_, text.size()); len >= 2; --len) {
    const auto it = emoticons_.find(text.substr(0, len));
    if (it != emoticons_.end()) {
      *score = it->second;
      return len;
    }
  }
  return 0;
}

}  // namespace touchpoint::text
