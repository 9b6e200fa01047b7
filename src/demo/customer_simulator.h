// CustomerSimulator: one demo customer's whole timeline, from the first
// ad impression or visit to the end of the period.
//
// What a timeline holds (shares are approximate, see customer_simulator.cc):
//  - sessions on channel web or app: a landing page_view, then (unless the
//    session bounces, ~47% of web sessions) more page views seconds to
//    minutes apart (exponential, mean 40 s); sessions are separated by more
//    than 30 minutes (hours to weeks), so the 30-minute split finds them.
//    App sessions of half the app users carry a session_id; web sessions
//    never do.
//  - paid and social entries: impressions on ads / search / social, each
//    clicking with the channel's CTR (3%, 4%, 1%), the click starting a
//    session; retargeting ads after an abandoned cart.
//  - signup; activation for 60% of signups after a lognormal delay (median
//    1.5 days, ~10% later than 7 days); feature_use with per-feature adoption;
//    subscription_start (revenue = monthly plan price) and
//    subscription_cancel (~4% a month).
//  - add_to_cart -> checkout -> purchase (lognormal revenue, median $45);
//    refunds of ~5% of purchases, the refunded amount as a positive revenue;
//    support tickets with a comment after problems.
//  - survey_response: csat after purchases, ces after tickets, nps every
//    quarter; 40% carry a comment fitting the score (survey_model.h).
//  - weekly newsletters (email_sent, email_open ~22%, email_click ~2.4% of
//    sends) and social posts (impression, like, comment, share, click).
// Thread-safe: Simulate keeps its state on the stack.
#ifndef TOUCHPOINT_DEMO_CUSTOMER_SIMULATOR_H_
#define TOUCHPOINT_DEMO_CUSTOMER_SIMULATOR_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "demo/customer_traits.h"
#include "demo/demo_event.h"

namespace touchpoint::demo {

class CustomerSimulator {
 public:
  // A whale never writes more than this many events.
  static constexpr size_t kMaxEventsPerCustomer = 20000;

  // Events at or after `period_end_ms` are dropped. `profile` says how long
  // the customers' histories are (customer_traits.h).
  explicit CustomerSimulator(int64_t period_end_ms, HistoryProfile profile = {})
      : period_end_ms_(period_end_ms), profile_(profile) {}

  // Appends to *out the events of customer `customer` (its index in
  // acquisition order), who first appears at `acquired_ms`, in no particular
  // order, and returns its traits. The same arguments give the same events.
  CustomerTraits Simulate(uint32_t customer, uint64_t customer_seed, int64_t acquired_ms,
                          std::vector<DemoEvent>* out) const;

 private:
  int64_t period_end_ms_;
  HistoryProfile profile_;
};

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_CUSTOMER_SIMULATOR_H_
