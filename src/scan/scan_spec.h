// ScanSpec: what a consumer needs from the scan: a time range, the columns,
// the properties. The scan reads nothing else and skips blocks outside the
// range, so asking for less is faster.
#ifndef TOUCHPOINT_SCAN_SCAN_SPEC_H_
#define TOUCHPOINT_SCAN_SCAN_SPEC_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "scan/customer_view.h"

namespace touchpoint::scan {

// Columns besides the always-present customer and timestamp.
enum ColumnBit : uint32_t {
  kColumnEvent = 1u << kEvent,
  kColumnChannel = 1u << kChannel,
  kColumnCampaign = 1u << kCampaign,
  kColumnPage = 1u << kPage,
  kColumnSurvey = 1u << kSurvey,
  kColumnFeature = 1u << kFeature,
  kColumnRevenue = 1u << 8,
  kColumnScore = 1u << 9,
  kColumnEventId = 1u << 10,
  kColumnSessionId = 1u << 11,
  kColumnComment = 1u << 12,
  kAllColumns = 0xFFFFu,
};

struct ScanSpec {
  int64_t from_ms = std::numeric_limits<int64_t>::min();  // inclusive
  int64_t to_ms = std::numeric_limits<int64_t>::max();    // exclusive
  uint32_t columns = kAllColumns;
  std::vector<std::string> properties;
  // Derived per-customer columns (store/derived_table.h) to hand along,
  // one value per customer: how analyses cut and filter by segment, churn
  // risk, CLV... (named `derived:NAME` in --by and --where).
  std::vector<std::string> derived;
  size_t threads = 0;  // 0: one per hardware thread
  // The consumer reads CustomerView::Timestamps(), not `timestamp`: the scan
  // may leave a customer's times undecoded until it asks (a funnel settles
  // most customers by their events alone).
  bool lazy_timestamps = false;
  // CustomerView::customer_id is filled. A consumer that never reads it
  // (a funnel without --dropped-at) says false, and the scan decompresses a
  // block's ids only when it must tell two customers of one hash apart,
  // resolve aliases or look up derived values.
  bool customer_ids = true;
  bool resolve_aliases = true;

  // Whether the views carry ids: asked for, or needed to look up derived values.
  bool ViewsNeedIds() const { return customer_ids || !derived.empty(); }
};

}  // namespace touchpoint::scan

#endif  // TOUCHPOINT_SCAN_SCAN_SPEC_H_
