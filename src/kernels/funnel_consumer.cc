#include "kernels/funnel_consumer.h"

#include <algorithm>
#include <limits>

namespace touchpoint::kernels {

FunnelConsumer::FunnelConsumer(const FunnelSpec& spec)
    : spec_(spec),
      groups_([&spec] { return FunnelCounts(spec.steps.size()); }),
      sessions_(spec.definitions, spec.roles, nullptr) {}

// Depth by the windowFunnel state machine: start[i] is the start of the
// latest-starting chain that has filled steps 0..i (held when bit i of
// `alive` is set);
// keeping the latest start is optimal, as its window ends last. One event
// may move several chains (it can fill step i of one chain and step j of
// another, never two steps of one), so each level updates from the levels
// as they were before the event.
int FunnelConsumer::Deepest(size_t begin, size_t end) const {
  const int k = static_cast<int>(spec_.steps.size());
  if (spec_.mode == FunnelMode::kUnordered) {
    int best = 0;
    for (size_t s = begin; s < end && best < k; ++s) {
      uint32_t filled = 0;
      for (size_t e = s; e < end && ts_[e] <= ts_[s] + spec_.window_ms; ++e) {
        const uint32_t free = masks_[e] & ~filled;
        if (free) filled |= free & -free;  // one event fills one step
      }
      best = std::max(best, __builtin_popcount(filled));
    }
    return best;
  }
  // Raw pointers, so the loop does not reload the vectors' storage per event.
  const uint32_t* masks = masks_.data();
  const int64_t* times = ts_.data();
  return OrderedDepth([masks](size_t e) { return masks[e]; }, [times](size_t e) { return times[e]; }, begin, end);
}

template <class MaskOf, class TimeOf>
int FunnelConsumer::OrderedDepth(const MaskOf& mask_of, const TimeOf& time_of, size_t begin, size_t end) const {
  const int k = static_cast<int>(spec_.steps.size());
  const bool strict = spec_.mode == FunnelMode::kStrict;
  const int64_t window = spec_.window_ms;
  const uint32_t last_level = 1u << (k - 1);
  int64_t start[kMaxFunnelSteps];
  uint32_t alive = 0;  // bit i: start[i] holds a chain
  int deepest = 0;
  for (size_t e = begin; e < end; ++e) {
    const uint32_t m = mask_of(e);
    if (m == 0) continue;  // not a funnel event
    const int64_t t = time_of(e);
    // Strict: a chain waiting for step i+1 survives only events that could
    // fill that step (it may pass over them for a later one).
    const uint32_t before = alive;
    if (strict) alive &= (m >> 1) | last_level;
    // Advances read the levels as they were before this event, so one event
    // can move several chains (steps i and j of different chains, never two
    // steps of one). Only the event's own steps can advance.
    // Highest step first, so start[i - 1] is still the value before the event.
    for (uint32_t bits = m & ~1u & (before << 1); bits != 0; bits &= ~(1u << (31 - __builtin_clz(bits)))) {
      const int i = 31 - __builtin_clz(bits);
      if (t > start[i - 1] + window) continue;
      start[i] = alive >> i & 1 ? std::max(start[i], start[i - 1]) : start[i - 1];
      alive |= 1u << i;
      deepest = std::max(deepest, i + 1);
    }
    if (m & 1) {
      start[0] = alive & 1 ? std::max(start[0], t) : t;
      alive |= 1;
      deepest = std::max(deepest, 1);
    }
  }
  return deepest;
}

void FunnelConsumer::ChainFrom(size_t s, size_t end, int limit, Chain* chain) {
  const int64_t deadline = ts_[s] + spec_.window_ms;
  int filled = 0;
  if (spec_.mode == FunnelMode::kUnordered) {
    uint32_t done = 0;
    for (size_t e = s; e < end && ts_[e] <= deadline && filled < limit; ++e) {
      const uint32_t free = masks_[e] & ~done;
      if (!free) continue;
      done |= 1u << __builtin_ctz(free);
      // Events come in time order, so levels fill in time order.
      chain->event[filled] = static_cast<uint32_t>(e);
      chain->time[filled] = ts_[e];
      ++filled;
    }
  } else if (spec_.mode == FunnelMode::kStrict) {
    StrictChainFrom(s, end, limit, chain);
    return;
  } else {
    // Ordered: the first event that can fill each step (the leftmost fill
    // leaves the most room for the rest).
    chain->event[0] = static_cast<uint32_t>(s);
    chain->time[0] = ts_[s];
    filled = 1;
    for (size_t e = s + 1; e < end && ts_[e] <= deadline && filled < limit; ++e) {
      if (masks_[e] >> filled & 1) {
        chain->event[filled] = static_cast<uint32_t>(e);
        chain->time[filled] = ts_[e];
        ++filled;
      }
    }
  }
  chain->depth = filled;
}

// Strict chains: between filled steps j and j+1 every funnel event must be
// able to fill step j+1, so after each fill the candidates for the next
// step are the run of events that match it. Which candidate to take can
// matter (a later one may match the step after), hence a search with a memo
// over (event, step) inside the start's window.
int FunnelConsumer::StrictReach(size_t p, int j, size_t end, int64_t deadline, int limit) {
  if (j + 1 >= limit) return j + 1;
  const size_t slot = (p - memo_base_) * static_cast<size_t>(limit) + static_cast<size_t>(j);
  if (memo_[slot] >= 0) return memo_[slot];
  int best = j + 1;
  for (size_t q = p + 1; q < end && ts_[q] <= deadline && best < limit; ++q) {
    if (!(masks_[q] >> (j + 1) & 1)) break;  // it cannot fill step j+1: the chain breaks
    best = std::max(best, StrictReach(q, j + 1, end, deadline, limit));
  }
  memo_[slot] = static_cast<int8_t>(best);
  return best;
}

void FunnelConsumer::StrictChainFrom(size_t s, size_t end, int limit, Chain* chain) {
  const int64_t deadline = ts_[s] + spec_.window_ms;
  size_t window_end = s;
  while (window_end < end && ts_[window_end] <= deadline) ++window_end;
  memo_base_ = s;
  memo_.assign((window_end - s) * static_cast<size_t>(limit), -1);
  const int reach = StrictReach(s, 0, window_end, deadline, limit);
  // Each step takes the first candidate from which `reach` stays reachable.
  chain->event[0] = static_cast<uint32_t>(s);
  chain->time[0] = ts_[s];
  size_t p = s;
  for (int j = 1; j < reach; ++j) {
    size_t q = p + 1;
    while (StrictReach(q, j, window_end, deadline, limit) < reach) ++q;
    chain->event[j] = static_cast<uint32_t>(q);
    chain->time[j] = ts_[q];
    p = q;
  }
  chain->depth = reach;
}

bool FunnelConsumer::EarliestChain(size_t begin, size_t end, int depth, Chain* chain) {
  for (size_t s = begin; s < end; ++s) {
    if (spec_.mode != FunnelMode::kUnordered ? !(masks_[s] & 1) : masks_[s] == 0) continue;
    ChainFrom(s, end, depth, chain);
    if (chain->depth >= depth) return true;
  }
  return false;
}

bool FunnelConsumer::Excluded(const Chain& chain) const {
  if (spec_.exclusions.empty()) return false;
  const int64_t deadline = chain.time[0] + spec_.window_ms;
  for (size_t e = 0; e < excl_ts_.size(); ++e) {
    const int64_t t = excl_ts_[e];
    for (uint32_t m = excl_masks_[e]; m != 0; m &= m - 1) {
      const FunnelExclusion& x = spec_.exclusions[static_cast<size_t>(__builtin_ctz(m))];
      if (chain.depth <= x.from || t <= chain.time[x.from]) continue;
      // Before the closing step, or, when it was never reached, while the
      // window was still open.
      if (chain.depth > x.to ? t < chain.time[x.to] : t <= deadline) return true;
    }
  }
  return false;
}

uint32_t FunnelConsumer::GroupOf(const scan::CustomerView& c, const Chain& chain) {
  int level = 0;
  switch (spec_.attribution) {
    case FunnelAttribution::kFirstTouch: level = 0; break;
    case FunnelAttribution::kLastTouch: level = chain.depth - 1; break;
    case FunnelAttribution::kStep: level = spec_.attribution_step; break;
  }
  if (level >= chain.depth) return groups_.OfKey(kFunnelNotReachedKey);
  return groups_.Of(spec_.group, c, rows_[chain.event[level]]);
}

void FunnelConsumer::Record(const scan::CustomerView& c, const Chain& chain) {
  const uint32_t group = spec_.by.empty() ? 0 : GroupOf(c, chain);
  const bool excluded = Excluded(chain);
  for (uint32_t g : {0u, group}) {
    FunnelCounts& fc = groups_[g];
    if (excluded) {
      ++fc.excluded;
    } else {
      for (int i = 0; i < chain.depth; ++i) {
        ++fc.reached[i];
        if (i == 0) continue;
        fc.from_previous_s[i].push_back(static_cast<double>(chain.time[i] - chain.time[i - 1]) / 1000.0);
        fc.from_first_s[i].push_back(static_cast<double>(chain.time[i] - chain.time[0]) / 1000.0);
      }
      auto it = std::find_if(best_.begin(), best_.end(), [&](const auto& b) { return b.first == g; });
      if (it == best_.end()) {
        best_.emplace_back(g, chain);
      } else if (chain.depth > it->second.depth) {
        it->second = chain;
      }
    }
    if (group == 0) break;
  }
}

void FunnelConsumer::EvaluateUnit(const scan::CustomerView& c, size_t begin, size_t end) {
  Chain chain;
  if (spec_.count == FunnelCount::kTotals) {
    // Attempts one after another: each starts at the first possible start
    // after the events the previous attempt used.
    const int k = static_cast<int>(spec_.steps.size());
    size_t cursor = begin;
    while (true) {
      size_t s = cursor;
      while (s < end && (spec_.mode != FunnelMode::kUnordered ? !(masks_[s] & 1) : masks_[s] == 0)) ++s;
      if (s >= end) return;
      ChainFrom(s, end, k, &chain);
      Record(c, chain);
      cursor = std::max<size_t>(s + 1, *std::max_element(chain.event, chain.event + chain.depth) + 1);
    }
  }
  int depth = Deepest(begin, end);
  // The greedy chain from the earliest start reaches the same depth; should
  // the two ever disagree, the unit counts at the depth a chain shows.
  while (depth > 0 && !EarliestChain(begin, end, depth, &chain)) --depth;
  if (depth > 0) Record(c, chain);
}

void FunnelConsumer::Gather(const scan::CustomerView& c) {
  excl_ts_.clear();
  excl_masks_.clear();
  const bool exclusions = !spec_.exclusions.empty();
  // Sessions are built from the rows --where keeps: remember them.
  const bool keep = spec_.count == FunnelCount::kSessions && spec_.where != nullptr;
  if (keep) keep_.assign(c.size, 0);
  // Every row is written and the cursor moves only past step events: no
  // branch on the (unpredictable) event type.
  rows_.resize(c.size);
  ts_.resize(c.size);
  masks_.resize(c.size);
  size_t n = 0;
  const auto put = [&](size_t i) {
    const uint32_t m = spec_.steps.Match(c, i) & reachable_;
    rows_[n] = static_cast<uint32_t>(i);
    ts_[n] = c.timestamp[i];
    masks_[n] = m;
    n += m != 0;
  };
  if (spec_.where == nullptr && !exclusions) {
    for (size_t i = 0; i < c.size; ++i) put(i);
  } else {
    for (size_t i = 0; i < c.size; ++i) {
      if (spec_.where != nullptr && !spec_.where->Matches(c, i)) continue;
      if (keep) keep_[i] = 1;
      if (exclusions) {
        const uint32_t x = spec_.exclusion_events.Match(c, i);
        if (x != 0) {
          excl_ts_.push_back(c.timestamp[i]);
          excl_masks_.push_back(x);
        }
      }
      put(i);
    }
  }
  rows_.resize(n);
  ts_.resize(n);
  masks_.resize(n);
}

void FunnelConsumer::ClearScratch() {
  rows_.clear();
  ts_.clear();
  masks_.clear();
  excl_ts_.clear();
  excl_masks_.clear();
}

// Ordered chains that can fill steps 1 and 2 only: the earliest-starting
// chain that reaches step 2 starts at the first step-1 event whose next
// step-2 event (a later one: one event fills one step) lies in its window,
// so one forward pass finds it, with no gather and no state machine. The
// same chain and times as EvaluateUnit (tests/engine/funnel_query_test.cc).
void FunnelConsumer::CountFirstTwoSteps(const scan::CustomerView& c) {
  ClearScratch();
  const int64_t window = spec_.window_ms;
  size_t start = c.size, next = 0;  // next: the first step-2 event after the current start
  for (size_t i = 0; i < c.size; ++i) {
    if (!(spec_.steps.Match(c, i) & 1)) continue;
    if (start == c.size) start = i;  // depth 1 at least: the first step-1 event starts the chain
    if (next <= i) {
      next = i + 1;
      while (next < c.size && !(spec_.steps.Match(c, next) & 2)) ++next;
    }
    if (next == c.size) break;  // no step 2 after this start, nor after any later one
    if (c.timestamp[next] <= c.timestamp[i] + window) {
      CountShallow(2, static_cast<double>(c.timestamp[next] - c.timestamp[i]) / 1000.0);
      return;
    }
  }
  CountShallow(start < c.size ? 1 : 0, 0);
}

// What Record and Consume count for a customer of depth <= 2 with no --by,
// no exclusion and nothing to export; `seconds` is step 1 to step 2.
void FunnelConsumer::CountShallow(int depth, double seconds) {
  FunnelCounts& fc = groups_[0];
  for (int level = 0; level < depth; ++level) {
    ++fc.reached[level];
    ++fc.customers[level];
  }
  if (depth == 2) {
    fc.from_previous_s[1].push_back(seconds);
    fc.from_first_s[1].push_back(seconds);
  }
}

// Most customers never get past step 1 or 2, and are settled here without
// the full gather (every step event, for times and exclusions). Without
// --where, the union of the rows' step masks decides: no event of step 2
// (unordered: events of at most one step) means a depth of at most 1, and
// ordered chains that can reach steps 1 and 2 only take CountFirstTwoSteps.
// With nothing to attribute or export the customer is counted at once;
// otherwise only the event that starts its chain is kept.
bool FunnelConsumer::GatherShallow(const scan::CustomerView& c) {
  if (spec_.count != FunnelCount::kCustomers || !spec_.exclusions.empty()) return false;
  const bool unordered = spec_.mode == FunnelMode::kUnordered;
  const auto mask_of = [&](size_t i) {
    return spec_.where != nullptr && !spec_.where->Matches(c, i) ? 0u : spec_.steps.Match(c, i);
  };
  int depth = 0;
  if (spec_.where == nullptr) {
    const uint32_t any = any_known_ ? any_ : spec_.steps.MatchAny(c, c.size);
    // Ordered chains fill steps in order, so none gets past the first step
    // the customer has no event of: the gather drops the later steps' bits,
    // and the chain machinery walks fewer levels (strict mode needs every
    // bit: another step's event breaks a chain).
    if (spec_.mode == FunnelMode::kOrdered && ~any != 0) reachable_ = (1u << __builtin_ctz(~any)) - 1;
    if (reachable_ == 3u && spec_.by.empty() && spec_.dropped_at != 1 && spec_.dropped_at != 2) {
      CountFirstTwoSteps(c);
      return true;
    }
    if (unordered ? __builtin_popcount(any) > 1 : (any & 2) != 0) return false;
    depth = unordered ? __builtin_popcount(any) : static_cast<int>(any & 1);
  } else {
    if (unordered) return false;
    depth = OrderedDepth(mask_of, [&](size_t i) { return c.timestamp[i]; }, 0, c.size);
    if (depth > 1) return false;
  }
  ClearScratch();
  // Nothing to attribute, time or export: count the customer here and leave
  // the scratch empty, so Consume has nothing more to do.
  if (spec_.by.empty() && spec_.dropped_at != 1) {
    CountShallow(depth, 0);
    return true;
  }
  // The chain's start: the first step-1 event (unordered: the first step event).
  const uint32_t starts = unordered ? ~0u : 1u;
  for (size_t i = 0; i < c.size && depth == 1; ++i) {
    const uint32_t m = mask_of(i);
    if (m & starts) {
      rows_.push_back(static_cast<uint32_t>(i));
      ts_.push_back(c.timestamp[i]);
      masks_.push_back(m);
      break;
    }
  }
  return true;
}

// Before the scan decodes a customer's times (ScanSpec::lazy_timestamps):
// one who is counted at depth 0 or 1 with nothing to attribute, time or
// export (GatherShallow's first case) needs none, and most customers of a
// funnel are such.
bool FunnelConsumer::SettleByEvents(const scan::CustomerView& c) {
  if (spec_.count != FunnelCount::kCustomers || !spec_.exclusions.empty() || spec_.where != nullptr ||
      !spec_.by.empty() || spec_.dropped_at == 1) {
    return false;
  }
  any_ = spec_.steps.MatchAny(c, c.size);
  any_known_ = true;
  const bool unordered = spec_.mode == FunnelMode::kUnordered;
  if (unordered ? __builtin_popcount(any_) > 1 : (any_ & 2) != 0) return false;
  CountShallow(unordered ? __builtin_popcount(any_) : static_cast<int>(any_ & 1), 0);
  return true;
}

void FunnelConsumer::Consume(const scan::CustomerView& given) {
  reachable_ = ~0u;
  any_known_ = false;
  if (given.timestamp == nullptr && SettleByEvents(given)) return;
  scan::CustomerView c = given;
  c.timestamp = given.Timestamps();
  if (!GatherShallow(c)) Gather(c);
  const size_t n = rows_.size();
  if (n == 0) return;
  best_.clear();
  if (spec_.count != FunnelCount::kSessions) {
    EvaluateUnit(c, 0, n);
  } else {
    // Sessions over the events --where keeps; the step events are regrouped
    // session by session (stable, so each stays in time order).
    sessions_.Build(c, spec_.where != nullptr ? &keep_ : nullptr, &session_list_, &row_session_);
    order_.resize(n);
    for (size_t i = 0; i < n; ++i) order_[i] = static_cast<uint32_t>(i);
    std::stable_sort(order_.begin(), order_.end(),
                     [&](uint32_t a, uint32_t b) { return row_session_[rows_[a]] < row_session_[rows_[b]]; });
    sorted_rows_.resize(n);
    sorted_ts_.resize(n);
    sorted_masks_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      sorted_rows_[i] = rows_[order_[i]];
      sorted_ts_[i] = ts_[order_[i]];
      sorted_masks_[i] = masks_[order_[i]];
    }
    rows_.swap(sorted_rows_);
    ts_.swap(sorted_ts_);
    masks_.swap(sorted_masks_);
    for (size_t b = 0; b < n;) {
      const uint32_t session = row_session_[rows_[b]];
      size_t e = b + 1;
      while (e < n && row_session_[rows_[e]] == session) ++e;
      if (session != SessionBuilder::kNoSession) EvaluateUnit(c, b, e);
      b = e;
    }
  }
  for (const auto& [g, chain] : best_) {
    FunnelCounts& fc = groups_[g];
    for (int i = 0; i < chain.depth; ++i) ++fc.customers[i];
    if (g == 0 && chain.depth == spec_.dropped_at) {
      fc.dropped.push_back({std::string(c.customer_id), chain.time[0], chain.time[chain.depth - 1]});
    }
  }
}

void FunnelConsumer::MergeFrom(FunnelConsumer& other) {
  groups_.Merge(other.groups_, [](FunnelCounts& mine, FunnelCounts& theirs) { mine.Merge(theirs); });
}

}  // namespace touchpoint::kernels
