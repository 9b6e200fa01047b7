#include "demo/customer_traits.h"

#include <algorithm>
#include <cmath>

#include "demo/calendar.h"

namespace touchpoint::demo {
namespace {

constexpr double kDeviceWeights[kDeviceCount] = {0.48, 0.42, 0.10};
// US, DE, GB, FR, IN, BR, CA, ES, NL, AU, JP, MX
constexpr double kCountryWeights[kCountryCount] = {30, 10, 10, 7, 12, 8, 5, 4, 3, 4, 4, 3};
// First touch: direct or organic, search, ads, social.
constexpr Channel kSources[] = {Channel::kWeb, Channel::kSearch, Channel::kAds, Channel::kSocial};
constexpr double kSourceWeights[] = {0.69, 0.16, 0.13, 0.02};
constexpr double kAppUserShare = 0.35;
constexpr double kAppSessionIdShare = 0.5;
constexpr double kSocialFollowerShare = 0.2;
constexpr double kOneTimeVisitorShare = 0.35;
// Visit rate: lognormal, median 0.6 sessions a week; sigma 1.0 gives the long tail.
constexpr double kMedianSessionsPerWeek = 0.6;
constexpr double kSessionsPerWeekSigma = 1.0;
constexpr double kMinSessionsPerWeek = 0.03;
constexpr double kMaxSessionsPerWeek = 20;
constexpr double kMeanLifetimeDays = 150;
constexpr int64_t kStaysToTheEndMs = int64_t{1} << 52;  // beyond any period
// Buyer types: browsers, occasional buyers, repeat buyers.
constexpr double kBuyerTypeWeights[] = {0.66, 0.26, 0.08};
constexpr double kCartPropensity[] = {0.002, 0.05, 0.35};
constexpr double kSignupProneShare = 0.55;
constexpr double kSignupProne = 0.30;
constexpr double kSignupReluctant = 0.03;
// Adoption once activated, in Feature order: reports, export, dashboards, alerts, integrations, api.
constexpr double kFeatureAdoption[kFeatureCount] = {0.70, 0.40, 0.55, 0.30, 0.15, 0.08};

}  // namespace

CustomerTraits DrawTraits(Rng& rng, const HistoryProfile& profile) {
  CustomerTraits t;
  t.device = static_cast<Device>(rng.Pick(kDeviceWeights));
  t.country = static_cast<uint8_t>(rng.Pick(kCountryWeights));
  t.source = kSources[rng.Pick(kSourceWeights)];
  t.app_user = rng.Bernoulli(kAppUserShare);
  t.app_session_ids = t.app_user && rng.Bernoulli(kAppSessionIdShare);
  t.social_follower = rng.Bernoulli(kSocialFollowerShare);
  // Both profiles make the same draws in the same order: only what is made
  // of them differs.
  const double z = rng.Normal();
  const double sigma = profile.long_histories ? kLongHistorySigma : kSessionsPerWeekSigma;
  t.sessions_per_week =
      std::clamp(std::exp(std::log(kMedianSessionsPerWeek) + sigma * z), kMinSessionsPerWeek, kMaxSessionsPerWeek);
  if (!rng.Bernoulli(kOneTimeVisitorShare)) {
    t.lifetime_ms = static_cast<int64_t>(rng.Exponential(kMeanLifetimeDays) * static_cast<double>(kMsPerDay));
  }
  if (profile.long_histories) {
    t.sessions_per_week *= profile.visit_scale;
    t.lifetime_ms = kStaysToTheEndMs;
  }
  t.cart_propensity = kCartPropensity[rng.Pick(kBuyerTypeWeights)];
  t.signup_propensity = rng.Bernoulli(kSignupProneShare) ? kSignupProne : kSignupReluctant;
  t.satisfaction = rng.Normal();
  for (int f = 0; f < kFeatureCount; ++f) {
    if (rng.Bernoulli(kFeatureAdoption[f])) t.feature_mask |= static_cast<uint8_t>(1u << f);
  }
  return t;
}

}  // namespace touchpoint::demo
