// Definitions: every rule a measure depends on, from the defaults of
// docs/metrics.md, the config file, flags, and `--definitions PRESET`, which
// switches the session, bounce and duration rules to another tool's
// documented definition. Plain data; copyable.
#ifndef TOUCHPOINT_KERNELS_DEFINITIONS_H_
#define TOUCHPOINT_KERNELS_DEFINITIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace touchpoint::kernels {

enum class Preset { kTouchpoint, kGa4, kPosthog, kPlausible, kUmami, kMatomo };

enum class BounceRule {
  kSinglePageView,       // touchpoint: the session's only event is one page_view
  kNotEngaged,           // ga4: < 10 s, no key event, < 2 page views
  kPosthog,              // < 2 page views, no interactive event, < 10 s
  kNoSecondInteraction,  // plausible: one page view and no interactive event
  kOneNonCustomEvent,    // umami: exactly one page view (custom events aside)
  kAtMostOneAction,      // matomo: at most one action
};

struct Definitions {
  Preset preset = Preset::kTouchpoint;
  int64_t session_timeout_ms = 1800 * 1000;  // a gap of MORE than this starts a session
  bool respect_session_id = true;
  int64_t max_session_ms = 0;            // posthog: 24 h cap; 0 = none
  bool split_at_midnight = false;        // matomo (reporting zone)
  bool split_on_campaign_change = false;  // matomo
  // Only visitor-made events form sessions (web-analytics presets drop
  // impressions and email_sent, which the visitor never did on the site).
  bool sessions_visitor_events_only = false;
  BounceRule bounce = BounceRule::kSinglePageView;
  int64_t engaged_ms = 10 * 1000;  // ga4 / posthog engagement threshold

  std::vector<std::string> conversion_events = {"purchase"};
  std::string activation_event = "activation";
  int64_t activation_window_ms = 7 * 86400 * 1000LL;
  double csat_satisfied_min = 4;
  bool ces_higher_is_easier = true;
  // Events that are not the customer's own actions but what the business
  // shows or sends (docs/metrics.md, "Activity"): they start no session and
  // belong to none, and make nobody active (first seen, DAU/MAU, churn,
  // retention, lifecycle); they stay the denominators of CTR and open rates.
  std::vector<std::string> inactive_events = {"impression", "email_sent"};
};

Result<Preset> ParsePreset(std::string_view name);
std::string_view PresetName(Preset preset);
// Applies a preset's session/bounce/duration rules on top of `defs`.
void ApplyPreset(Preset preset, Definitions* defs);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_DEFINITIONS_H_
