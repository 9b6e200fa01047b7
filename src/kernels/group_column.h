// GroupColumn: what a `--by NAME` cuts on: a dictionary-coded column
// (channel, campaign, page, event, survey, feature), a property, or a
// derived per-customer column written `derived:NAME`. Shared by every kernel
// that groups (measures, funnels, retention).
#ifndef TOUCHPOINT_KERNELS_GROUP_COLUMN_H_
#define TOUCHPOINT_KERNELS_GROUP_COLUMN_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernels/event_filter.h"
#include "scan/customer_view.h"

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
};

// Adds the properties and derived columns `where` reads (when given) to the
// scan's lists, without repeats.
void AddFilterColumns(const EventFilter* where, std::vector<std::string>* properties,
                      std::vector<std::string>* derived);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_GROUP_COLUMN_H_
