#include "demo/comment_templates.h"

#include <charconv>
#include <span>

#include "demo/demo_event.h"
#include "demo/random.h"

namespace touchpoint::demo {
namespace {

// Slots: {product} {feature} {days} {hours} {minutes} {amount} {order} {good} {bad}.
constexpr std::string_view kPraise[] = {
    "Love the {product}, works exactly as described.",
    "Fast delivery, great quality. Would recommend to friends!",
    "The {feature} feature saves me hours every week, {good} product.",
    "Support answered in {minutes} minutes and fixed it. Impressed.",
    "Easy to set up, the \"{feature}\" view is {good}.",
    "Best {product} I have owned, and the app is {good} too.",
    "Smooth checkout, arrived in {days} days, no complaints at all.",
    "Really {good} experience overall, keep it up.",
};
constexpr std::string_view kMixed[] = {
    "The {product} is fine, but delivery took {days} days.",
    "Good value overall, though the {feature} page is a bit slow.",
    "Decent, but the price is higher than I expected.",
    "Works OK. Setup was confusing, support was helpful though.",
    "Nice {product}, packaging could be better.",
    "Mostly {good}, but I miss a proper export of {feature}.",
};
constexpr std::string_view kPrice[] = {
    "Too expensive for what you get, {amount} for a {product} is a lot.",
    "The price went up again, I am looking at cheaper alternatives.",
    "Subscription costs {amount} a month, which is hard to justify.",
    "Shipping fees of {amount} on top of the price? Really {bad}.",
    "Overpriced. Competitors offer the same for half, \"premium\" my foot.",
    "I like the product, but the pricing is {bad}.",
};
constexpr std::string_view kShippingDelay[] = {
    "My order #{order} arrived {days} days late, no update on tracking.",
    "Shipping took {days} days, the estimate said 3. {bad}.",
    "The {product} never arrived, tracking says \"in transit\" for a week.",
    "Delivery was delayed twice and nobody told me why.",
    "Waited {days} days for a {product}, that is far too slow.",
    "Package lost, then resent, {days} days in total. Not great.",
};
constexpr std::string_view kSupportWait[] = {
    "Waited {minutes} minutes on hold, then the call dropped.",
    "Support took {days} days to answer a simple question.",
    "Nobody replies to emails, I opened three tickets already.",
    "The chat bot is useless, and reaching a human took {minutes} minutes.",
    "Support was {bad}: long wait, and they closed my ticket without a fix.",
    "I had to explain the problem again to every agent, {bad}.",
};
constexpr std::string_view kBug[] = {
    "The app crashes every time I open {feature}.",
    "{feature} has been broken since the last update, error 500.",
    "The {product} stopped syncing after a firmware update.",
    "Data in {feature} is wrong, numbers do not match my records.",
    "Login loops back to the start page on mobile, {bad}.",
    "The \"{feature}\" button does nothing, tried on two browsers.",
};
constexpr std::string_view kCheckoutError[] = {
    "Checkout failed three times, payment declined with no reason.",
    "Got an error at checkout, but my card was charged {amount} anyway.",
    "The coupon code did not work at checkout, {bad}.",
    "Checkout page froze after entering the address, had to start over.",
    "Payment went through twice for order #{order}.",
    "Could not pay with PayPal, the checkout just spins.",
};
constexpr std::string_view kRefundProblem[] = {
    "Still waiting for my refund of {amount}, it has been {days} days.",
    "Returned the {product}, refund was refused. {bad}.",
    "The refund for order #{order} is only partial, missing {amount}.",
    "Refund process is a nightmare, three forms and no answer.",
    "They promised a refund in 5 days, it took {days}.",
    "Refund \"approved\" weeks ago, nothing on my card yet.",
};
constexpr std::string_view kTicketPrefix[] = {
    "Hello, ", "Hi team, ", "", "Urgent: ", "Hi, ", "Order issue: ", "",
};
constexpr std::string_view kTicketSuffix[] = {
    " Please help.", " Can someone look into this?", "", " Thanks.", " I need this fixed today.", "",
};
constexpr std::string_view kSocialChatter[] = {
    "Love this!",
    "Where can I buy the {product}?",
    "Is the {product} available in {country}?",
    "Ordered mine last week, can't wait.",
    "Price for the {product}? Asking for a friend.",
    "Best {product} ever, seriously.",
    "When is the next sale?",
    "This looks {good}!",
    "Mine arrived late, but it's {good}.",
    "Does it work with {feature}?",
};
constexpr std::string_view kGood[] = {"great", "excellent", "fantastic", "really good", "solid", "superb", "brilliant"};
constexpr std::string_view kBad[] = {"disappointing", "frustrating", "unacceptable",
                                     "annoying",      "ridiculous",  "not OK"};
constexpr std::string_view kFeatures[] = {"reports", "export", "dashboards", "alerts", "integrations", "API"};
constexpr std::string_view kCountries[] = {"Germany", "Brazil", "India", "France", "the UK", "Canada"};

template <size_t N>
std::string_view Choose(Rng& rng, const std::string_view (&options)[N]) {
  return options[rng.Below(N)];
}

void AppendNumber(int64_t value, std::string* out) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), value);
  out->append(buf, r.ptr);
}

// Expands one template's slots into *out.
void Expand(std::string_view text, Rng& rng, std::string* out) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    if (open == std::string_view::npos) {
      out->append(text.substr(i));
      return;
    }
    out->append(text.substr(i, open - i));
    const size_t close = text.find('}', open);
    const std::string_view slot = text.substr(open + 1, close - open - 1);
    if (slot == "product") {
      out->append(ProductLabel(static_cast<uint16_t>(rng.Below(page::kProductCount))));
    } else if (slot == "feature") {
      out->append(Choose(rng, kFeatures));
    } else if (slot == "days") {
      AppendNumber(5 + static_cast<int64_t>(rng.Below(26)), out);
    } else if (slot == "minutes") {
      AppendNumber(10 + static_cast<int64_t>(rng.Below(80)), out);
    } else if (slot == "amount") {
      out->push_back('$');
      AppendNumber(9 + static_cast<int64_t>(rng.Below(240)), out);
      out->append(rng.Bernoulli(0.5) ? ".99" : ".00");
    } else if (slot == "order") {
      AppendNumber(100000 + static_cast<int64_t>(rng.Below(900000)), out);
    } else if (slot == "good") {
      out->append(Choose(rng, kGood));
    } else if (slot == "bad") {
      out->append(Choose(rng, kBad));
    } else if (slot == "country") {
      out->append(Choose(rng, kCountries));
    }
    i = close + 1;
  }
}

std::span<const std::string_view> Templates(CommentTheme theme) {
  switch (theme) {
    case CommentTheme::kPraise:
      return kPraise;
    case CommentTheme::kMixed:
      return kMixed;
    case CommentTheme::kPrice:
      return kPrice;
    case CommentTheme::kShippingDelay:
      return kShippingDelay;
    case CommentTheme::kSupportWait:
      return kSupportWait;
    case CommentTheme::kBug:
      return kBug;
    case CommentTheme::kCheckoutError:
      return kCheckoutError;
    case CommentTheme::kRefundProblem:
      return kRefundProblem;
    case CommentTheme::kSocialChatter:
      return kSocialChatter;
    case CommentTheme::kNone:
      break;
  }
  return {};
}

}  // namespace

std::string_view PainPointCategory(CommentTheme theme) {
  switch (theme) {
    case CommentTheme::kShippingDelay:
    case CommentTheme::kCheckoutError:
      return "process";
    case CommentTheme::kPrice:
    case CommentTheme::kRefundProblem:
      return "financial";
    case CommentTheme::kSupportWait:
      return "support";
    case CommentTheme::kBug:
      return "product";
    default:
      return "";
  }
}

void ComposeComment(CommentTheme theme, bool ticket, uint32_t seed, std::string* out) {
  const std::span<const std::string_view> templates = Templates(theme);
  if (templates.empty()) return;
  Rng rng(DeriveSeed(seed, static_cast<uint64_t>(theme)));
  const std::string_view text = templates[rng.Below(templates.size())];
  if (ticket) out->append(Choose(rng, kTicketPrefix));
  Expand(text, rng, out);
  if (ticket) out->append(Choose(rng, kTicketSuffix));
}

}  // namespace touchpoint::demo
