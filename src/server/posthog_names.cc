#include "server/posthog_names.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace touchpoint::server {
namespace {

struct Rename {
  std::string_view from, to;
};

constexpr Rename kEventNames[] = {
    {"$pageview", "page_view"},
    {"$screen", "page_view"},  // the app's page view
    {"$pageleave", "page_leave"},
};

// Person and flag bookkeeping, session-recording chunks and performance
// samples: not interactions of the customer.
constexpr std::string_view kIgnoredEvents[] = {
    "$set", "$groupidentify", "$feature_flag_called", "$opt_in", "$snapshot", "$performance_event", "$web_vitals",
};

struct PropertyRule {
  std::string_view from;
  Role role;
};

constexpr PropertyRule kPropertyRoles[] = {
    {"$current_url", Role::kPage},     {"$screen_name", Role::kPage},     {"$session_id", Role::kSessionId},
    {"utm_campaign", Role::kCampaign}, {"$utm_campaign", Role::kCampaign}, {"$revenue", Role::kRevenue},
};

struct PropertyRename {
  std::string_view from, to;
  bool lower_case;
};

constexpr PropertyRename kPropertyNames[] = {
    {"$device_type", "device", true},     {"$browser", "browser", false},
    {"$os", "os", false},                 {"$referrer", "referrer", false},
    {"$referring_domain", "referring_domain", false}, {"$pathname", "pathname", false},
    {"$host", "host", false},             {"$geoip_country_code", "country", false},
    {"$utm_source", "utm_source", false}, {"$utm_medium", "utm_medium", false},
};

constexpr Rename kMediumChannels[] = {
    {"email", "email"},   {"e-mail", "email"},  {"newsletter", "email"}, {"cpc", "ads"},     {"ppc", "ads"},
    {"paid", "ads"},      {"paidsearch", "ads"}, {"display", "ads"},      {"banner", "ads"},  {"cpm", "ads"},
    {"social", "social"}, {"social-media", "social"}, {"organic", "search"}, {"sms", "sms"}, {"affiliate", "affiliate"},
};

constexpr Rename kLibChannels[] = {
    {"web", "web"},
    {"posthog-ios", "app"},
    {"posthog-android", "app"},
    {"posthog-react-native", "app"},
    {"posthog-flutter", "app"},
};

template <typename Table>
std::string_view Lookup(const Table& table, std::string_view key) {
  for (const auto& r : table) {
    if (r.from == key) return r.to;
  }
  return std::string_view();
}

}  // namespace

PostHogEventKind ClassifyPostHogEvent(std::string_view name) {
  if (name == "$identify") return PostHogEventKind::kIdentify;
  if (name == "$create_alias") return PostHogEventKind::kCreateAlias;
  if (std::find(std::begin(kIgnoredEvents), std::end(kIgnoredEvents), name) != std::end(kIgnoredEvents)) {
    return PostHogEventKind::kIgnored;
  }
  return PostHogEventKind::kEvent;
}

std::string_view PostHogEventName(std::string_view name) {
  std::string_view ours = Lookup(kEventNames, name);
  return ours.empty() ? name : ours;
}

PostHogProperty MapPostHogProperty(std::string_view name) {
  PostHogProperty out;
  if (auto role = RoleFromName(name)) {
    // The required columns come from the event's own fields (timestamp,
    // distinct_id, event), never from its properties.
    if (*role != Role::kTimestamp && *role != Role::kCustomerId && *role != Role::kEvent) out.role = role;
    return out;
  }
  for (const PropertyRule& r : kPropertyRoles) {
    if (r.from == name) {
      out.role = r.role;
      return out;
    }
  }
  for (const PropertyRename& r : kPropertyNames) {
    if (r.from == name) {
      out.property = r.to;
      out.lower_case = r.lower_case;
      return out;
    }
  }
  if (!name.starts_with('$') && name != "token" && name != "distinct_id") out.property = name;
  return out;
}

std::string_view ChannelFromUtmMedium(std::string_view medium) {
  std::string lower(medium.substr(0, 32));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return Lookup(kMediumChannels, lower);
}

std::string_view ChannelFromLib(std::string_view lib) { return Lookup(kLibChannels, lib); }

}  // namespace touchpoint::server
