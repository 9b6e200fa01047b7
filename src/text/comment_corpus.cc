#include "text/comment_corpus.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

#include "text/lexicon_sentiment.h"
#include "text/sentiment_features.h"
#include "text/stemmer.h"
#include "text/stop_words.h"
#include "text/string_hash.h"
#include "text/tokenizer.h"
#include "text/for_parts.h"

namespace touchpoint::text {
namespace {

// One thread's share: a contiguous range of comments with local stem ids.
struct Shard {
  struct WordEntry {
    uint32_t stem = 0;  // local stem id
    uint64_t count = 0;  // as a theme word
    bool negator = false;
    bool theme_word = false;  // kept among the theme words (not a stop word, 2+ bytes, or a negator)
  };
  std::unordered_map<std::string, WordEntry, StringHash, std::equal_to<>> words;  // folded word -> entry
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> stem_ids;
  std::deque<std::string> stems;  // a deque: WordInfo points into it
  std::vector<WordInfo> infos;    // per token of the current comment
  std::vector<float> lexicon;
  std::vector<uint32_t> features, word_ids;
  std::vector<uint64_t> feature_ends, word_ends;
  uint64_t tokens = 0;
  std::vector<WordEntry*> entries_scratch;

  // The entry of a folded word, stemmed and classified on first sight.
  WordEntry& Entry(const std::string& word, Stemmer& stemmer) {
    auto it = words.find(word);
    if (it == words.end()) {
      const std::string_view stem = stemmer.Stem(word);
      auto [sit, added] = stem_ids.try_emplace(std::string(stem), static_cast<uint32_t>(stems.size()));
      if (added) stems.emplace_back(stem);
      WordEntry e;
      e.stem = sit->second;
      e.negator = IsNegator(word);
      e.theme_word = e.negator || (word.size() >= 2 && !IsStopWord(word));
      it = words.emplace(word, e).first;
    }
    return it->second;
  }

  void Process(std::string_view text, const Tokenizer& tokenizer, const LexiconSentiment& sentiment,
               Stemmer& stemmer, FeatureExtractor& extractor, std::vector<Token>& tokens_scratch) {
    tokenizer.Tokenize(text, &tokens_scratch);
    lexicon.push_back(static_cast<float>(sentiment.Score(tokens_scratch).score));
    infos.assign(tokens_scratch.size(), WordInfo{});
    std::vector<WordEntry*>& entries = entries_scratch;
    entries.assign(tokens_scratch.size(), nullptr);
    for (size_t k = 0; k < tokens_scratch.size(); ++k) {
      const Token& t = tokens_scratch[k];
      if (t.kind != TokenKind::kWord && t.kind != TokenKind::kHashtag) continue;
      WordEntry& e = Entry(t.text, stemmer);
      entries[k] = &e;
      infos[k] = WordInfo{&stems[e.stem], e.negator};
    }
    extractor.Extract(tokens_scratch, infos, &features);
    feature_ends.push_back(features.size());
    bool open = false;  // a clause has words since the last break
    for (size_t k = 0; k < tokens_scratch.size(); ++k) {
      if (tokens_scratch[k].kind == TokenKind::kPunct) {
        if (open) word_ids.push_back(kClauseBreak);
        open = false;
        continue;
      }
      WordEntry* e = entries[k];
      if (e == nullptr) continue;
      ++tokens;
      if (!e->theme_word) continue;
      ++e->count;
      word_ids.push_back(e->stem);
      open = true;
    }
    if (!word_ids.empty() && word_ids.back() == kClauseBreak) word_ids.pop_back();
    word_ends.push_back(word_ids.size());
  }
};

}  // namespace

CommentCorpus CommentCorpus::Build(const std::vector<std::string_view>& texts, size_t threads) {
  const size_t n = texts.size();
  std::vector<Shard> shards(PartCount(n, threads));
  const size_t shard_count = shards.size();
  const Lexicon& lexicon = Lexicon::Default();
  ForParts(n, threads, [&](size_t begin, size_t end, size_t s) {
    const Tokenizer tokenizer(lexicon);
    const LexiconSentiment sentiment(lexicon);
    Stemmer stemmer;
    FeatureExtractor extractor;
    std::vector<Token> tokens;
    Shard& shard = shards[s];
    shard.lexicon.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) shard.Process(texts[i], tokenizer, sentiment, stemmer, extractor, tokens);
  });

  // Merge: global stem ids in alphabetical order, so they do not depend on
  // the thread count.
  CommentCorpus c;
  for (const Shard& shard : shards) c.stems_.insert(c.stems_.end(), shard.stems.begin(), shard.stems.end());
  std::sort(c.stems_.begin(), c.stems_.end());
  c.stems_.erase(std::unique(c.stems_.begin(), c.stems_.end()), c.stems_.end());
  std::unordered_map<std::string_view, uint32_t> global;
  global.reserve(c.stems_.size());
  for (size_t id = 0; id < c.stems_.size(); ++id) global.emplace(c.stems_[id], static_cast<uint32_t>(id));
  std::vector<std::vector<uint32_t>> remap(shard_count);
  for (size_t s = 0; s < shard_count; ++s) {
    for (const std::string& stem : shards[s].stems) remap[s].push_back(global.at(stem));
  }
  // The written form of each stem: its most frequent word over all shards.
  std::unordered_map<std::string, uint64_t, StringHash, std::equal_to<>> word_counts;
  for (const Shard& shard : shards) {
    for (const auto& [word, entry] : shard.words) {
      if (entry.count > 0) word_counts[word] += entry.count;
    }
  }
  c.surfaces_.assign(c.stems_.size(), std::string());
  std::vector<uint64_t> best(c.stems_.size(), 0);
  for (size_t s = 0; s < shard_count; ++s) {
    for (const auto& [word, entry] : shards[s].words) {
      if (entry.count == 0) continue;  // never a theme word: not a written form to show
      const uint32_t id = remap[s][entry.stem];
      const uint64_t count = word_counts[word];
      if (count > best[id] || (count == best[id] && word < c.surfaces_[id])) {
        best[id] = count;
        c.surfaces_[id] = word;
      }
    }
  }
  c.negator_.resize(c.stems_.size());
  for (size_t id = 0; id < c.stems_.size(); ++id) c.negator_[id] = IsNegator(c.surfaces_[id]);

  c.lexicon_.reserve(n);
  size_t begin = 0;
  for (size_t s = 0; s < shard_count; ++s) {
    Shard& shard = shards[s];
    c.lexicon_.insert(c.lexicon_.end(), shard.lexicon.begin(), shard.lexicon.end());
    Block& block = c.blocks_.emplace_back();
    block.begin = begin;
    begin += shard.lexicon.size();
    for (uint32_t& w : shard.word_ids) {
      if (w != kClauseBreak) w = remap[s][w];
    }
    block.features = std::move(shard.features);
    block.feature_ends = std::move(shard.feature_ends);
    block.words = std::move(shard.word_ids);
    block.word_ends = std::move(shard.word_ends);
    c.token_count_ += shard.tokens;
    shard = Shard();  // the maps go
  }
  if (c.blocks_.empty()) c.blocks_.emplace_back();
  return c;
}

void CommentCorpus::ReleaseFeatures() {
  for (Block& b : blocks_) {
    std::vector<uint32_t>().swap(b.features);
    std::vector<uint64_t>().swap(b.feature_ends);
  }
}

}  // namespace touchpoint::text
