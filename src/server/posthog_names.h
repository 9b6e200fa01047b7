// PostHog's names for events and properties, mapped onto ours, so PostHog's
// libraries can send to Touchpoint unchanged. The tables are in
// docs/server.md ("PostHog payloads"); this file is their one copy.
// Pure functions over constant tables; thread-safe.
#ifndef TOUCHPOINT_SERVER_POSTHOG_NAMES_H_
#define TOUCHPOINT_SERVER_POSTHOG_NAMES_H_

#include <optional>
#include <string_view>

#include "event/schema.h"

namespace touchpoint::server {

// What an incoming PostHog event name becomes.
enum class PostHogEventKind {
  kEvent,        // stored under the name PostHogEventName returns
  kIdentify,     // $identify: links $anon_distinct_id to distinct_id
  kCreateAlias,  // $create_alias: links properties.alias to distinct_id
  kIgnored,      // PostHog bookkeeping ($set, $feature_flag_called...): acknowledged, not stored
};
PostHogEventKind ClassifyPostHogEvent(std::string_view name);
// $pageview and $screen -> page_view, $pageleave -> page_leave; others unchanged.
std::string_view PostHogEventName(std::string_view name);

// Where a PostHog property goes.
struct PostHogProperty {
  std::optional<Role> role;    // a column of ours
  std::string_view property;   // else a named property ("" = dropped)
  bool lower_case = false;     // the value is lower-cased ($device_type "Mobile" -> "mobile")
};
// A property of ours (channel, page...) keeps its role; $current_url is the
// page, $session_id the session, utm_campaign the campaign; a few $-names
// become plain properties ($device_type -> device, $browser -> browser);
// every other $-name is PostHog's bookkeeping and is dropped; other names are
// kept as they are.
PostHogProperty MapPostHogProperty(std::string_view name);

// The channel implied by utm_medium (email -> email, cpc -> ads...), or "".
std::string_view ChannelFromUtmMedium(std::string_view medium);
// The channel implied by the sending library ($lib: web -> web, posthog-ios -> app), or "".
std::string_view ChannelFromLib(std::string_view lib);

}  // namespace touchpoint::server

#endif  // TOUCHPOINT_SERVER_POSTHOG_NAMES_H_
