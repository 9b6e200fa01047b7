#include "text/stop_words.h"

#include <string>
#include <unordered_set>

#include "text/string_hash.h"

namespace touchpoint::text {
namespace {

using WordSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// Touchpoint's own list: pronouns, articles, auxiliaries, prepositions,
// conjunctions and fillers common in comments and posts.
constexpr std::string_view kStopWords[] = {
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "doing", "down", "during", "each", "even", "ever", "every", "few", "for", "from",
    "further", "get", "gets", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
    "him", "himself", "his", "how", "however", "i", "i'd", "i'll", "i'm", "i've", "if", "im", "in", "into",
    "is", "it", "it's", "its", "itself", "ive", "just", "let", "let's", "me", "might", "more", "most", "much",
    "must", "my", "myself", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours",
    "ourselves", "out", "over", "own", "quite", "rather", "really", "same", "she", "she's", "should", "so",
    "some", "such", "than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there",
    "there's", "these", "they", "they're", "this", "those", "though", "through", "to", "too", "under", "until",
    "up", "us", "very", "was", "we", "we're", "we've", "were", "what", "what's", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "you", "you'd", "you'll", "you're", "you've",
    "your", "yours", "yourself", "yourselves", "u", "ur", "im", "ill", "id", "ive", "youre", "theyre", "thats",
    "whats", "theres", "dont", "oh", "ok", "okay", "well", "yes", "yeah", "yet", "etc", "via", "amp", "rt",
    "still", "already", "back", "since", "said", "say", "says", "go", "going", "went", "gone", "make", "made",
    "way", "thing", "things", "lot", "bit", "would've", "could've", "should've", "may", "shall", "'s", "s", "t",
    "re", "ve", "ll", "d", "m", "gonna", "wanna", "gotta", "cuz", "bc",
};

constexpr std::string_view kNegators[] = {
    "not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "without", "cannot",
    "hardly", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wont",
    "wouldnt", "shouldnt", "havent", "hasnt", "hadnt", "aint", "mustnt", "neednt", "nope", "nah",
};

WordSet MakeSet(const std::string_view* begin, const std::string_view* end) {
  WordSet set;
  for (const auto* p = begin; p != end; ++p) set.emplace(*p);
  return set;
}

const WordSet& StopWords() {
  static const WordSet* set = [] {
    auto* s = new WordSet(MakeSet(std::begin(kStopWords), std::end(kStopWords)));
    for (std::string_view w : kNegators) s->emplace(w);
    return s;
  }();
  return *set;
}

const WordSet& Negators() {
  static const WordSet* set = new WordSet(MakeSet(std::begin(kNegators), std::end(kNegators)));
  return *set;
}

}  // namespace

bool IsStopWord(std::string_view word) {
  const WordSet& s = StopWords();
  return s.find(word) != s.end() || (word.size() > 3 && word.ends_with("n't"));
}

bool IsNegator(std::string_view word) {
  const WordSet& s = Negators();
  return s.find(word) != s.end() || (word.size() > 3 && word.ends_with("n't"));
}

}  // namespace touchpoint::text
