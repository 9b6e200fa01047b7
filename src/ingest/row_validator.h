// RowValidator: turns one parsed row (text per column role, plus properties)
// into an EventRow, or says which column is wrong and why. The rules are
// those of MISSION.md and docs/store.md: required columns, timestamp forms,
// numbers, survey score ranges, UTF-8, sane lengths. Shared by the CSV and
// NDJSON readers. Not thread-safe (it keeps scratch buffers).
#ifndef TOUCHPOINT_INGEST_ROW_VALIDATOR_H_
#define TOUCHPOINT_INGEST_ROW_VALIDATOR_H_

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "event/event_batch.h"
#include "event/schema.h"
#include "ingest/event_reader.h"
#include "util/status.h"

namespace date {
class time_zone;
}

namespace touchpoint::ingest {

inline constexpr size_t kMaxIdBytes = 256;           // customer_id, event, event_id, session_id
inline constexpr size_t kMaxFieldBytes = 64 * 1024;  // every other field

// A row as read: the text of each role ("" and present=false when missing).
struct RawRow {
  std::array<std::string_view, kRoleCount> value{};
  std::array<bool, kRoleCount> present{};
  std::vector<std::pair<uint32_t, std::string_view>> properties;  // batch property index, value
  // The reader has checked that the whole record is valid UTF-8 (a field
  // boundary never splits a character), so the fields need no check.
  bool utf8_checked = false;

  void Clear() {
    value.fill(std::string_view());
    present.fill(false);
    properties.clear();
    utf8_checked = false;
  }
};

class RowValidator {
 public:
  RowValidator(const ReadOptions& options, const date::time_zone* zone);

  // True and fills `out` when the row is good; else sets `column` and
  // `reason` (which quotes the bad value), or, when a property value is
  // bad, `*bad_property` to its index in row.properties (else -1).
  bool Validate(const RawRow& row, EventRow* out, std::string* column, std::string* reason, int* bad_property);

  // The --map event rules no row used so far (their names).
  std::vector<std::string> UnusedEventRules() const;

 private:
  Result<int64_t> ParseTime(std::string_view text) const;

  const FieldMapping& mapping_;
  const date::time_zone* zone_;
  std::string timestamp_format_;
  int64_t min_ms_, max_ms_;
  std::string min_text_;
  std::vector<std::string> used_event_rules_;  // few: the user's --map event rules
};

// Quotes a value for a reason message, truncated and made printable.
std::string QuoteForReason(std::string_view value);

}  // namespace touchpoint::ingest

#endif  // TOUCHPOINT_INGEST_ROW_VALIDATOR_H_
