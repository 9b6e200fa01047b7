// CustomerTraits: the hidden profile behind one demo customer's behaviour
// (how often they come back, for how long, whether they buy, how satisfied
// they are), drawn once when the customer is acquired.
//
// The spreads are chosen to look like real exports: activity is heavy
// tailed (lognormal visit rate times exponential lifetime, a third never
// return), most visitors never buy, a few buy again and again.
#ifndef TOUCHPOINT_DEMO_CUSTOMER_TRAITS_H_
#define TOUCHPOINT_DEMO_CUSTOMER_TRAITS_H_

#include <cstdint>

#include "demo/demo_event.h"
#include "demo/random.h"

namespace touchpoint::demo {

// How the customer first arrives: typed in / organic (kWeb, no ad shown),
// or after impressions on a paid or social channel.
struct CustomerTraits {
  Device device = Device::kDesktop;
  uint8_t country = 0;             // CountryName index
  Channel source = Channel::kWeb;  // kWeb, kSearch, kAds or kSocial
  bool app_user = false;           // also uses the app (channel app)
  bool app_session_ids = false;    // the app reports session_id (about half the app users)
  bool social_follower = false;    // sees the brand's social posts
  double sessions_per_week = 0;    // visit rate while active
  int64_t lifetime_ms = 0;         // active span after acquisition; 0 = a single visit
  double cart_propensity = 0;      // chance a product page view leads to add_to_cart
  double signup_propensity = 0;    // chance per engaged session to sign up
  double satisfaction = 0;         // latent N(0, 1) driving survey scores
  uint8_t feature_mask = 0;        // bit (f - 1) set: adopts Feature f once activated
};

// Who the customers are. The default mix is heavy tailed: a third visit
// once, lifetimes are exponential, visit rates lognormal with sigma 1 (at
// 10M events: 56.8 events a customer on average, median 23, a tenth with a
// single event). Long histories (`touchpoint generate --events-per-customer`)
// draw the same traits, but every customer is a regular who comes back
// until the period ends (or a subscription is cancelled), at a visit rate of
// narrower spread (sigma kLongHistorySigma) times `visit_scale`.
struct HistoryProfile {
  bool long_histories = false;
  double visit_scale = 1.0;  // multiplies the visit rate; long histories only
};

inline constexpr double kLongHistorySigma = 0.5;

CustomerTraits DrawTraits(Rng& rng, const HistoryProfile& profile);

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_CUSTOMER_TRAITS_H_
