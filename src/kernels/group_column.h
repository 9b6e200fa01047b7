// GroupColumn: what a `--by` cuts on: one or two columns, each a
// dictionary-coded column (channel, campaign, page, event, survey, feature),
// a property, or a derived per-customer column written `derived:NAME`.
// Shared by every kernel that groups (measures, funnels, retention, paths,
// attribution, lifecycle): each spec holds one, resolved in its Prepare by
// ResolveCutAndFilter, and adds what it reads to its scan with
// AddCutAndFilter. A two-column cut's key joins the parts with
// kGroupKeySeparator; report/ splits it back (GroupKeyParts).
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
// At most this many columns in one --by.
inline constexpr size_t kMaxCutColumns = 2;
// Joins the parts of a two-column group key: a control character no
// identifier or label carries in practice.
inline constexpr char kGroupKeySeparator = '\x1f';

// The parts of a group key (one for a one-column cut).
std::vector<std::string_view> GroupKeyParts(std::string_view key);

// One column of a cut.
struct CutPart {
  int dict = -1;      // a scan::DictColumn, or -1
  int property = -1;  // index into the scan's properties, or -1
  int derived = -1;   // index into the scan's derived columns, or -1

  bool none() const { return dict < 0 && property < 0 && derived < 0; }
  // Row `row`'s key: a dictionary code as text (named at the end), the
  // property's value, or the customer's derived value.
  std::string Key(const scan::CustomerView& c, size_t row) const;
  // Whether row `row` has no value in this column.
  bool Empty(const scan::CustomerView& c, size_t row) const;
  // `key` as a name: a dictionary code named through `catalog`.
  std::string Name(const scan::Catalog& catalog, std::string_view key) const;
};

struct GroupColumn {
  CutPart first, second;  // second.none() for a one-column cut

  // Resolves `by` (empty = no grouping, at most kMaxCutColumns names; the
  // request layer checks the names); a property or derived column is added
  // to `properties` / `derived` when the scan does not read it yet.
  static GroupColumn Resolve(const std::vector<std::string>& by, std::vector<std::string>* properties,
                             std::vector<std::string>* derived);
  bool none() const { return first.none(); }
  bool two() const { return !second.none(); }
  // The single dictionary column of a one-column cut, else -1: where
  // kernels map codes to groups through a vector instead of a hash.
  int single_dict() const { return two() ? -1 : first.dict; }
  // The group key of row `row`.
  std::string Key(const scan::CustomerView& c, size_t row) const;
  // Whether row `row` has no value in any of the cut's columns.
  bool Empty(const scan::CustomerView& c, size_t row) const { return first.Empty(c, row) && (!two() || second.Empty(c, row)); }
  // The group's name for the report: each part named (dictionary codes
  // through `catalog`), joined by kGroupKeySeparator.
  // REQUIRES: a dictionary part is a code of `catalog`.
  std::string Name(const scan::Catalog& catalog, const std::string& key) const;
  // The scan columns (scan::ColumnBit) the cut reads.
  uint32_t columns() const;
};

// Adds the properties and derived columns `where` reads (when given) to the
// scan's lists, without repeats.
void AddFilterColumns(const EventFilter* where, std::vector<std::string>* properties,
                      std::vector<std::string>* derived);

// What every analysis spec's Prepare does for --by and --where: `derived`
// is reset, then the cut `by` is resolved and the filter's columns added
// (properties after those already in `properties`). Returns the cut.
GroupColumn ResolveCutAndFilter(const std::vector<std::string>& by, const EventFilter* where,
                                std::vector<std::string>* properties, std::vector<std::string>* derived);

// What every analysis spec's ScanSpecFor does for --by and --where: asks
// `scan` for the columns the cut and the filter read, and hands it the
// property and derived lists Prepare built.
void AddCutAndFilter(const GroupColumn& group, const EventFilter* where, const std::vector<std::string>& properties,
                     const std::vector<std::string>& derived, scan::ScanSpec* scan);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_GROUP_COLUMN_H_
