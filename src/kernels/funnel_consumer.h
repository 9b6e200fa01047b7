// FunnelConsumer: conversion funnels in one pass of the scan (docs/funnels.md).
//
// Modes (for each unit, over the events in the range):
//  - ordered (ClickHouse windowFunnel): the deepest step reached by a chain
//    that starts at any occurrence of step 1 and fills later steps in order,
//    each no later than start + window; equal timestamps count as ordered;
//    one event fills at most one step.
//  - strict: as ordered, but an event of another funnel step between two
//    consecutive filled steps breaks the chain (windowFunnel strict_order).
//  - unordered: the steps in any order inside the window.
// A unit is a customer (default), a session, or one conversion attempt
// (totals). Times to convert come from the chain that starts earliest among
// those reaching the unit's deepest step, filling each step with the first
// event that can (greedy); exclusions and the breakdown are judged on that
// chain too.
#ifndef TOUCHPOINT_KERNELS_FUNNEL_CONSUMER_H_
#define TOUCHPOINT_KERNELS_FUNNEL_CONSUMER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernels/definitions.h"
#include "kernels/event_filter.h"
#include "kernels/group_column.h"
#include "kernels/event_roles.h"
#include "kernels/funnel_steps.h"
#include "kernels/sessions.h"
#include "scan/customer_consumer.h"
#include "scan/scan_spec.h"

namespace touchpoint::kernels {

enum class FunnelMode { kOrdered, kStrict, kUnordered };
Result<FunnelMode> ParseFunnelMode(std::string_view text);

// What one funnel entry is: a customer, a session (the chain must lie in one
// session), or every conversion attempt (totals).
enum class FunnelCount { kCustomers, kSessions, kTotals };
Result<FunnelCount> ParseFunnelCount(std::string_view text);

// Which event of the chain gives the --by value: step 1's, the deepest
// reached step's, or step N's (units that never reach N go to "").
enum class FunnelAttribution { kFirstTouch, kLastTouch, kStep };
// "first", "last" or "step:N" (N 1-based, at most `steps`).
Status ParseFunnelAttribution(std::string_view text, size_t steps, FunnelAttribution* attribution, int* step);

// The --by label of units that never reach the attributed step (a group of
// its own, whatever the column's values).
inline constexpr std::string_view kFunnelNotReached = "(not reached)";

// An exclusion: a unit whose chain has an exclusion event strictly between
// step `from` and step `to` (0-based) is left out of the funnel.
struct FunnelExclusion {
  int from = 0, to = 1;
};

struct FunnelSpec {
  FunnelSteps steps;
  FunnelMode mode = FunnelMode::kOrdered;
  FunnelCount count = FunnelCount::kCustomers;
  int64_t window_ms = 7 * 86400 * 1000LL;
  int64_t from_ms = 0, to_ms = 0;
  const EventFilter* where = nullptr;
  FunnelSteps exclusion_events;  // one per entry of `exclusions`
  std::vector<FunnelExclusion> exclusions;
  std::string by;  // column or property of the attributed event
  FunnelAttribution attribution = FunnelAttribution::kFirstTouch;
  int attribution_step = 0;  // 0-based, for kStep
  int dropped_at = -1;       // collect customers whose deepest step is this many (see FunnelCounts)
  Definitions definitions;   // session rules, for count = sessions
  // Derived by Prepare.
  GroupColumn group;  // what `by` cuts on
  std::vector<std::string> derived;
  EventRoles roles;

  void Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
};

// A customer who dropped out (for --dropped-at export).
struct DroppedCustomer {
  std::string customer_id;
  int64_t entered_ms = 0;    // their chain's first step
  int64_t last_step_ms = 0;  // their chain's last filled step
};

// The counts behind one funnel (one --by group).
struct FunnelCounts {
  std::vector<uint64_t> reached;    // units whose deepest step is >= i
  std::vector<uint64_t> customers;  // distinct customers with a unit reaching >= i
  uint64_t excluded = 0;            // units left out by an exclusion
  // Seconds from step i-1 to step i (and from step 1) of each unit that reached i.
  std::vector<std::vector<double>> from_previous_s, from_first_s;
  std::vector<DroppedCustomer> dropped;  // group 0 only, when asked for

  explicit FunnelCounts(size_t steps = 0)
      : reached(steps), customers(steps), from_previous_s(steps), from_first_s(steps) {}
  void Merge(FunnelCounts& other);
};

class FunnelConsumer : public scan::CustomerConsumer {
 public:
  explicit FunnelConsumer(const FunnelSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void Merge(scan::CustomerConsumer& other) override;

  // [0] = everyone; then one per --by value (keys as in groups()).
  const std::vector<FunnelCounts>& counts() const { return counts_; }
  std::vector<FunnelCounts>& mutable_counts() { return counts_; }  // to move results out
  const std::vector<std::string>& groups() const { return keys_; }
  // The group of units that never reached the attributed step; 0 = none.
  uint32_t not_reached_group() const { return not_reached_; }

 private:
  // A chain over the scratch arrays: for each filled step, the index of its
  // event, and the step times in step order (unordered: sorted).
  struct Chain {
    int depth = 0;
    uint32_t event[kMaxFunnelSteps];
    int64_t time[kMaxFunnelSteps];
  };

  int Deepest(size_t begin, size_t end) const;
  // The ordered/strict state machine over events [begin, end) given by their
  // step masks (0 = not a funnel event) and times.
  template <class MaskOf, class TimeOf>
  int OrderedDepth(const MaskOf& mask_of, const TimeOf& time_of, size_t begin, size_t end) const;
  // Settles customers of depth <= 1 (and, ordered, those that can reach
  // steps 1-2 only); false for the others, which take the full gather.
  bool GatherShallow(const scan::CustomerView& c);
  // Counts a customer whose ordered chains can reach steps 1 and 2 only.
  void CountFirstTwoSteps(const scan::CustomerView& c);
  void CountShallow(int depth, double seconds);
  void ClearScratch();
  // The greedy chain from the event at `start`, filling at most `limit` steps.
  void ChainFrom(size_t start, size_t end, int limit, Chain* chain);
  void StrictChainFrom(size_t start, size_t end, int limit, Chain* chain);
  // Strict: how many steps a chain can fill once event p filled step j.
  int StrictReach(size_t p, int j, size_t end, int64_t deadline, int limit);
  // The earliest-starting chain in [begin, end) reaching `depth`.
  bool EarliestChain(size_t begin, size_t end, int depth, Chain* chain);
  bool Excluded(const Chain& chain) const;
  uint32_t GroupOf(const scan::CustomerView& c, const Chain& chain);
  uint32_t KeyGroup(const std::string& key);
  uint32_t NotReachedGroup();
  void Record(const scan::CustomerView& c, const Chain& chain);
  void EvaluateUnit(const scan::CustomerView& c, size_t begin, size_t end);
  void Gather(const scan::CustomerView& c);

  const FunnelSpec& spec_;
  std::vector<FunnelCounts> counts_;
  std::vector<std::string> keys_;
  std::unordered_map<std::string, uint32_t> key_index_;
  uint32_t not_reached_ = 0;  // see not_reached_group()
  SessionBuilder sessions_;
  // Per-customer scratch: the events matching a step (row, time, step mask),
  // and those matching an exclusion (time, exclusion mask).
  std::vector<uint32_t> rows_;
  std::vector<int64_t> ts_;
  std::vector<uint32_t> masks_;
  std::vector<int64_t> excl_ts_;
  std::vector<uint32_t> excl_masks_;
  // The customer's deepest step and first chain per group, over its units.
  std::vector<std::pair<uint32_t, Chain>> best_;
  // The steps the customer's ordered chains can reach at all (GatherShallow);
  // the gather keeps only their bits.
  uint32_t reachable_ = ~0u;
  // StrictReach's memo over (event - memo_base_, step) for one start.
  std::vector<int8_t> memo_;
  size_t memo_base_ = 0;
  std::vector<Session> session_list_;
  std::vector<uint32_t> row_session_, order_;
  std::vector<uint8_t> keep_;  // count = sessions with --where: the rows it keeps
  std::vector<uint32_t> sorted_rows_, sorted_masks_;  // the scratch regrouped by session
  std::vector<int64_t> sorted_ts_;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_FUNNEL_CONSUMER_H_
