// PathsConsumer: customer journeys in one pass of the scan (docs/paths.md):
// the most frequent paths of touchpoints, the transition matrix with its
// "(start)" and "(exit)" nodes, and per-touchpoint volume, reach,
// conversion after the first pass, CSAT and CES of the customers who
// passed it, entries and exits.
//
// A touchpoint (node) is an event, a channel:event pair, a channel, a page
// or a campaign (kernels/paths_spec.h). A journey is one session
// (kernels/sessions.h) or a customer's whole history in the range; with
// `collapse`, immediate repeats of a node fold into one step. Per shard: local maps; Merge adds them up.
// One consumer per scan shard (not thread-safe); the spec outlives it.
#ifndef TOUCHPOINT_KERNELS_PATHS_CONSUMER_H_
#define TOUCHPOINT_KERNELS_PATHS_CONSUMER_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kernels/analysis_consumer.h"
#include "kernels/flat_map.h"
#include "kernels/group_index.h"
#include "kernels/paths_spec.h"
#include "kernels/sessions.h"

namespace touchpoint::kernels {

// A path: up to kMaxPathDepth node codes. Unused slots stay 0 so equal
// paths are equal byte for byte.
struct PathKey {
  std::array<uint32_t, kMaxPathDepth> nodes{};
  uint8_t length = 0;

  bool operator==(const PathKey& o) const { return length == o.length && nodes == o.nodes; }
  bool operator<(const PathKey& o) const { return length != o.length ? length < o.length : nodes < o.nodes; }
};

struct PathKeyHash {
  size_t operator()(const PathKey& k) const;
};

struct PathStats {
  uint64_t paths = 0;             // journeys with exactly this path
  uint64_t ended = 0;             // of those, journeys that ended with it (then "(exit)")
  uint64_t customers = 0;         // distinct customers with exactly this path
  uint64_t converted = 0;         // of those, converted after completing it
  uint64_t prefix_customers = 0;  // distinct customers whose path starts with this one (group 0 only)
  void Add(const PathStats& o);
};

struct TouchpointStats {
  uint64_t events = 0;     // raw events (before collapsing)
  uint64_t customers = 0;  // reach
  uint64_t journeys = 0;   // journeys containing it
  uint64_t entries = 0, exits = 0;  // journeys starting / ending on it
  uint64_t converted_after = 0;     // reached customers converting after their first pass
  uint64_t csat_answers = 0, csat_satisfied = 0;  // answers of the reached customers
  uint64_t ces_answers = 0;
  double ces_sum = 0, ces_sum2 = 0;
  void Add(const TouchpointStats& o);
};

struct TransitionStats {
  uint64_t count = 0;
  // Sum over transitions between two steps of the time from the from-step's
  // last event to the to-step's first (none for "(start)" and "(exit)").
  int64_t time_ms = 0;
};

// What the consumer keeps per path: the sums, and which customer touched
// the entry last, so distinct customers count without a per-customer sort.
struct PathEntry : PathStats {
  uint64_t seen = 0;  // stamp of the last customer with this path or prefix
  bool seen_exact = false, seen_converted = false;  // for that customer
};

struct TouchpointEntry : TouchpointStats {
  uint64_t seen = 0;  // stamp of the last customer who passed it
  uint32_t journey = 0;  // that customer's last journey through it
  bool seen_converted = false;
};

struct PathGroup {
  FlatMap<PathKey, PathEntry, PathKeyHash> paths;
  uint64_t seen = 0;  // stamp of the last customer counted in `customers`
  uint64_t customers = 0;  // customers with at least one path in the group
  uint64_t journeys = 0;   // paths counted (journeys with a path)
};

class PathsConsumer : public AnalysisConsumer<PathsConsumer> {
 public:
  explicit PathsConsumer(const PathsSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(PathsConsumer& other);

  uint64_t customers() const { return customers_; }  // with at least one non-empty journey
  uint64_t journeys() const { return journeys_; }     // non-empty journeys
  uint64_t inactive_skipped() const { return inactive_skipped_; }  // inactive events left off every journey
  // [0] = everyone; then one per --by value.
  const GroupIndex<PathGroup>& groups() const { return groups_; }
  const FlatMap<uint32_t, TouchpointEntry, IntHash>& touchpoints() const { return touch_; }
  // (from << 32 | to) -> transitions; from may be kStartNode, to kExitNode.
  const FlatMap<uint64_t, TransitionStats, IntHash>& transitions() const { return transitions_; }

 private:
  // One step of a journey after collapsing.
  struct Step {
    uint32_t node;
    uint32_t row;      // first event of the step
    uint32_t last_row;  // last event folded into it
    uint32_t journey;  // index within the customer
    uint32_t events;   // events folded into it
    uint8_t edge;      // kEntry | kExit
  };
  void SplitJourneys(const scan::CustomerView& c);
  void AddJourney(const scan::CustomerView& c, const uint32_t* rows, size_t n, uint32_t journey);
  void AddPath(const scan::CustomerView& c, size_t first, size_t n);
  // One path (or prefix) of the current customer; `completion_row` is the
  // first event of its last step; `exact`: the journey's path itself.
  void CountPath(uint32_t group, const PathKey& key, uint32_t completion_row, bool exact, bool ended);
  void FoldTouchpoints();

  const PathsSpec& spec_;
  SessionBuilder sessions_builder_;
  uint64_t customers_ = 0, journeys_ = 0, inactive_skipped_ = 0;
  GroupIndex<PathGroup> groups_;
  FlatMap<uint32_t, TouchpointEntry, IntHash> touch_;
  FlatMap<uint64_t, TransitionStats, IntHash> transitions_;

  // Per-customer scratch, reused.
  std::vector<uint8_t> keep_;
  std::vector<uint32_t> node_;
  std::vector<Session> sessions_;
  std::vector<uint32_t> session_of_;  // per row, SessionBuilder::kNoSession when in none
  std::vector<uint32_t> journey_rows_, journey_start_;
  std::vector<Step> steps_;
  uint64_t stamp_ = 0;             // the current customer, for the entries' `seen`
  int64_t last_conversion_ = -1;   // row of its last conversion event
  TouchpointStats surveys_;  // the customer's survey answers
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_PATHS_CONSUMER_H_
