// FunnelConsumer: conversion funnels in one pass of the scan (docs/funnels.md).
//
// Modes (for each customer, over the events in the range):
//  - ordered (ClickHouse windowFunnel): the deepest step reached by a chain
//    that starts at any occurrence of step 1 and fills later steps in order,
//    each no later than start + window; equal timestamps count as ordered;
//    one event fills at most one step.
//  - strict: as ordered, but an event of another funnel step between two
//    consecutive filled steps breaks the chain (windowFunnel strict_order).
//  - unordered: the steps in any order inside the window.
// Time to convert is taken from the chain that starts earliest among those
// that reach the customer's deepest step, filling each step with the first
// event that can (greedy). Customers are grouped by the --by value of that
// chain's first event.
#ifndef TOUCHPOINT_KERNELS_FUNNEL_CONSUMER_H_
#define TOUCHPOINT_KERNELS_FUNNEL_CONSUMER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernels/event_filter.h"
#include "kernels/funnel_steps.h"
#include "scan/customer_consumer.h"
#include "scan/scan_spec.h"

namespace touchpoint::kernels {

enum class FunnelMode { kOrdered, kStrict, kUnordered };
Result<FunnelMode> ParseFunnelMode(std::string_view text);

struct FunnelSpec {
  FunnelSteps steps;
  FunnelMode mode = FunnelMode::kOrdered;
  int64_t window_ms = 7 * 86400 * 1000LL;
  int64_t from_ms = 0, to_ms = 0;
  const EventFilter* where = nullptr;
  std::string by;       // column or property of the first step's event
  int by_dict = -1;     // derived by Prepare
  int by_property = -1;
  int by_derived = -1;
  std::vector<std::string> derived;

  void Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
};

// The counts behind one funnel (one --by group).
struct FunnelCounts {
  std::vector<uint64_t> reached;  // customers whose deepest step is >= i
  // Seconds from step i-1 to step i (and from step 1) of each customer that reached i.
  std::vector<std::vector<double>> from_previous_s, from_first_s;
  std::vector<std::string> dropped_at_next;  // unused unless exporting (customer ids stopping at a step)

  explicit FunnelCounts(size_t steps = 0) : reached(steps), from_previous_s(steps), from_first_s(steps) {}
  void Merge(FunnelCounts& other);
};

class FunnelConsumer : public scan::CustomerConsumer {
 public:
  explicit FunnelConsumer(const FunnelSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void Merge(scan::CustomerConsumer& other) override;

  // [0] = everyone; then one per --by value (keys as in groups()).
  const std::vector<FunnelCounts>& counts() const { return counts_; }
  const std::vector<std::string>& groups() const { return keys_; }

 private:
  int Deepest(size_t n);
  // The earliest-starting chain reaching `depth`: fills `times` (per step).
  bool EarliestChain(size_t n, int depth, std::vector<int64_t>* times, size_t* first_row);
  uint32_t GroupOf(const scan::CustomerView& c, size_t row);

  const FunnelSpec& spec_;
  std::vector<FunnelCounts> counts_;
  std::vector<std::string> keys_;
  std::unordered_map<std::string, uint32_t> key_index_;
  // Per-customer scratch: the matching events (row, time, step mask).
  std::vector<uint32_t> rows_;
  std::vector<int64_t> ts_;
  std::vector<uint32_t> masks_;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_FUNNEL_CONSUMER_H_
