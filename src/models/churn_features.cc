#include "models/churn_features.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "event/schema.h"

namespace touchpoint::models {
namespace {

// Feature order; channel shares follow, one per tracked channel.
enum Feature : int {
  kRecencyDays,
  kTenureDays,
  kActiveDays,
  kActiveDaysRecent,
  kEventsRecent,
  kEventsPrior,
  kActivityTrend,
  kPurchases,
  kRevenue,
  kAverageOrderValue,
  kDaysSincePurchase,
  kSessions,
  kSessionsRecent,
  kPageViews,
  kPageViewsRecent,
  kCtr,
  kSupportTickets,
  kSupportTicketsRecent,
  kLastNps,
  kLastCsat,
  kLastCes,
  kFeatureUses,
  kDistinctFeatures,
  kCartAdds,
  kRefunds,
  kSubscriptionActive,
  kChannelsUsed,
  kFixedFeatures,
};

constexpr const char* kFixedNames[kFixedFeatures] = {
    "recency_days",   "tenure_days",    "active_days",      "active_days_recent", "events_recent",
    "events_prior",   "activity_trend", "purchases",        "revenue",            "average_order_value",
    "days_since_purchase", "sessions",  "sessions_recent",  "page_views",         "page_views_recent",
    "ctr",            "support_tickets", "support_tickets_recent", "last_nps",    "last_csat",
    "last_ces",       "feature_uses",   "distinct_features", "cart_adds",         "refunds",
    "subscription_active", "channels_used",
};

constexpr double kDay = 86400.0 * 1000.0;
constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

}  // namespace

void ChurnFeatureSpec::Prepare(const scan::Catalog& catalog) {
  roles = kernels::EventRoles::Resolve(catalog, defs);
  support_ticket = catalog.Find(scan::kEvent, events::kSupportTicket);
  feature_names.assign(kFixedNames, kFixedNames + kFixedFeatures);
  channel_slot.assign(catalog.size(scan::kChannel), -1);
  for (const char* name : kChurnChannels) {
    const uint32_t code = catalog.Find(scan::kChannel, name);
    if (code == scan::kNoCode) continue;
    channel_slot[code] = static_cast<int>(feature_names.size());
    feature_names.push_back(std::string("channel_share_") + name);
  }
}

void ChurnFeatureSpec::Compute(const scan::CustomerView& c, size_t end, int64_t cutoff, float* row) const {
  const int64_t recent_from = cutoff - window_ms, prior_from = cutoff - 2 * window_ms;
  double purchases = 0, revenue = 0, events_recent = 0, events_prior = 0, sessions = 0, sessions_recent = 0;
  double page_views = 0, page_views_recent = 0, clicks = 0, impressions = 0, tickets = 0, tickets_recent = 0;
  double feature_uses = 0, cart_adds = 0, refunds = 0, active_days = 0, active_days_recent = 0, activity = 0;
  float last_nps = kMissing, last_csat = kMissing, last_ces = kMissing;
  int64_t first = -1, last_active = -1, last_purchase = -1, last_day = std::numeric_limits<int64_t>::min();
  bool subscribed = false;
  std::vector<uint32_t> features_seen;
  std::vector<double> channel_counts(feature_names.size(), 0.0);
  const uint32_t* survey = c.dict[scan::kSurvey];
  const uint32_t* feature = c.dict[scan::kFeature];
  for (size_t i = 0; i < end; ++i) {
    const int64_t ts = c.timestamp[i];
    const uint32_t e = c.event()[i];
    const bool recent = ts >= recent_from;
    if (first < 0) first = ts;
    if (roles.Is(e, kernels::kIsImpression)) ++impressions;
    if (roles.Is(e, kernels::kIsClick)) ++clicks;
    if (roles.Is(e, kernels::kIsSubscriptionStart)) subscribed = true;
    if (roles.Is(e, kernels::kIsSubscriptionCancel)) subscribed = false;
    if (!IsActivity(c, i)) continue;
    // Sessions split after more than session_gap_ms without activity.
    if (last_active < 0 || ts - last_active > session_gap_ms) {
      ++sessions;
      if (recent) ++sessions_recent;
    }
    last_active = ts;
    ++activity;
    const int64_t day = static_cast<int64_t>(std::floor(static_cast<double>(ts) / kDay));
    if (day != last_day) {
      ++active_days;
      if (recent) ++active_days_recent;
      last_day = day;
    }
    if (recent) ++events_recent;
    else if (ts >= prior_from) ++events_prior;
    if (roles.Is(e, kernels::kIsPageView)) {
      ++page_views;
      if (recent) ++page_views_recent;
    }
    if (roles.Is(e, kernels::kIsPurchase)) {
      ++purchases;
      if (c.revenue != nullptr && !std::isnan(c.revenue[i])) revenue += c.revenue[i];
      last_purchase = ts;
    }
    if (roles.Is(e, kernels::kIsRefund)) ++refunds;
    if (roles.Is(e, kernels::kIsAddToCart)) ++cart_adds;
    if (e == support_ticket) {
      ++tickets;
      if (recent) ++tickets_recent;
    }
    if (roles.Is(e, kernels::kIsFeatureUse)) {
      ++feature_uses;
      if (feature != nullptr && feature[i] != 0) features_seen.push_back(feature[i]);
    }
    if (roles.Is(e, kernels::kIsSurveyResponse) && survey != nullptr && c.score != nullptr && !std::isnan(c.score[i])) {
      const float score = static_cast<float>(c.score[i]);
      if (survey[i] == roles.survey_nps) last_nps = score;
      else if (survey[i] == roles.survey_csat) last_csat = score;
      else if (survey[i] == roles.survey_ces) last_ces = score;
    }
    const uint32_t ch = c.channel() != nullptr ? c.channel()[i] : 0;
    if (ch < channel_slot.size() && channel_slot[ch] >= 0) ++channel_counts[static_cast<size_t>(channel_slot[ch])];
  }
  std::sort(features_seen.begin(), features_seen.end());
  const double distinct_features =
      static_cast<double>(std::unique(features_seen.begin(), features_seen.end()) - features_seen.begin());
  auto days = [&](int64_t ts) { return ts < 0 ? kMissing : static_cast<float>((cutoff - ts) / kDay); };
  row[kRecencyDays] = days(last_active);
  row[kTenureDays] = days(first);
  row[kActiveDays] = static_cast<float>(active_days);
  row[kActiveDaysRecent] = static_cast<float>(active_days_recent);
  row[kEventsRecent] = static_cast<float>(events_recent);
  row[kEventsPrior] = static_cast<float>(events_prior);
  row[kActivityTrend] = events_recent + events_prior > 0
                            ? static_cast<float>((events_recent - events_prior) / (events_recent + events_prior))
                            : 0.0f;
  row[kPurchases] = static_cast<float>(purchases);
  row[kRevenue] = static_cast<float>(revenue);
  row[kAverageOrderValue] = purchases > 0 ? static_cast<float>(revenue / purchases) : kMissing;
  row[kDaysSincePurchase] = days(last_purchase);
  row[kSessions] = static_cast<float>(sessions);
  row[kSessionsRecent] = static_cast<float>(sessions_recent);
  row[kPageViews] = static_cast<float>(page_views);
  row[kPageViewsRecent] = static_cast<float>(page_views_recent);
  row[kCtr] = impressions > 0 ? static_cast<float>(clicks / impressions) : kMissing;
  row[kSupportTickets] = static_cast<float>(tickets);
  row[kSupportTicketsRecent] = static_cast<float>(tickets_recent);
  row[kLastNps] = last_nps;
  row[kLastCsat] = last_csat;
  row[kLastCes] = last_ces;
  row[kFeatureUses] = static_cast<float>(feature_uses);
  row[kDistinctFeatures] = static_cast<float>(distinct_features);
  row[kCartAdds] = static_cast<float>(cart_adds);
  row[kRefunds] = static_cast<float>(refunds);
  row[kSubscriptionActive] = subscribed ? 1.0f : 0.0f;
  double channels_used = 0;
  for (size_t k = kFixedFeatures; k < feature_names.size(); ++k) {
    channels_used += channel_counts[k] > 0;
    row[k] = activity > 0 ? static_cast<float>(channel_counts[k] / activity) : kMissing;
  }
  row[kChannelsUsed] = static_cast<float>(channels_used);
}

}  // namespace touchpoint::models
