// FunnelSteps: the steps of a funnel as written on the command line,
// `page_view[page=/pricing],signup,purchase[revenue>=20]`: an event name
// with optional conditions in brackets (the --where language, joined by
// AND). Each step becomes an EventFilter; an event may match several steps.
#ifndef TOUCHPOINT_KERNELS_FUNNEL_STEPS_H_
#define TOUCHPOINT_KERNELS_FUNNEL_STEPS_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "kernels/event_filter.h"
#include "scan/catalog.h"
#include "util/status.h"

namespace touchpoint::kernels {

inline constexpr size_t kMaxFunnelSteps = 32;

// Where `separator` occurs in `text` outside [conditions] and quotes: how
// step lists split on ',' and exclusions find their '@' range.
std::vector<size_t> TopLevelPositions(std::string_view text, char separator);

class FunnelSteps {
 public:
  // Parses "STEP,STEP,..."; commas inside brackets or quotes do not split.
  // A funnel needs 2 steps; exclusion lists (min_steps 1) need one.
  static Result<FunnelSteps> Parse(std::string_view text, size_t min_steps = 2);

  size_t size() const { return filters_.size(); }
  const std::string& label(size_t i) const { return labels_[i]; }
  // Step i as a filter: its event and conditions.
  const EventFilter& filter(size_t i) const { return filters_[i]; }
  uint32_t columns() const;
  std::vector<std::string> properties() const;
  // Derived columns (derived:NAME) the conditions read, names without the prefix.
  std::vector<std::string> derived() const;
  // `properties` and `derived` are the scan's lists (the steps' must be in them).
  void Bind(const scan::Catalog& catalog, const std::vector<std::string>& properties,
            const std::vector<std::string>& derived);
  // Bit i set when row `row` matches step i. Inline: it runs per event.
  uint32_t Match(const scan::CustomerView& c, size_t row) const {
    const uint32_t mask = by_event_[c.event()[row]];
    return conditional_mask_ == 0 ? mask : mask | MatchConditional(c, row);
  }
  // The union of Match over rows [0, n): which steps the rows can fill at
  // all. Without conditions a branch-free OR of table lookups.
  uint32_t MatchAny(const scan::CustomerView& c, size_t n) const {
    if (conditional_mask_ != 0) {
      uint32_t any = 0;
      for (size_t i = 0; i < n; ++i) any |= Match(c, i);
      return any;
    }
    const uint32_t* event = c.event();
    const uint32_t* table = by_event_.data();
    uint32_t a = 0, b = 0, d = 0, e = 0;  // four chains keep the loads in flight
    size_t i = 0;
    // Two codes per 8-byte load: besides halving the loads, this keeps GCC
    // from "vectorizing" the lookups into SSE2 lane shuffles (five
    // instructions a row instead of two).
    for (; i + 4 <= n; i += 4) {
      uint64_t lo, hi;
      std::memcpy(&lo, event + i, sizeof(lo));
      std::memcpy(&hi, event + i + 2, sizeof(hi));
      a |= table[static_cast<uint32_t>(lo)];
      b |= table[lo >> 32];
      d |= table[static_cast<uint32_t>(hi)];
      e |= table[hi >> 32];
    }
    for (; i < n; ++i) a |= table[event[i]];
    return a | b | d | e;
  }

 private:
  std::vector<std::string> labels_;
  std::vector<std::string> events_;  // each step's event name
  std::vector<bool> conditional_;    // has [conditions] beyond the event
  uint32_t MatchConditional(const scan::CustomerView& c, size_t row) const;

  std::vector<EventFilter> filters_;
  // Event code -> steps that match on the event alone (the common case,
  // answered with one lookup instead of a filter per step).
  std::vector<uint32_t> by_event_;
  uint32_t conditional_mask_ = 0;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_FUNNEL_STEPS_H_
