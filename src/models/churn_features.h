// ChurnFeatures: what the churn model knows about a customer at a cut-off,
// computed from their events before it as the scan hands them
// (docs/prediction.md, "Churn risk"): recency, frequency, monetary value,
// tenure, sessions and page views, the trend of activity, CTR, support
// tickets, the last NPS / CSAT / CES answers, feature usage and the channel
// mix. Missing values (no impression for a CTR, no survey answer) are NaN,
// which the gradient-boosted trees handle natively.
//
// Activity: every event except those that are not the customer's own
// (impressions, email_sent) and the configured inactive events.
// ChurnFeatureSpec is immutable after Prepare; Compute is thread-safe.
#ifndef TOUCHPOINT_MODELS_CHURN_FEATURES_H_
#define TOUCHPOINT_MODELS_CHURN_FEATURES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/definitions.h"
#include "kernels/event_roles.h"
#include "scan/catalog.h"
#include "scan/customer_view.h"

namespace touchpoint::models {

struct ChurnFeatureSpec {
  int64_t window_ms = 30 * 86400 * 1000LL;  // "recent" = the window before the cut-off
  int64_t session_gap_ms = 30 * 60 * 1000LL;
  kernels::Definitions defs;

  // Derived by Prepare.
  kernels::EventRoles roles;
  uint32_t support_ticket = scan::kNoCode;
  std::vector<int> channel_slot;             // catalog channel code -> channel feature, or -1
  std::vector<std::string> feature_names;    // in feature order

  void Prepare(const scan::Catalog& catalog);
  size_t features() const { return feature_names.size(); }
  // Whether event `i` is the customer's own activity.
  bool IsActivity(const scan::CustomerView& c, size_t i) const {
    const uint16_t f = roles.flags[c.event()[i]];
    return (f & (kernels::kIsInactive | kernels::kIsNotVisitorEvent)) == 0;
  }
  // The features at `cutoff` from events [0, end) (those before it) into
  // row[0 .. features()). REQUIRES: end > 0.
  void Compute(const scan::CustomerView& c, size_t end, int64_t cutoff, float* row) const;
};

// The well-known channels that get a share-of-activity feature when the
// store has them (MISSION.md).
inline constexpr const char* kChurnChannels[] = {"web", "app", "email", "social", "search", "ads", "support", "store"};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_CHURN_FEATURES_H_
