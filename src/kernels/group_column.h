// GroupColumn: what a `--by NAME` cuts on: a dictionary-coded column
// (channel, campaign, page, event, survey, feature), a property, or a
// derived per-customer column written `derived:NAME`. Shared by every kernel
// that groups (measures, funnels, retention, paths, attribution, lifecycle):
// each spec holds one, resolved in its Prepare by ResolveCutAndFilter, and
// adds what it reads to its scan with AddCutAndFilter.
#ifndef TOUCHPOINT_KERNELS_GROUP_COLUMN_H_
#define TOUCHPOINT_KERNELS_GROUP_COLUMN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/event_filter.h"
#include "scan/catalog.h"
#include "scan/customer_view.h"
#include "scan/scan_spec.h"

namespace touchpoint::kernels {

// The dictionary column called `name`, if it is one.
std::optional<scan::DictColumn> DictColumnNamed(std::string_view name);

inline constexpr std::string_view kDerivedPrefix = "derived:";

struct GroupColumn {
  int dict = -1;      // a scan::DictColumn, or -1
  int property = -1;  // index into the scan's properties, or -1
  int derived = -1;   // index into the scan's derived columns, or -1

  // Resolves `by` ("" = no grouping); a property or derived column is added
  // to `properties` / `derived` when the scan does not read it yet.
  static GroupColumn Resolve(const std::string& by, std::vector<std::string>* properties,
                             std::vector<std::string>* derived);
  bool none() const { return dict < 0 && property < 0 && derived < 0; }
  // The group key of row `row`: a dictionary code as text (named through the
  // catalog at the end), or the property's value.
  std::string Key(const scan::CustomerView& c, size_t row) const;
  // The group's name for the report: a dictionary code key (as Key gives)
  // named through `catalog`; any other key is already a value.
  // REQUIRES: a dictionary key is a code of `catalog`.
  std::string Name(const scan::Catalog& catalog, const std::string& key) const;
  // The scan column (scan::ColumnBit) a dictionary cut reads, else 0.
  uint32_t columns() const { return dict >= 0 ? 1u << dict : 0; }
};

// Adds the properties and derived columns `where` reads (when given) to the
// scan's lists, without repeats.
void AddFilterColumns(const EventFilter* where, std::vector<std::string>* properties,
                      std::vector<std::string>* derived);

// What every analysis spec's Prepare does for --by and --where: `derived`
// is reset, then the cut `by` is resolved and the filter's columns added
// (properties after those already in `properties`). Returns the cut.
GroupColumn ResolveCutAndFilter(const std::string& by, const EventFilter* where,
                                std::vector<std::string>* properties, std::vector<std::string>* derived);

// What every analysis spec's ScanSpecFor does for --by and --where: asks
// `scan` for the columns the cut and the filter read, and hands it the
// property and derived lists Prepare built.
void AddCutAndFilter(const GroupColumn& group, const EventFilter* where, const std::vector<std::string>& properties,
                     const std::vector<std::string>& derived, scan::ScanSpec* scan);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_GROUP_COLUMN_H_
