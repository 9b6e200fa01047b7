#include "demo/acquisition_plan.h"

#include <algorithm>
#include <cmath>

#include "demo/calendar.h"
#include "demo/random.h"

namespace touchpoint::demo {
namespace {

constexpr double kGrowth = 1.0;  // the last day acquires twice the first day's customers
constexpr double kWeekendFactor = 0.8;
constexpr uint64_t kPilotMin = 2000;
constexpr uint64_t kPilotMax = 20000;
constexpr int kPilotBuckets = 24;                // acquisition-time buckets for the yield estimate
constexpr uint64_t kPilotStream = 0x70696c6f74;  // "pilot": keeps pilot draws apart from real customers
constexpr double kMaxScaleFactor = 3.0;          // how far the daily steering may push above the initial plan

}  // namespace

std::vector<double> AcquisitionShape(int64_t start_ms, int days) {
  std::vector<double> shape(static_cast<size_t>(days));
  const int64_t first_day = FloorDiv(start_ms, kMsPerDay);
  double total = 0;
  for (int d = 0; d < days; ++d) {
    const int weekday = Weekday(first_day + d);
    shape[d] = (1.0 + kGrowth * (d + 0.5) / days) * (weekday >= 5 ? kWeekendFactor : 1.0);
    total += shape[d];
  }
  for (double& s : shape) s /= total;
  return shape;
}

AcquisitionPlan::AcquisitionPlan(uint64_t target_events, uint64_t seed, int64_t start_ms, int days,
                                 const CustomerSimulator& simulator)
    : target_(target_events), shape_(AcquisitionShape(start_ms, days)), future_yield_(static_cast<size_t>(days) + 1) {

  // Pilot: customers acquired at shape-distributed days; their in-period
  // event counts by acquisition bucket.
  const uint64_t pilot = std::clamp<uint64_t>(target_events / 10, kPilotMin, kPilotMax);
  std::vector<double> bucket_events(kPilotBuckets, 0), bucket_count(kPilotBuckets, 0);
  Rng rng(DeriveSeed(seed, kPilotStream));
  std::vector<DemoEvent> scratch;
  double all_events = 0;
  for (uint64_t i = 0; i < pilot; ++i) {
    const int d = static_cast<int>(rng.Pick(shape_));
    const int64_t acquired = start_ms + d * kMsPerDay + static_cast<int64_t>(rng.Below(kMsPerDay));
    scratch.clear();
    simulator.Simulate(0, DeriveSeed(seed ^ kPilotStream, i), acquired, &scratch);
    const int b = d * kPilotBuckets / days;
    bucket_events[b] += static_cast<double>(scratch.size());
    bucket_count[b] += 1;
    all_events += static_cast<double>(scratch.size());
  }
  pilot_mean_ = all_events / static_cast<double>(pilot);
  for (int d = days - 1; d >= 0; --d) {
    const int b = d * kPilotBuckets / days;
    const double yield = bucket_count[b] > 0 ? bucket_events[b] / bucket_count[b] : pilot_mean_;
    future_yield_[d] = future_yield_[d + 1] + shape_[d] * std::max(yield, 1.0);
  }
  max_scale_ = kMaxScaleFactor * static_cast<double>(target_) / future_yield_[0];
}

uint64_t AcquisitionPlan::CustomersOnDay(int day, uint64_t events_so_far) {
  const double missing = static_cast<double>(target_) - static_cast<double>(events_so_far);
  const double scale = std::clamp(missing / future_yield_[day], 0.0, max_scale_);
  const double want = scale * shape_[day] + carry_;
  const double whole = std::floor(want);
  carry_ = want - whole;
  return static_cast<uint64_t>(whole);
}

}  // namespace touchpoint::demo
