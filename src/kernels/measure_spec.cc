#include "kernels/measure_spec.h"

#include <limits>

namespace touchpoint::kernels {

Result<CutScope> ParseCutScope(std::string_view text) {
  if (text.empty() || text == "measure") return CutScope::kMeasure;
  if (text == "event") return CutScope::kEvent;
  if (text == "session") return CutScope::kSession;
  if (text == "first") return CutScope::kFirst;
  if (text == "last") return CutScope::kLast;
  return Status::InvalidArgument("--by-scope must be measure, event, session, first or last, not '" +
                                 std::string(text) + "'");
}

std::string_view CutScopeName(CutScope scope) {
  switch (scope) {
    case CutScope::kMeasure: return "measure";
    case CutScope::kEvent: return "event";
    case CutScope::kSession: return "session";
    case CutScope::kFirst: return "first";
    case CutScope::kLast: return "last";
  }
  return "measure";
}

namespace {

// What the store holds (MeasurePresence), from the roles resolved against its catalog.
MeasurePresence Presence(const EventRoles& roles) {
  MeasurePresence p;
  auto any = [&](EventFlag flag) {
    for (uint16_t f : roles.flags) {
      if (f & flag) return true;
    }
    return false;
  };
  p.page_views = any(kIsPageView);
  p.impressions = any(kIsImpression);
  p.social_impressions = p.impressions && roles.social_channel != scan::kNoCode;
  p.activation = any(kIsActivation);
  p.purchases = any(kIsPurchase);
  p.add_to_cart = any(kIsAddToCart);
  p.subscriptions = any(kIsSubscriptionStart) || any(kIsSubscriptionCancel);
  p.nps = roles.survey_nps != scan::kNoCode;
  p.csat = roles.survey_csat != scan::kNoCode;
  p.ces = roles.survey_ces != scan::kNoCode;
  p.non_conversion_activity = false;
  for (uint32_t code = 1; code < roles.flags.size(); ++code) {
    const uint16_t f = roles.flags[code];
    if (!(f & kIsConversion) && !(f & kIsInactive)) p.non_conversion_activity = true;
  }
  return p;
}

}  // namespace

Status MeasureSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  series = PeriodGrid::Make(Interval::kNone, from_ms, to_ms, zone);
  if (interval != Interval::kNone) {
    // One look-back period before `from`, for churn and growth of the first.
    PeriodGrid probe = PeriodGrid::Make(interval, from_ms, to_ms, zone);
    const int64_t first = probe.start(0);
    const int64_t span = interval == Interval::kDay ? 86400000LL : interval == Interval::kWeek ? 7 * 86400000LL
                                                                                              : 31 * 86400000LL;
    PeriodGrid wide = PeriodGrid::Make(interval, first - span, to_ms, zone);
    // Keep exactly one period before `first`.
    int idx = wide.Index(first);
    series = idx <= 1 ? wide : PeriodGrid::Make(interval, wide.start(static_cast<size_t>(idx - 1)), to_ms, zone);
  }
  months = MonthsWithPrevious(from_ms, to_ms, zone);
  days = PeriodGrid::Make(Interval::kDay, from_ms, to_ms, zone);
  roles = EventRoles::Resolve(catalog, defs);
  presence = Presence(roles);
  feature_count = catalog.size(scan::kFeature);
  properties->clear();
  group = ResolveCutAndFilter(by, where, properties, &derived);
  return Status::OK();
}

scan::ScanSpec MeasureSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = std::numeric_limits<int64_t>::min();  // first seen, churn and sessions need history
  const int64_t window = defs.activation_window_ms;
  s.to_ms = to_ms > std::numeric_limits<int64_t>::max() - window ? to_ms : to_ms + window;
  s.columns = scan::kColumnEvent | scan::kColumnChannel | scan::kColumnSurvey | scan::kColumnFeature |
              scan::kColumnRevenue | scan::kColumnScore | scan::kColumnSessionId | scan::kColumnCampaign;
  AddCutAndFilter(group, where, properties, derived, &s);
  s.customer_ids = false;  // counts only: no customer is named (ScanSpec::customer_ids)
  return s;
}

void MeasureGroup::Merge(const MeasureGroup& other) {
  prev_window_new += other.prev_window_new;
  cells.Merge(other.cells);
}

}  // namespace touchpoint::kernels
