// NameCheck: every name a request mentions, checked against the store
// before the scan: events (funnel steps, cohort and return events,
// conversion and activation events, `event = '...'` in filters), columns,
// properties and derived columns (--by, --where, step conditions). An
// unknown name is a usage error (Status::Usage, exit status 2) that names
// the parameter, the value and the closest known names:
//
//   --steps: unknown event 'page_veiw' (did you mean 'page_view'?)
//
// A known name with no rows in the range is not an error: the well-known
// events of the schema (purchase, signup, ...) are known even in a store
// that has none yet, and such a use leaves a note for the result header.
// Not thread-safe (notes accumulate).
#ifndef TOUCHPOINT_ENGINE_NAME_CHECK_H_
#define TOUCHPOINT_ENGINE_NAME_CHECK_H_

#include <string>
#include <string_view>
#include <vector>

#include "kernels/event_filter.h"
#include "kernels/funnel_steps.h"
#include "scan/catalog.h"
#include "util/status.h"

namespace touchpoint::engine {

class NameCheck {
 public:
  // `derived`: the store's derived columns (store::DerivedTable::List).
  NameCheck(const scan::Catalog& catalog, std::vector<std::string> derived);

  // `name` is an event of the store.
  Status Event(std::string_view param, std::string_view name) const;
  // A column a filter may read: built in, a property, or derived:NAME.
  Status Column(std::string_view param, std::string_view name) const;
  // A --by: at most two columns, each a dictionary column, a property or
  // derived:NAME (not revenue, score, timestamp or free text).
  Status Cut(std::string_view param, const std::vector<std::string>& by) const;
  // Every field of `filter`, and every value compared with `event`.
  Status Filter(std::string_view param, const kernels::EventFilter& filter) const;
  // Every step's event and every condition of `steps`.
  Status Steps(std::string_view param, const kernels::FunnelSteps& steps) const;

  // "event 'purchase' does not occur in the store", once per event.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  const scan::Catalog& catalog_;
  std::vector<std::string> derived_;  // with the derived: prefix
  std::vector<std::string> columns_;  // everything Column accepts
  std::vector<std::string> events_;   // the store's events, then the absent well-known ones
  mutable std::vector<std::string> notes_;
};

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_NAME_CHECK_H_
