// AttributionConsumer: multi-touch attribution in one pass of the scan
// (docs/attribution.md).
//
// Per customer, over the events that pass --where, in time order:
//  - a touchpoint is a click, an email_click, or the first event of a
//    session (kernels/sessions.h; sessions of visitor events only, so an
//    impression or email_sent never starts one), that carries a --by value
//    (channel by default) and is not itself a conversion;
//  - a conversion (an event of the definitions' conversion_events, by
//    default purchase)
//    takes as its path the touchpoints at or before it, no older than the
//    lookback window, that no earlier conversion took: each touchpoint
//    credits at most the first conversion at or after it (same millisecond
//    included, whatever the stored order);
//  - conversions in [from, to) are counted; earlier ones (the scan starts a
//    window before `from`) only take their touchpoints;
//  - the touchpoints after the customer's last conversion form its
//    non-converting path: those within the lookback before the last of
//    them, when that last one falls in [from, to).
// Rule-based credit is summed per channel here; the Markov transitions are
// counted here and solved once at the end (kernels/attribution_report.h).
// One consumer per scan shard (STYLE.md habit 9); Merge folds by channel name.
#ifndef TOUCHPOINT_KERNELS_ATTRIBUTION_CONSUMER_H_
#define TOUCHPOINT_KERNELS_ATTRIBUTION_CONSUMER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "kernels/attribution_models.h"
#include "kernels/definitions.h"
#include "kernels/event_filter.h"
#include "kernels/group_column.h"
#include "kernels/event_roles.h"
#include "kernels/sessions.h"
#include "kernels/analysis_consumer.h"
#include "scan/scan_spec.h"
#include "util/status.h"

namespace touchpoint::kernels {

struct AttributionSpec {
  int64_t window_ms = 30 * 86400 * 1000LL;    // lookback before each conversion
  int64_t half_life_ms = 7 * 86400 * 1000LL;  // time-decay model
  int64_t from_ms = 0, to_ms = 0;             // conversions counted in [from, to)
  std::vector<std::string> by = {"channel"};  // the touchpoint dimension: one column
  const EventFilter* where = nullptr;
  Definitions definitions;  // session rules and the conversion events

  // Derived by Prepare.
  const scan::Catalog* catalog = nullptr;
  EventRoles roles;
  std::vector<uint8_t> event_kind;  // per event code: EventKind bits
  GroupColumn group;  // what `by` cuts on (never a derived column here)
  std::vector<std::string> derived;  // read by --where only

  enum EventKind : uint8_t { kTouchEvent = 1, kConversionEvent = 2 };

  // Resolves the conversion events, the dimension and the filter's columns.
  // Errors: --by is not one of channel, campaign, page or a property.
  [[nodiscard]] Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  // From a window before `from` (lookback) to `to`.
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
};

// What one channel (--by value) earned, rule-based models only.
struct ChannelCredit {
  uint64_t touchpoints = 0;       // on the paths of counted conversions
  uint64_t null_touchpoints = 0;  // on non-converting paths
  uint64_t paths = 0;             // counted conversions whose path has the channel
  double conversions[kPathModelCount] = {};
  double revenue[kPathModelCount] = {};

  void Merge(const ChannelCredit& other);
};

struct AttributionTotals {
  uint64_t conversions = 0;         // counted (in [from, to))
  double revenue = 0;               // their revenue; an absent revenue counts 0
  uint64_t direct_conversions = 0;  // counted, with an empty path
  double direct_revenue = 0;
  uint64_t null_paths = 0;

  void Merge(const AttributionTotals& other);
};

class AttributionConsumer : public AnalysisConsumer<AttributionConsumer> {
 public:
  static constexpr uint32_t kNoChannel = 0xFFFFFFFFu;

  explicit AttributionConsumer(const AttributionSpec& spec);
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(AttributionConsumer& other);

  // Channel names, indexed by this consumer's channel ids.
  const std::vector<std::string>& keys() const { return keys_; }
  const std::vector<ChannelCredit>& credits() const { return credits_; }
  const AttributionTotals& totals() const { return totals_; }
  // Markov transition counts keyed (from << 32 | to), states numbered as in
  // MarkovChain with channel i = this consumer's channel id i.
  const std::unordered_map<uint64_t, uint64_t>& transitions() const { return transitions_; }

 private:
  struct Touch {
    int64_t ts;
    uint32_t channel;
  };
  uint32_t ChannelOf(const scan::CustomerView& c, size_t row);
  uint32_t AddKey(std::string key, uint32_t code);
  void CreditPath(int64_t conversion_ts, double revenue);
  void CountPath(bool converted);

  const AttributionSpec& spec_;
  SessionBuilder session_builder_;
  std::vector<std::string> keys_;
  std::vector<uint32_t> key_code_;  // dictionary code of each key (--by a column)
  std::vector<ChannelCredit> credits_;
  std::unordered_map<std::string, uint32_t> key_index_;
  std::vector<uint32_t> code_to_id_;  // --by a column: catalog code -> id
  AttributionTotals totals_;
  std::unordered_map<uint64_t, uint64_t> transitions_;
  // Per-customer scratch.
  std::vector<uint8_t> keep_, session_start_;
  std::vector<Session> sessions_;
  std::vector<Touch> touches_;
  std::vector<uint32_t> conversions_;  // rows
  std::vector<Touch> path_;
  std::vector<int64_t> ages_;
  std::vector<double> weights_;
  std::vector<uint64_t> seen_;  // per channel: the path stamp it was last counted in
  uint64_t stamp_ = 0;
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_ATTRIBUTION_CONSUMER_H_
