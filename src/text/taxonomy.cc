#include "text/taxonomy.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "text/embedded_data.h"
#include "text/lexicon.h"
#include "text/stemmer.h"
#include "text/stop_words.h"
#include "text/tokenizer.h"
#include "util/file.h"

namespace touchpoint::text {
namespace {

std::string Where(const std::string& source, const toml::node& node) {
  return source + ":" + std::to_string(node.source().begin.line);
}

bool KnownCategory(std::string_view c) {
  return std::find(std::begin(kCategories), std::end(kCategories), c) != std::end(kCategories);
}

}  // namespace

Result<Taxonomy> Taxonomy::Parse(std::string_view text, const std::string& source) {
  toml::table root;
  try {  // toml++ reports parse errors as exceptions: caught here, at the call.
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(source + ":" + std::to_string(e.source().begin.line) + ": " +
                                   std::string(e.description()));
  }
  Taxonomy t;
  for (const auto& [key, node] : root) {
    if (key.str() != "theme") {
      return Status::InvalidArgument(Where(source, node) + ": unknown key '" + std::string(key.str()) +
                                     "' (a taxonomy is a list of [[theme]] tables)");
    }
  }
  const toml::array* themes = root["theme"].as_array();
  if (themes == nullptr) {
    if (root.contains("theme")) {
      return Status::InvalidArgument(Where(source, *root.get("theme")) + ": 'theme' must be [[theme]] tables");
    }
    return t;
  }
  for (const toml::node& item : *themes) {
    const toml::table* table = item.as_table();
    if (table == nullptr) return Status::InvalidArgument(Where(source, item) + ": a [[theme]] must be a table");
    TaxonomyTheme theme;
    for (const auto& [key, node] : *table) {
      const std::string_view k = key.str();
      if (k == "name" || k == "category") {
        auto v = node.value<std::string>();
        if (!v || v->empty()) {
          return Status::InvalidArgument(Where(source, node) + ": '" + std::string(k) + "' must be a non-empty string");
        }
        (k == "name" ? theme.name : theme.category) = *v;
      } else if (k == "patterns") {
        const toml::array* arr = node.as_array();
        if (arr == nullptr) return Status::InvalidArgument(Where(source, node) + ": 'patterns' must be a list");
        for (const auto& p : *arr) {
          auto s = p.value<std::string>();
          if (!s || s->empty()) {
            return Status::InvalidArgument(Where(source, p) + ": 'patterns' must hold non-empty strings");
          }
          theme.patterns.push_back(*s);
        }
      } else {
        return Status::InvalidArgument(Where(source, node) + ": unknown key '" + std::string(k) +
                                       "' in [[theme]] (name, category, patterns)");
      }
    }
    if (theme.name.empty()) return Status::InvalidArgument(Where(source, item) + ": [[theme]] has no 'name'");
    if (theme.patterns.empty()) {
      return Status::InvalidArgument(Where(source, item) + ": theme '" + theme.name + "' has no 'patterns'");
    }
    if (theme.category.empty()) theme.category = kOtherCategory;
    if (!KnownCategory(theme.category)) {
      return Status::InvalidArgument(Where(source, item) + ": theme '" + theme.name + "': category '" +
                                     theme.category + "' is not one of process, financial, support, product, other");
    }
    for (const auto& other : t.themes_) {
      if (other.name == theme.name) {
        return Status::InvalidArgument(Where(source, item) + ": theme '" + theme.name + "' is named twice");
      }
    }
    t.themes_.push_back(std::move(theme));
  }
  return t;
}

Result<Taxonomy> Taxonomy::Load(const std::string& path) {
  TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return Parse(text, path);
}

const Taxonomy& Taxonomy::Default() {
  static const Taxonomy* taxonomy = [] {
    auto t = Parse(data::kDefaultTaxonomy, "default_taxonomy.toml");
    if (!t.ok()) {  // the compiled-in file is ours: a failure is our bug
      std::fprintf(stderr, "%s\n", t.status().ToString().c_str());
      std::abort();
    }
    return new Taxonomy(std::move(t).value());
  }();
  return *taxonomy;
}

TaxonomyMatcher::TaxonomyMatcher(const Taxonomy& taxonomy, const CommentCorpus& corpus) {
  const Tokenizer tokenizer(Lexicon::Default());
  Stemmer stemmer;
  std::vector<Token> tokens;
  for (uint32_t t = 0; t < taxonomy.themes().size(); ++t) {
    const auto& theme = taxonomy.themes()[t];
    for (uint32_t p = 0; p < theme.patterns.size(); ++p) {
      const std::string& text = theme.patterns[p];
      Pattern pattern{t, p, {}};
      // Split on spaces; a trailing '*' makes a prefix.
      size_t start = 0;
      while (start < text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        std::string_view word(text.data() + start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        const bool prefix = word.back() == '*';
        if (prefix) word.remove_suffix(1);
        tokenizer.Tokenize(word, &tokens);
        for (size_t k = 0; k < tokens.size(); ++k) {
          const Token& tok = tokens[k];
          if (!tok.is_word()) continue;
          if (IsStopWord(tok.text) && !IsNegator(tok.text)) continue;
          const bool is_prefix = prefix && k + 1 == tokens.size();
          const std::string key = is_prefix ? tok.text : std::string(stemmer.Stem(tok.text));
          std::vector<bool> matches(corpus.stem_count());
          for (uint32_t s = 0; s < corpus.stem_count(); ++s) {
            const std::string& stem = corpus.stem(s);
            matches[s] = is_prefix ? (stem.starts_with(key) || corpus.surface(s).starts_with(key)) : stem == key;
          }
          pattern.words.push_back(std::move(matches));
        }
      }
      if (!pattern.words.empty()) patterns_.push_back(std::move(pattern));
    }
  }
  by_first_.resize(corpus.stem_count());
  for (uint32_t k = 0; k < patterns_.size(); ++k) {
    for (uint32_t s = 0; s < corpus.stem_count(); ++s) {
      if (patterns_[k].words[0][s]) by_first_[s].push_back(k);
    }
  }
}

bool TaxonomyMatcher::MatchesAt(const Pattern& p, std::span<const uint32_t> words, size_t at) const {
  if (at + p.words.size() > words.size()) return false;
  for (size_t k = 0; k < p.words.size(); ++k) {
    const uint32_t w = words[at + k];
    if (w == kClauseBreak || !p.words[k][w]) return false;
  }
  return true;
}

void TaxonomyMatcher::Match(const CommentCorpus& corpus, size_t i, std::vector<Hit>* out) const {
  out->clear();
  const auto words = corpus.words(i);
  for (size_t at = 0; at < words.size(); ++at) {
    if (words[at] == kClauseBreak) continue;
    for (uint32_t k : by_first_[words[at]]) {
      if (MatchesAt(patterns_[k], words, at)) out->push_back({patterns_[k].theme, patterns_[k].index});
    }
  }
}

bool TaxonomyMatcher::MatchesStems(size_t theme, std::span<const uint32_t> stems) const {
  for (const Pattern& p : patterns_) {
    if (p.theme != theme) continue;
    for (size_t at = 0; at < stems.size(); ++at) {
      if (MatchesAt(p, stems, at)) return true;
    }
  }
  return false;
}

}  // namespace touchpoint::text
