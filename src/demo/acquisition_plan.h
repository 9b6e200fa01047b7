// AcquisitionPlan: how many new customers the demo acquires each day so the
// whole period comes out at about the requested number of events.
//
// The daily shape grows linearly (the last day sees 1 + kGrowth times the
// first day's newcomers) with quieter weekends. Its scale is steered day by
// day: a pilot run of simulated customers estimates how many in-period
// events a customer acquired on day d yields, and each day the plan aims
// the events already made plus those expected from later days at the
// target. Deterministic for a seed. Not thread-safe.
#ifndef TOUCHPOINT_DEMO_ACQUISITION_PLAN_H_
#define TOUCHPOINT_DEMO_ACQUISITION_PLAN_H_

#include <cstdint>
#include <vector>

#include "demo/customer_simulator.h"

namespace touchpoint::demo {

// The share of the period's customers acquired on each of `days` days from
// `start_ms` (sums to 1). REQUIRES: days >= 1.
std::vector<double> AcquisitionShape(int64_t start_ms, int days);

class AcquisitionPlan {
 public:
  // REQUIRES: days >= 1.
  AcquisitionPlan(uint64_t target_events, uint64_t seed, int64_t start_ms, int days,
                  const CustomerSimulator& simulator);

  // New customers on day `day` (days in increasing order), given the events
  // generated so far by customers already acquired.
  uint64_t CustomersOnDay(int day, uint64_t events_so_far);

  // Mean in-period events of a pilot customer (for diagnostics and tests).
  double pilot_mean_events() const { return pilot_mean_; }

 private:
  uint64_t target_;
  std::vector<double> shape_;         // share of customers acquired per day, sums to 1
  std::vector<double> future_yield_;  // sum over days >= d of shape * expected events
  double max_scale_ = 0;
  double carry_ = 0;
  double pilot_mean_ = 0;
};

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_ACQUISITION_PLAN_H_
