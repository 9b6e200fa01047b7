#include "demo/demo_event.h"

#include <array>
#include <string>

namespace touchpoint::demo {
namespace {

constexpr std::string_view kEventNames[kEventTypeCount] = {
    "page_view",           "impression",     "click",      "signup",     "activation",
    "add_to_cart",         "checkout",       "purchase",   "refund",     "survey_response",
    "feature_use",         "like",           "comment",    "share",      "subscription_start",
    "subscription_cancel", "support_ticket", "email_sent", "email_open", "email_click",
};
constexpr std::string_view kChannelNames[] = {"", "web", "app", "email", "social", "search", "ads", "support"};
constexpr std::string_view kFeatureNames[] = {"", "reports", "export", "dashboards", "alerts", "integrations", "api"};
constexpr std::string_view kSurveyNames[] = {"", "nps", "csat", "ces"};
constexpr std::string_view kDeviceNames[kDeviceCount] = {"desktop", "mobile", "tablet"};
constexpr std::string_view kCountryNames[kCountryCount] = {"US", "DE", "GB", "FR", "IN", "BR",
                                                           "CA", "ES", "NL", "AU", "JP", "MX"};
constexpr std::string_view kNamedCampaigns[campaign::kNewsletterBase] = {
    "",
    "spring_sale",
    "summer_sale",
    "back_to_school",
    "black_friday",
    "holiday_gifts",
    "prospecting",
    "retargeting",
    "brand_search",
    "generic_search",
    "social_organic",
    "influencer_collab",
};
constexpr std::string_view kFixedPages[page::kProductBase] = {
    "",         "/",     "/pricing",  "/features",           "/signup",  "/login",
    "/account", "/cart", "/checkout", "/order/confirmation", "/support", "/search",
};
constexpr std::string_view kProductSlugs[page::kProductCount] = {
    "wireless-earbuds",
    "smart-thermostat",
    "fitness-tracker",
    "noise-cancelling-headphones",
    "smart-speaker",
    "robot-vacuum",
    "espresso-machine",
    "air-purifier",
    "electric-toothbrush",
    "smartwatch",
    "portable-charger",
    "action-camera",
    "e-reader",
    "gaming-mouse",
    "mechanical-keyboard",
    "4k-monitor",
    "video-doorbell",
    "led-desk-lamp",
    "bluetooth-speaker",
    "drone",
    "standing-desk",
    "webcam",
    "router",
    "tablet-stand",
};
constexpr std::string_view kProductLabels[page::kProductCount] = {
    "wireless earbuds",
    "smart thermostat",
    "fitness tracker",
    "noise cancelling headphones",
    "smart speaker",
    "robot vacuum",
    "espresso machine",
    "air purifier",
    "electric toothbrush",
    "smartwatch",
    "portable charger",
    "action camera",
    "e-reader",
    "gaming mouse",
    "mechanical keyboard",
    "4K monitor",
    "video doorbell",
    "LED desk lamp",
    "bluetooth speaker",
    "drone",
    "standing desk",
    "webcam",
    "router",
    "tablet stand",
};
constexpr std::string_view kBlogSlugs[page::kBlogCount] = {
    "10-tips-for-better-sleep", "home-office-setup", "best-gifts-2024",    "smart-home-guide",
    "how-to-choose-earbuds",    "coffee-at-home",    "travel-gadgets",     "productivity-hacks",
    "customer-stories",         "release-notes",     "dashboard-tutorial", "alerts-explained",
    "api-quickstart",           "sustainability",    "black-friday-deals", "year-in-review",
};
constexpr std::string_view kAppScreens[page::kAppCount] = {
    "/app/home",         "/app/reports", "/app/dashboards", "/app/alerts",
    "/app/integrations", "/app/export",  "/app/api-keys",   "/app/settings",
};

struct Tables {
  std::array<std::string, campaign::kCount> campaigns;
  std::array<std::string, page::kCount> pages;
  Tables() {
    for (int i = 0; i < campaign::kCount; ++i) {
      if (i < campaign::kNewsletterBase) {
        campaigns[i] = kNamedCampaigns[i];
      } else {
        const int week = i - campaign::kNewsletterBase + 1;
        campaigns[i] = "newsletter_w" + std::string(week < 10 ? "0" : "") + std::to_string(week);
      }
    }
    for (int i = 0; i < page::kCount; ++i) {
      if (i < page::kProductBase) {
        pages[i] = kFixedPages[i];
      } else if (i < page::kBlogBase) {
        pages[i] = "/product/" + std::string(kProductSlugs[i - page::kProductBase]);
      } else if (i < page::kAppBase) {
        pages[i] = "/blog/" + std::string(kBlogSlugs[i - page::kBlogBase]);
      } else {
        pages[i] = kAppScreens[i - page::kAppBase];
      }
    }
  }
};

const Tables& GetTables() {
  static const Tables tables;  // thread-safe initialization (C++11 magic statics)
  return tables;
}

}  // namespace

std::string_view EventName(EventType type) { return kEventNames[static_cast<int>(type)]; }
std::string_view ChannelName(Channel channel) { return kChannelNames[static_cast<int>(channel)]; }
std::string_view FeatureName(Feature feature) { return kFeatureNames[static_cast<int>(feature)]; }
std::string_view SurveyName(Survey survey) { return kSurveyNames[static_cast<int>(survey)]; }
std::string_view CampaignName(uint8_t campaign_id) { return GetTables().campaigns[campaign_id]; }
std::string_view PageName(uint16_t page_id) { return GetTables().pages[page_id]; }
std::string_view ProductLabel(uint16_t product_index) { return kProductLabels[product_index]; }
std::string_view DeviceName(Device device) { return kDeviceNames[static_cast<int>(device)]; }
std::string_view CountryName(uint8_t country) { return kCountryNames[country]; }

}  // namespace touchpoint::demo
