#include "text/comment_corpus.h"

#include <algorithm>
#include <unordered_map>

#include "text/lexicon_sentiment.h"
#include "text/sentiment_features.h"
#include "text/stemmer.h"
#include "text/stop_words.h"
#include "text/string_hash.h"
#include "text/tokenizer.h"
#include "util/thread_pool.h"

namespace touchpoint::text {
namespace {

// One thread's share: a contiguous range of comments with local stem ids.
struct Shard {
  struct WordEntry {
    uint32_t stem = 0;  // local stem id
    uint64_t count = 0;
  };
  std::unordered_map<std::string, WordEntry, StringHash, std::equal_to<>> words;  // folded word -> entry
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> stem_ids;
  std::vector<std::string> stems;
  std::vector<float> lexicon;
  std::vector<uint32_t> features, word_ids;
  std::vector<uint64_t> feature_ends, word_ends;
  uint64_t tokens = 0;

  void Process(std::string_view text, const Tokenizer& tokenizer, const LexiconSentiment& sentiment,
               Stemmer& stemmer, FeatureExtractor& extractor, std::vector<Token>& tokens_scratch) {
    tokenizer.Tokenize(text, &tokens_scratch);
    lexicon.push_back(static_cast<float>(sentiment.Score(tokens_scratch).score));
    extractor.Extract(tokens_scratch, stemmer, &features);
    feature_ends.push_back(features.size());
    bool open = false;  // a clause has words since the last break
    for (const Token& t : tokens_scratch) {
      if (t.kind == TokenKind::kPunct) {
        if (open) word_ids.push_back(kClauseBreak);
        open = false;
        continue;
      }
      if (t.kind != TokenKind::kWord && t.kind != TokenKind::kHashtag) continue;
      ++tokens;
      if (t.text.size() < 2 && !IsNegator(t.text)) continue;
      if (IsStopWord(t.text) && !IsNegator(t.text)) continue;
      auto it = words.find(t.text);
      if (it == words.end()) {
        const std::string_view stem = stemmer.Stem(t.text);
        auto [sit, added] = stem_ids.try_emplace(std::string(stem), static_cast<uint32_t>(stems.size()));
        if (added) stems.emplace_back(stem);
        it = words.emplace(t.text, WordEntry{sit->second, 0}).first;
      }
      ++it->second.count;
      word_ids.push_back(it->second.stem);
      open = true;
    }
    if (!word_ids.empty() && word_ids.back() == kClauseBreak) word_ids.pop_back();
    word_ends.push_back(word_ids.size());
  }
};

}  // namespace

CommentCorpus CommentCorpus::Build(const std::vector<std::string_view>& texts, size_t threads) {
  if (threads == 0) threads = DefaultThreadCount();
  const size_t n = texts.size();
  const size_t shard_count = std::max<size_t>(1, std::min(threads, n / 256 + 1));
  std::vector<Shard> shards(shard_count);
  const Lexicon& lexicon = Lexicon::Default();
  RunParallel(shard_count, shard_count, [&](size_t s) {
    const Tokenizer tokenizer(lexicon);
    const LexiconSentiment sentiment(lexicon);
    Stemmer stemmer;
    FeatureExtractor extractor;
    std::vector<Token> tokens;
    Shard& shard = shards[s];
    const size_t begin = n * s / shard_count, end = n * (s + 1) / shard_count;
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
    for (const auto& [word, entry] : shard.words) word_counts[word] += entry.count;
  }
  c.surfaces_.assign(c.stems_.size(), std::string());
  std::vector<uint64_t> best(c.stems_.size(), 0);
  for (size_t s = 0; s < shard_count; ++s) {
    for (const auto& [word, entry] : shards[s].words) {
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
  c.feature_offsets_.reserve(n + 1);
  c.word_offsets_.reserve(n + 1);
  c.feature_offsets_.push_back(0);
  c.word_offsets_.push_back(0);
  for (size_t s = 0; s < shard_count; ++s) {
    Shard& shard = shards[s];
    c.lexicon_.insert(c.lexicon_.end(), shard.lexicon.begin(), shard.lexicon.end());
    const uint64_t feature_base = c.features_.size(), word_base = c.words_.size();
    c.features_.insert(c.features_.end(), shard.features.begin(), shard.features.end());
    for (uint64_t e : shard.feature_ends) c.feature_offsets_.push_back(feature_base + e);
    for (uint32_t w : shard.word_ids) c.words_.push_back(w == kClauseBreak ? w : remap[s][w]);
    for (uint64_t e : shard.word_ends) c.word_offsets_.push_back(word_base + e);
    c.token_count_ += shard.tokens;
    shard = Shard();  // free as we go
  }
  return c;
}

}  // namespace touchpoint::text
