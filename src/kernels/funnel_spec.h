// FunnelSpec: what `touchpoint funnel` computes (docs/funnels.md): the
// steps, the mode, what a unit is, the window, exclusions, the cut and who
// gets the --by value, and the counts a funnel keeps per group.
#ifndef TOUCHPOINT_KERNELS_FUNNEL_SPEC_H_
#define TOUCHPOINT_KERNELS_FUNNEL_SPEC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/definitions.h"
#include "kernels/event_filter.h"
#include "kernels/event_roles.h"
#include "kernels/funnel_steps.h"
#include "kernels/group_column.h"
#include "kernels/group_index.h"
#include "scan/catalog.h"
#include "scan/scan_spec.h"
#include "util/status.h"

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

// The --by label of units that never reach the attributed step: a group of
// its own (kFunnelNotReachedKey, a reserved key), whatever the column's values.
inline constexpr std::string_view kFunnelNotReached = "(not reached)";
inline const std::string kFunnelNotReachedKey = std::string(1, kReservedGroupKeyPrefix) + "not reached";

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
  std::vector<std::string> by;  // columns or properties of the attributed event
  FunnelAttribution attribution = FunnelAttribution::kFirstTouch;
  int attribution_step = 0;  // 0-based, for kStep
  int dropped_at = -1;       // collect customers whose deepest step is this many (see FunnelCounts)
  Definitions definitions;   // session rules, for count = sessions
  // Derived by Prepare.
  GroupColumn group;  // what `by` cuts on
  std::vector<std::string> derived;
  EventRoles roles;

  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
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

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_FUNNEL_SPEC_H_
