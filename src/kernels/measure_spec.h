// MeasureSpec: what the one-pass measure catalogue computes (the range, the
// series interval, the cut, the filter, the definitions) and what Prepare
// derives from it against the catalog (period grids, event roles, the cut's
// columns). Shared read-only by every shard's MeasureConsumer.
#ifndef TOUCHPOINT_KERNELS_MEASURE_SPEC_H_
#define TOUCHPOINT_KERNELS_MEASURE_SPEC_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/definitions.h"
#include "kernels/event_filter.h"
#include "kernels/event_roles.h"
#include "kernels/group_column.h"
#include "kernels/measure_catalog.h"
#include "kernels/measure_cell.h"
#include "kernels/period_grid.h"
#include "kernels/sparse_cells.h"
#include "scan/catalog.h"
#include "scan/scan_spec.h"
#include "util/status.h"

namespace touchpoint::kernels {

// How --by splits the catalogue (docs/metrics.md, "Cuts"). kMeasure, the
// default, scopes as GA4 scopes dimensions: event measures by the event's
// value, session measures by the session's first event's value, customer
// measures by the customer's first non-empty value in the range (each
// customer in exactly one group). The others put every measure under one
// rule: each event's own value, its session's first event's value, or
// the customer's first or last non-empty value.
enum class CutScope { kMeasure, kEvent, kSession, kFirst, kLast };
Result<CutScope> ParseCutScope(std::string_view text);
std::string_view CutScopeName(CutScope scope);

struct MeasureSpec {
  Definitions defs;
  const date::time_zone* zone = nullptr;  // reporting zone; nullptr = UTC
  int64_t from_ms = 0;                    // inclusive
  int64_t to_ms = 0;                      // exclusive
  Interval interval = Interval::kNone;
  std::vector<std::string> by;  // up to two columns, properties or derived:NAME; empty = no cut
  CutScope scope = CutScope::kMeasure;
  const EventFilter* where = nullptr;

  // Derived by Prepare():
  PeriodGrid series;   // [0] is the look-back period when interval != none
  PeriodGrid months;   // calendar months of the range, [0] = the month before
  PeriodGrid days;     // calendar days of the range
  GroupColumn group;   // what `by` cuts on
  std::vector<std::string> derived;  // derived columns the scan hands along
  EventRoles roles;
  size_t feature_count = 0;
  MeasurePresence presence;  // what the store holds at all (time_of_day is the consumer's to find)

  // Fills the derived fields; `properties` receives the scan properties.
  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  // The scan needed: all history up to `to` plus the activation window.
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
  bool has_series() const { return interval != Interval::kNone; }
  // Index of the "whole range" cell in a group's cell vector.
  size_t all_index() const { return has_series() ? series.size() : 0; }
};

// One group's cells (series periods, then the whole range) and its new
// customers in the window just before the range (acquisition growth).
struct MeasureGroup {
  SparseCells cells;
  uint64_t prev_window_new = 0;

  void Merge(const MeasureGroup& other);
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_MEASURE_SPEC_H_
