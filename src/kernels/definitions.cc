#include "kernels/definitions.h"

namespace touchpoint::kernels {

Result<Preset> ParsePreset(std::string_view name) {
  if (name == "touchpoint") return Preset::kTouchpoint;
  if (name == "ga4") return Preset::kGa4;
  if (name == "posthog") return Preset::kPosthog;
  if (name == "plausible") return Preset::kPlausible;
  if (name == "umami") return Preset::kUmami;
  if (name == "matomo") return Preset::kMatomo;
  return Status::InvalidArgument("--definitions must be touchpoint, ga4, posthog, plausible, umami or matomo, not '" +
                                 std::string(name) + "'");
}

std::string_view PresetName(Preset preset) {
  switch (preset) {
    case Preset::kTouchpoint: return "touchpoint";
    case Preset::kGa4: return "ga4";
    case Preset::kPosthog: return "posthog";
    case Preset::kPlausible: return "plausible";
    case Preset::kUmami: return "umami";
    case Preset::kMatomo: return "matomo";
  }
  return "touchpoint";
}

void ApplyPreset(Preset preset, Definitions* d) {
  d->preset = preset;
  switch (preset) {
    case Preset::kTouchpoint:
      d->bounce = BounceRule::kSinglePageView;
      break;
    case Preset::kGa4:
      d->bounce = BounceRule::kNotEngaged;
      d->sessions_visitor_events_only = true;
      break;
    case Preset::kPosthog:
      d->bounce = BounceRule::kPosthog;
      d->max_session_ms = 24 * 3600 * 1000LL;
      d->sessions_visitor_events_only = true;
      break;
    case Preset::kPlausible:
      d->bounce = BounceRule::kNoSecondInteraction;
      d->sessions_visitor_events_only = true;
      break;
    case Preset::kUmami:
      d->bounce = BounceRule::kOneNonCustomEvent;
      d->sessions_visitor_events_only = true;
      break;
    case Preset::kMatomo:
      d->bounce = BounceRule::kAtMostOneAction;
      d->split_at_midnight = true;
      d->split_on_campaign_change = true;
      d->sessions_visitor_events_only = true;
      break;
  }
}

}  // namespace touchpoint::kernels
