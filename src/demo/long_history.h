// LongHistoryProfile: the visit-rate scale at which long-history demo
// customers (HistoryProfile in customer_traits.h) make a requested number of
// in-period events on average, for `touchpoint generate --events-per-customer`.
//
// A fixed pilot of customers, acquired over the period as the acquisition
// plan acquires them, is simulated at trial scales (the same customers each
// time, so the mean moves smoothly with the scale) and the secant method
// finds the scale whose pilot mean is within kLongHistoryTolerance of the
// request. Deterministic for a seed. Thread-compatible.
#ifndef TOUCHPOINT_DEMO_LONG_HISTORY_H_
#define TOUCHPOINT_DEMO_LONG_HISTORY_H_

#include <cstdint>

#include "demo/customer_traits.h"
#include "util/status.h"

namespace touchpoint::demo {

inline constexpr double kLongHistoryTolerance = 0.005;  // relative, on the pilot's mean

// InvalidArgument when no scale gets there: fewer events than a regular
// makes at the slowest visit rate, or more than the per-customer cap allows.
// REQUIRES: days >= 1.
Result<HistoryProfile> LongHistoryProfile(double events_per_customer, uint64_t seed, int64_t start_ms, int days);

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_LONG_HISTORY_H_
