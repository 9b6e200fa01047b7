// The word lists of src/text/data, compiled into the binary at build time by
// embed_file.cmake (see data/NOTICE.md for their origin and licences), so
// the analysis needs no file or download at run time. Immutable; thread-safe.
#ifndef TOUCHPOINT_TEXT_EMBEDDED_DATA_H_
#define TOUCHPOINT_TEXT_EMBEDDED_DATA_H_

#include <string_view>

namespace touchpoint::text::data {

extern const std::string_view kAfinnEn;          // AFINN-en-165.txt: word<TAB>score
extern const std::string_view kAfinnEmoticons;   // AFINN-emoticon-8.txt: emoticon<TAB>score
extern const std::string_view kEmojiLexicon;     // emoji_lexicon.tsv
extern const std::string_view kFeedbackLexicon;  // feedback_lexicon.tsv
extern const std::string_view kDefaultTaxonomy;  // default_taxonomy.toml

}  // namespace touchpoint::text::data

#endif  // TOUCHPOINT_TEXT_EMBEDDED_DATA_H_
