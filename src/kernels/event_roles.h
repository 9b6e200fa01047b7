// EventRoles: the catalog codes of the events and values the measures look
// for (page_view, purchase, the conversion set, survey kinds...), resolved
// once per scan so kernels compare integers. Immutable; thread-safe.
#ifndef TOUCHPOINT_KERNELS_EVENT_ROLES_H_
#define TOUCHPOINT_KERNELS_EVENT_ROLES_H_

#include <cstdint>
#include <vector>

#include "kernels/definitions.h"
#include "scan/catalog.h"

namespace touchpoint::kernels {

// Per event code: what it is. Bit flags so one lookup answers everything.
enum EventFlag : uint16_t {
  kIsPageView = 1 << 0,
  kIsImpression = 1 << 1,
  kIsClick = 1 << 2,
  kIsPurchase = 1 << 3,
  kIsConversion = 1 << 4,
  kIsAddToCart = 1 << 5,
  kIsSocialAction = 1 << 6,  // like, comment, share
  kIsSurveyResponse = 1 << 7,
  kIsActivation = 1 << 8,
  kIsFeatureUse = 1 << 9,
  kIsSubscriptionStart = 1 << 10,
  kIsSubscriptionCancel = 1 << 11,
  kIsInactive = 1 << 12,        // does not count as customer activity
  kIsNotVisitorEvent = 1 << 13,  // impression, email_sent: not made by the visitor on the site
  kIsRefund = 1 << 14,
};

struct EventRoles {
  std::vector<uint16_t> flags;  // by event code
  uint32_t social_channel = scan::kNoCode;
  uint32_t survey_nps = scan::kNoCode, survey_csat = scan::kNoCode, survey_ces = scan::kNoCode;

  static EventRoles Resolve(const scan::Catalog& catalog, const Definitions& defs);
  bool Is(uint32_t event_code, EventFlag flag) const { return (flags[event_code] & flag) != 0; }
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_EVENT_ROLES_H_
