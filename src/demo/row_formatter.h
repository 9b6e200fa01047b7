// RowFormatter: turns DemoEvents into CSV or NDJSON text in the canonical
// schema, plus the two extra properties device and country.
//
// CSV: the header below, ISO-8601 UTC timestamps with milliseconds and Z,
// empty fields for absent values, RFC 4180 quoting where a field needs it
// (comments contain commas and double quotes). NDJSON: one object per line
// with the same keys, absent keys left out, revenue and score as numbers.
// Numbers go through std::to_chars and the date part of the timestamp is
// cached per day: this is the generator's hot loop. Not thread-safe (keeps
// scratch buffers).
#ifndef TOUCHPOINT_DEMO_ROW_FORMATTER_H_
#define TOUCHPOINT_DEMO_ROW_FORMATTER_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "demo/customer_traits.h"
#include "demo/demo_event.h"

namespace touchpoint::demo {

enum class DemoFormat { kCsv, kNdjson };

inline constexpr std::string_view kDemoCsvHeader =
    "timestamp,customer_id,event,event_id,session_id,channel,campaign,page,revenue,survey,score,comment,feature,"
    "device,country\n";

class RowFormatter {
 public:
  // `seed` goes into every event_id, so files of different seeds never
  // share one (and load side by side); the same seed's CSV and NDJSON do.
  RowFormatter(DemoFormat format, uint64_t seed) : format_(format), seed_(seed) {}

  // The CSV header line; nothing for NDJSON.
  void AppendHeader(std::string* out) const;

  // Appends one line for `e`. `row` numbers the output rows from 0 and makes
  // the event_id ("e" + seed in hex + "-" + row in hex); `who` gives the
  // device and country columns.
  void AppendRow(const DemoEvent& e, uint64_t row, const CustomerTraits& who, std::string* out);

 private:
  void AppendTimestamp(int64_t ms, std::string* out);
  void AppendCsv(const DemoEvent& e, uint64_t row, const CustomerTraits& who, std::string* out);
  void AppendJson(const DemoEvent& e, uint64_t row, const CustomerTraits& who, std::string* out);

  void AppendEventId(uint64_t row, std::string* out) const;

  DemoFormat format_;
  uint64_t seed_;
  int64_t cached_day_ = INT64_MIN;
  char day_prefix_[32] = {};  // "2024-03-05T"
  size_t day_prefix_len_ = 0;
  std::string comment_;  // scratch for the comment text
};

}  // namespace touchpoint::demo

#endif  // TOUCHPOINT_DEMO_ROW_FORMATTER_H_
