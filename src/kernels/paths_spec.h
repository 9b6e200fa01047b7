// PathsSpec: what `touchpoint paths` asks of its scan kernel
// (docs/paths.md): what a touchpoint is, what a journey is, the anchors,
// depth and grouping, resolved once against the scan's catalog. A touchpoint
// (node) is a uint32 built from catalog codes, so the hot loop compares
// integers. Immutable after Prepare; shared read-only by the shard consumers.
#ifndef TOUCHPOINT_KERNELS_PATHS_SPEC_H_
#define TOUCHPOINT_KERNELS_PATHS_SPEC_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/definitions.h"
#include "kernels/event_filter.h"
#include "kernels/group_column.h"
#include "kernels/event_roles.h"
#include "scan/catalog.h"
#include "scan/customer_view.h"
#include "scan/scan_spec.h"
#include "util/status.h"

namespace date {
class time_zone;
}

namespace touchpoint::kernels {

enum class TouchpointKind { kEvent, kChannelEvent, kChannel, kPage, kCampaign };
enum class PathScope { kSession, kCustomer };

Result<TouchpointKind> ParseTouchpointKind(std::string_view text);
std::string_view TouchpointKindName(TouchpointKind kind);
Result<PathScope> ParsePathScope(std::string_view text);

inline constexpr int kMaxPathDepth = 16;
inline constexpr uint32_t kNoNode = 0xFFFFFFFFu;
// Pseudo-nodes of the transition matrix.
inline constexpr uint32_t kStartNode = 0xFFFFFFFEu;
inline constexpr uint32_t kExitNode = 0xFFFFFFFDu;
inline constexpr uint32_t kMaxNodeSpace = 0xFFFFFF00u;

struct PathsSpec {
  TouchpointKind kind = TouchpointKind::kEvent;
  PathScope scope = PathScope::kSession;
  bool collapse = true;
  // Inactive events (Definitions::inactive_events) as touchpoints too, in
  // sessions and journeys; off by default, as they are not the customer's.
  bool include_inactive = false;
  int depth = 5;
  std::string start, end;  // touchpoint labels; at most one is set
  int64_t from_ms = 0, to_ms = 0;
  const EventFilter* where = nullptr;
  std::vector<std::string> by;  // columns or properties of the path's first event
  Definitions defs;  // sessions and conversion events
  const date::time_zone* zone = nullptr;  // for presets that split sessions at local midnight; null = UTC

  // Derived by Prepare.
  EventRoles roles;
  uint32_t event_space = 0;  // catalog.size(kEvent): channel:event = channel * event_space + event
  uint32_t start_node = kNoNode, end_node = kNoNode;
  uint32_t start_event = kNoNode, end_event = kNoNode;  // channel:event given as a bare event
  GroupColumn group;  // what `by` cuts on
  std::vector<std::string> derived;

  // Resolves roles, anchors and --by against the catalog; fills the scan's
  // property list. Errors: bad depth, both anchors, unknown anchor.
  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
  // The node of row `row`, or kNoNode when the row is no touchpoint of this kind.
  uint32_t NodeOf(const scan::CustomerView& c, size_t row) const;
  bool IsStart(uint32_t node) const;
  bool IsEnd(uint32_t node) const;
  bool anchored_start() const { return !start.empty(); }
  bool anchored_end() const { return !end.empty(); }
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_PATHS_SPEC_H_
