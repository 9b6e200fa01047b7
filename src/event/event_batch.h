// EventBatch: a block of interaction events in columnar form, the unit that
// flows from the readers (ingest/) into the store (store/).
//
// Columns follow MISSION.md's data section: required timestamp, customer_id
// and event; the well-known optional columns; and any number of named
// properties (every other CSV column or JSON key), so nothing the user sent
// is thrown away. Absent values: empty string for strings, NaN for numbers.
// Invariant: every column has exactly size() rows. Not thread-safe.
#ifndef TOUCHPOINT_EVENT_EVENT_BATCH_H_
#define TOUCHPOINT_EVENT_EVENT_BATCH_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "event/string_column.h"

namespace touchpoint {

inline constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

struct PropertyColumn {
  std::string name;
  StringColumn values;
};

// One row as parsed, before it is appended. Views point into the reader's
// buffers and must outlive the Append call only.
struct EventRow {
  int64_t timestamp_ms = 0;
  std::string_view customer_id;
  std::string_view event;
  std::string_view event_id;
  std::string_view session_id;
  std::string_view channel;
  std::string_view campaign;
  std::string_view page;
  double revenue = kAbsent;
  std::string_view survey;
  double score = kAbsent;
  std::string_view comment;
  std::string_view feature;
  // The store's load the row came in with (0: none, or not known).
  uint64_t load_id = 0;
  // (index into EventBatch::properties, value); see EventBatch::PropertyIndex.
  std::vector<std::pair<uint32_t, std::string_view>> properties;
};

class EventBatch {
 public:
  std::vector<int64_t> timestamp_ms;  // Unix epoch milliseconds, UTC
  StringColumn customer_id;
  StringColumn event;
  StringColumn event_id;    // optional: makes ingestion idempotent
  StringColumn session_id;  // optional: when absent sessions are derived
  StringColumn channel;
  StringColumn campaign;
  StringColumn page;
  std::vector<double> revenue;  // NaN when absent
  StringColumn survey;          // nps | csat | ces | user-defined
  std::vector<double> score;    // NaN when absent
  StringColumn comment;
  StringColumn feature;
  std::vector<PropertyColumn> properties;
  // The load of each row, set by the store (docs/store.md); empty while
  // every row's is 0 (rows from a reader, or from an append), else size() rows.
  std::vector<uint64_t> load_id;

  size_t size() const { return timestamp_ms.size(); }
  bool empty() const { return timestamp_ms.empty(); }

  // Returns the index of property `name`, adding the column (back-filled
  // with absent values) if it is new. Constant time: a batch may have a
  // hundred thousand columns.
  uint32_t PropertyIndex(std::string_view name);
  uint64_t LoadId(size_t i) const { return load_id.empty() ? 0 : load_id[i]; }

  // Appends one row; properties not named in `row` get absent values.
  // REQUIRES: every index in row.properties came from PropertyIndex().
  void Append(const EventRow& row);

  // Fills `row` with row `i`'s fields; its properties are left to the caller
  // (their indices belong to the batch the row goes to).
  void GetRow(size_t i, EventRow* row) const;

  // Appends row `i` of `other` (properties matched by name).
  void AppendFrom(const EventBatch& other, size_t i);

  // Appends the rows of `other` for which keep[i] is true (every row when
  // `keep` is null), column by column; properties are matched by name once.
  void AppendRows(const EventBatch& other, const std::vector<bool>* keep = nullptr);

  // Reorders rows by `order` (a permutation of 0..size()-1).
  EventBatch Permuted(const std::vector<uint32_t>& order) const;

  void Clear();
  size_t ApproximateBytes() const;

  // The byte sizes of a batch's string columns, to make room for the next
  // batch of a stream at once instead of growing it by doubling (which
  // leaves up to half of every buffer unused, and copies it meanwhile).
  struct Shape {
    size_t rows = 0;
    std::vector<size_t> bytes;  // the ten string columns, in declaration order
    std::vector<std::pair<std::string, size_t>> properties;
  };
  Shape GetShape() const;
  // Reserves room for `shape`'s rows and bytes (a tenth more), for the core
  // columns and the properties this batch already has.
  void Reserve(const Shape& shape);

 private:
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Property name -> index, rebuilt when `properties` was changed directly.
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> property_lookup_;
  void AppendLoadId(uint64_t id);
};

}  // namespace touchpoint

#endif  // TOUCHPOINT_EVENT_EVENT_BATCH_H_
