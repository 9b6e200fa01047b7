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
#include <utility>
#include <vector>

#include "kernels/analysis_consumer.h"
#include "kernels/funnel_spec.h"
#include "kernels/group_index.h"
#include "kernels/sessions.h"

namespace touchpoint::kernels {

class FunnelConsumer : public AnalysisConsumer<FunnelConsumer> {
 public:
  explicit FunnelConsumer(const FunnelSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(FunnelConsumer& other);

  // [0] = everyone; then one per --by value, and kFunnelNotReachedKey for
  // the units that never reached the attributed step. Mutable, so the
  // query can move results out.
  GroupIndex<FunnelCounts>& groups() { return groups_; }

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
  bool SettleByEvents(const scan::CustomerView& c);
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
  void Record(const scan::CustomerView& c, const Chain& chain);
  void EvaluateUnit(const scan::CustomerView& c, size_t begin, size_t end);
  void Gather(const scan::CustomerView& c);

  const FunnelSpec& spec_;
  GroupIndex<FunnelCounts> groups_;
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
  // The union of the customer's step masks, once SettleByEvents has taken it.
  bool any_known_ = false;
  uint32_t any_ = 0;
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
