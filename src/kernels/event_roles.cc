#include "kernels/event_roles.h"

#include <string>

#include "event/schema.h"

namespace touchpoint::kernels {

EventRoles EventRoles::Resolve(const scan::Catalog& catalog, const Definitions& defs) {
  EventRoles r;
  r.flags.assign(catalog.size(scan::kEvent), 0);
  auto mark = [&](std::string_view name, EventFlag flag) {
    uint32_t code = catalog.Find(scan::kEvent, name);
    if (code != scan::kNoCode) r.flags[code] |= flag;
  };
  mark(events::kPageView, kIsPageView);
  mark(events::kImpression, kIsImpression);
  mark(events::kImpression, kIsNotVisitorEvent);
  mark(events::kEmailSent, kIsNotVisitorEvent);
  mark(events::kClick, kIsClick);
  mark(events::kPurchase, kIsPurchase);
  mark(events::kRefund, kIsRefund);
  mark(events::kAddToCart, kIsAddToCart);
  mark(events::kLike, kIsSocialAction);
  mark(events::kComment, kIsSocialAction);
  mark(events::kShare, kIsSocialAction);
  mark(events::kSurveyResponse, kIsSurveyResponse);
  mark(events::kFeatureUse, kIsFeatureUse);
  mark(events::kSubscriptionStart, kIsSubscriptionStart);
  mark(events::kSubscriptionCancel, kIsSubscriptionCancel);
  mark(defs.activation_event, kIsActivation);
  for (const std::string& e : defs.conversion_events) mark(e, kIsConversion);
  for (const std::string& e : defs.inactive_events) mark(e, kIsInactive);
  r.social_channel = catalog.Find(scan::kChannel, "social");
  r.survey_nps = catalog.Find(scan::kSurvey, "nps");
  r.survey_csat = catalog.Find(scan::kSurvey, "csat");
  r.survey_ces = catalog.Find(scan::kSurvey, "ces");
  return r;
}

}  // namespace touchpoint::kernels
