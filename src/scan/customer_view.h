// CustomerView: one customer's events, in time order, as the scan hands them
// to an analysis. Columns the ScanSpec did not ask for are null.
//
// Dictionary columns (event, channel, campaign, page, survey, feature) come
// as codes of the scan's Catalog (0 = absent), so kernels compare integers,
// not strings. Views are valid only during the Consume() call they are given
// to. Plain data; no ownership.
#ifndef TOUCHPOINT_SCAN_CUSTOMER_VIEW_H_
#define TOUCHPOINT_SCAN_CUSTOMER_VIEW_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace touchpoint::scan {

// The dictionary-coded columns, in Catalog order.
enum DictColumn : int {
  kEvent = 0,
  kChannel,
  kCampaign,
  kPage,
  kSurvey,
  kFeature,
  kDictColumnCount,
};

// Decodes the timestamps of the customer being delivered, when the scan
// left them for later (ScanSpec::lazy_timestamps).
class TimestampLoader {
 public:
  virtual const int64_t* Load() = 0;

 protected:
  ~TimestampLoader() = default;
};

struct CustomerView {
  std::string_view customer_id;  // the canonical id when aliases are resolved
  uint64_t customer_hash = 0;
  size_t size = 0;  // number of events
  // ms since epoch, non-decreasing. Null when the spec asked for
  // lazy_timestamps and the scan has not decoded them: read Timestamps().
  const int64_t* timestamp = nullptr;
  TimestampLoader* timestamp_loader = nullptr;
  const uint32_t* dict[kDictColumnCount] = {};  // Catalog codes per DictColumn
  const double* revenue = nullptr;  // NaN = absent
  const double* score = nullptr;    // NaN = absent
  const std::string_view* event_id = nullptr;
  const std::string_view* session_id = nullptr;
  const std::string_view* comment = nullptr;
  // Requested properties, in ScanSpec::properties order; "" = absent.
  const std::string_view* const* properties = nullptr;
  // Requested derived columns, in ScanSpec::derived order: this customer's
  // value, "" when it has none.
  const std::string_view* derived = nullptr;

  // The timestamps, decoded now if the scan left them for later.
  const int64_t* Timestamps() const { return timestamp != nullptr ? timestamp : timestamp_loader->Load(); }
  const uint32_t* event() const { return dict[kEvent]; }
  const uint32_t* channel() const { return dict[kChannel]; }
};

}  // namespace touchpoint::scan

#endif  // TOUCHPOINT_SCAN_CUSTOMER_VIEW_H_
