#include "demo/long_history.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "demo/acquisition_plan.h"
#include "demo/calendar.h"
#include "demo/customer_simulator.h"
#include "demo/random.h"

namespace touchpoint::demo {
namespace {

constexpr uint64_t kPilotCustomers = 4000;
constexpr uint64_t kPilotStream = 0x6c6f6e67;  // "long": apart from the plan's pilot and the customers
constexpr int kMaxIterations = 30;
constexpr double kMinScale = 1e-3;
constexpr double kMaxScale = 1e4;
constexpr double kMaxStep = 4.0;  // a secant step moves the scale at most this factor

// The pilot's mean in-period events per customer at `scale`.
class Pilot {
 public:
  Pilot(uint64_t seed, int64_t start_ms, int days) : seed_(seed), period_end_(start_ms + days * kMsPerDay) {
    const std::vector<double> shape = AcquisitionShape(start_ms, days);
    Rng rng(DeriveSeed(seed, kPilotStream));
    acquired_.reserve(kPilotCustomers);
    for (uint64_t i = 0; i < kPilotCustomers; ++i) {
      const auto day = static_cast<int64_t>(rng.Pick(shape));
      acquired_.push_back(start_ms + day * kMsPerDay + static_cast<int64_t>(rng.Below(kMsPerDay)));
    }
  }

  double MeanEvents(double scale) {
    const CustomerSimulator simulator(period_end_, HistoryProfile{true, scale});
    double events = 0;
    for (uint64_t i = 0; i < acquired_.size(); ++i) {
      scratch_.clear();
      simulator.Simulate(0, DeriveSeed(seed_ ^ kPilotStream, i), acquired_[i], &scratch_);
      events += static_cast<double>(scratch_.size());
    }
    return events / static_cast<double>(acquired_.size());
  }

 private:
  uint64_t seed_;
  int64_t period_end_;
  std::vector<int64_t> acquired_;
  std::vector<DemoEvent> scratch_;
};

std::string Round(double x) { return std::to_string(static_cast<long long>(std::lround(x))); }

}  // namespace

Result<HistoryProfile> LongHistoryProfile(double events_per_customer, uint64_t seed, int64_t start_ms, int days) {
  if (!(events_per_customer >= 1)) return Status::InvalidArgument("events per customer must be at least 1");
  Pilot pilot(seed, start_ms, days);
  const double fewest = pilot.MeanEvents(kMinScale);
  if (events_per_customer < fewest * (1 + kLongHistoryTolerance)) {
    return Status::InvalidArgument("long histories need at least about " + Round(fewest) +
                                   " events per customer over " + std::to_string(days) +
                                   " days (every customer comes back): asked for " + Round(events_per_customer));
  }
  // The mean grows with the scale, about linearly (the sessions) above a
  // floor that does not (the first visit, newsletters, social posts).
  double lo = kMinScale, f_lo = fewest - events_per_customer;
  double x = 1.0, f = pilot.MeanEvents(x) - events_per_customer;
  for (int i = 0; i < kMaxIterations; ++i) {
    if (std::abs(f) <= kLongHistoryTolerance * events_per_customer) return HistoryProfile{true, x};
    double next = f == f_lo ? x * kMaxStep : x - f * (x - lo) / (f - f_lo);
    next = std::clamp(next, x / kMaxStep, x * kMaxStep);
    if (next > kMaxScale) break;
    lo = x;
    f_lo = f;
    x = std::max(next, kMinScale);
    f = pilot.MeanEvents(x) - events_per_customer;
  }
  return Status::InvalidArgument("cannot make " + Round(events_per_customer) +
                                 " events per customer in long histories over " + std::to_string(days) +
                                 " days (a customer writes at most " +
                                 std::to_string(CustomerSimulator::kMaxEventsPerCustomer) + ")");
}

}  // namespace touchpoint::demo
