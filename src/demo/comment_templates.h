// Free-text comments for the demo data: survey comments, support tickets and
// social comments, built from templates with slots (product, feature, days,
// minutes, amount, order number) so that thousands of them do not repeat.
//
// Every complaint theme belongs to one pain-point category of MISSION.md
// (process, financial, support, product), so the text analyses have a known
// answer to find. Pure functions of their arguments; thread-safe.
#ifndef TOUCHPOINT_DEMO_COMMENT_TEMPLATES_H_
#define TOUCHPOINT_DEMO_COMMENT_TEMPLATES_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace touchpoint::demo {

enum class CommentTheme : uint8_t {
  kNone,
  kPraise,         // promoters, satisfied customers
  kMixed,          // passives: some good, some bad
  kPrice,          // financial: too expensive, price went up
  kShippingDelay,  // process: late or lost delivery
  kSupportWait,    // support: long waits, no answer
  kBug,            // product: crashes, broken features
  kCheckoutError,  // process: payment or checkout failures
  kRefundProblem,  // financial: refund slow or refused
  kSocialChatter,  // social comments under the brand's posts
};

// "process", "financial", "support", "product"; "" for praise, mixed and social.
std::string_view PainPointCategory(CommentTheme theme);

// Appends one comment of `theme` to *out. `ticket` phrases it as a support
// request rather than a survey answer. The same (theme, ticket, seed) always
// gives the same text. Comments may contain commas and double quotes.
void ComposeComment(CommentTheme theme, bool ticket, uint32_t seed, std::string* out);

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_COMMENT_TEMPLATES_H_
