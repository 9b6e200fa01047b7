// DemoEvent: one generated interaction in compact form, and the name tables
// its small integer fields index into (events, channels, campaigns, pages,
// features, surveys, devices, countries).
//
// The generator holds millions of these between simulation and output, so a
// row is 40 bytes of integers; strings are produced only when the row is
// formatted (row_formatter.h). Comment text is not stored either: the theme
// and a seed regenerate it deterministically (comment_templates.h).
// The name tables are immutable; safe to read from any thread.
#ifndef TOUCHPOINT_DEMO_DEMO_EVENT_H_
#define TOUCHPOINT_DEMO_DEMO_EVENT_H_

#include <cstdint>
#include <string_view>

#include "demo/comment_templates.h"

namespace touchpoint::demo {

// The well-known events of MISSION.md, in schema.h's order.
enum class EventType : uint8_t {
  kPageView,
  kImpression,
  kClick,
  kSignup,
  kActivation,
  kAddToCart,
  kCheckout,
  kPurchase,
  kRefund,
  kSurveyResponse,
  kFeatureUse,
  kLike,
  kComment,
  kShare,
  kSubscriptionStart,
  kSubscriptionCancel,
  kSupportTicket,
  kEmailSent,
  kEmailOpen,
  kEmailClick,
};
inline constexpr int kEventTypeCount = 20;
std::string_view EventName(EventType type);

enum class Channel : uint8_t { kNone, kWeb, kApp, kEmail, kSocial, kSearch, kAds, kSupport };
std::string_view ChannelName(Channel channel);

enum class Feature : uint8_t { kNone, kReports, kExport, kDashboards, kAlerts, kIntegrations, kApi };
inline constexpr int kFeatureCount = 6;  // without kNone
std::string_view FeatureName(Feature feature);

enum class Survey : uint8_t { kNone, kNps, kCsat, kCes };
std::string_view SurveyName(Survey survey);

// Campaign ids: 0 is "no campaign", then the named campaigns, then one
// newsletter per week of the year (newsletter_w01 .. newsletter_w53).
namespace campaign {
inline constexpr uint8_t kNone = 0;
inline constexpr uint8_t kSpringSale = 1;
inline constexpr uint8_t kSummerSale = 2;
inline constexpr uint8_t kBackToSchool = 3;
inline constexpr uint8_t kBlackFriday = 4;
inline constexpr uint8_t kHolidayGifts = 5;
inline constexpr uint8_t kProspecting = 6;
inline constexpr uint8_t kRetargeting = 7;
inline constexpr uint8_t kBrandSearch = 8;
inline constexpr uint8_t kGenericSearch = 9;
inline constexpr uint8_t kSocialOrganic = 10;
inline constexpr uint8_t kInfluencerCollab = 11;
inline constexpr uint8_t kNewsletterBase = 12;  // + week - 1
inline constexpr int kCount = kNewsletterBase + 53;
}  // namespace campaign
std::string_view CampaignName(uint8_t campaign_id);

// Page ids: 0 is "no page", then the fixed site pages, then product pages,
// blog posts and app screens.
namespace page {
inline constexpr uint16_t kNone = 0;
inline constexpr uint16_t kHome = 1;
inline constexpr uint16_t kPricing = 2;
inline constexpr uint16_t kFeatures = 3;
inline constexpr uint16_t kSignup = 4;
inline constexpr uint16_t kLogin = 5;
inline constexpr uint16_t kAccount = 6;
inline constexpr uint16_t kCart = 7;
inline constexpr uint16_t kCheckout = 8;
inline constexpr uint16_t kOrderConfirmation = 9;
inline constexpr uint16_t kSupport = 10;
inline constexpr uint16_t kSearch = 11;
inline constexpr uint16_t kProductBase = 12;
inline constexpr uint16_t kProductCount = 24;
inline constexpr uint16_t kBlogBase = kProductBase + kProductCount;
inline constexpr uint16_t kBlogCount = 16;
inline constexpr uint16_t kAppBase = kBlogBase + kBlogCount;
inline constexpr uint16_t kAppCount = 8;  // kAppBase + 0 is the app's home screen
inline constexpr uint16_t kCount = kAppBase + kAppCount;
}  // namespace page
std::string_view PageName(uint16_t page_id);
// The product's name in prose ("wireless earbuds"), for comments.
std::string_view ProductLabel(uint16_t product_index);

enum class Device : uint8_t { kDesktop, kMobile, kTablet };
inline constexpr int kDeviceCount = 3;
std::string_view DeviceName(Device device);
inline constexpr int kCountryCount = 12;
std::string_view CountryName(uint8_t country);  // ISO 3166 alpha-2: "US", "DE", ...

inline constexpr int32_t kNoRevenue = INT32_MIN;
inline constexpr int8_t kNoScore = -1;

struct DemoEvent {
  int64_t timestamp_ms = 0;
  uint32_t customer = 0;      // index in acquisition order
  uint32_t seq = 0;           // generation order within the customer; breaks timestamp ties
  uint32_t session = 0;       // app session number within the customer (1-based); 0 = no session_id
  uint32_t comment_seed = 0;  // regenerates the comment text with `comment`
  int32_t revenue_cents = kNoRevenue;
  uint16_t page = page::kNone;
  EventType event = EventType::kPageView;
  Channel channel = Channel::kNone;
  uint8_t campaign = campaign::kNone;
  Feature feature = Feature::kNone;
  Survey survey = Survey::kNone;
  int8_t score = kNoScore;
  CommentTheme comment = CommentTheme::kNone;
};
static_assert(sizeof(DemoEvent) <= 40, "millions are held in memory; keep DemoEvent compact");

// Output order: by time, then customer, then the customer's own order. All
// three together are unique, so sorting gives the same bytes every run.
inline bool EarlierEvent(const DemoEvent& a, const DemoEvent& b) {
  if (a.timestamp_ms != b.timestamp_ms) return a.timestamp_ms < b.timestamp_ms;
  if (a.customer != b.customer) return a.customer < b.customer;
  return a.seq < b.seq;
}

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_DEMO_EVENT_H_
