// EventFilter: the `--where` expression language (docs/metrics.md, "Filters").
//
//   expr       := or
//   or         := and ("OR" and)*
//   and        := unary ("AND" unary)*
//   unary      := "NOT" unary | "(" expr ")" | comparison
//   comparison := field ("=" | "!=" | "<" | "<=" | ">" | ">=") value
//              |  field ["NOT"] "IN" "(" value ("," value)* ")"
//   field      := a column (event, channel, campaign, page, survey, feature,
//                 session_id, comment, event_id, revenue, score, timestamp)
//                 or any property name, or derived:NAME (a per-customer
//                 derived column, store/derived_table.h)
//   value      := 'text' | "text" | number | bare-word
//
// Keywords are case-insensitive. Ranges on text compare numerically when both
// sides are numbers, else as strings; timestamp takes ISO-8601 values.
// An absent value never matches a comparison (SQL NULL semantics), so
// `NOT channel = 'email'` keeps rows without a channel while
// `channel != 'email'` does not. Parsed once; Bind per scan; Matches is
// const and thread-safe.
#ifndef TOUCHPOINT_KERNELS_EVENT_FILTER_H_
#define TOUCHPOINT_KERNELS_EVENT_FILTER_H_

#include <memory>
#include <string>
#include <vector>

#include "scan/catalog.h"
#include "scan/customer_view.h"
#include "util/status.h"

namespace touchpoint::kernels {

class EventFilter {
 public:
  static Result<EventFilter> Parse(std::string_view text);
  EventFilter();
  ~EventFilter();
  EventFilter(EventFilter&&) noexcept;
  EventFilter& operator=(EventFilter&&) noexcept;

  bool empty() const { return root_ == nullptr; }
  // Scan columns (scan::ColumnBit) and properties the filter reads.
  uint32_t columns() const;
  std::vector<std::string> properties() const;
  // Derived columns it reads (names without the derived: prefix).
  std::vector<std::string> derived() const;
  // Resolves names against the catalog; `properties` and `derived` are the
  // scan's lists (the filter's must be in them).
  void Bind(const scan::Catalog& catalog, const std::vector<std::string>& properties,
            const std::vector<std::string>& derived = {});
  bool Matches(const scan::CustomerView& c, size_t row) const;

  // One comparison as written: the field's name and the values it is
  // compared with, for checking names against the store before a scan.
  struct Reference {
    std::string field;
    std::vector<std::string> values;
  };
  std::vector<Reference> references() const;

  struct Node;

 private:
  std::unique_ptr<Node> root_;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_EVENT_FILTER_H_
