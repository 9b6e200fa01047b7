// AttributionReport: the result of `touchpoint attribution`
// (docs/attribution.md): per channel (--by value) the conversions and
// revenue each model gives it, its share, touchpoints and Markov removal
// effect; the totals, the conversions no touchpoint explains, and the
// Markov chain's transitions. BuildAttributionReport is the finalize step of
// AttributionConsumer: it solves the Markov chain and applies it.
#ifndef TOUCHPOINT_KERNELS_ATTRIBUTION_REPORT_H_
#define TOUCHPOINT_KERNELS_ATTRIBUTION_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/attribution_consumer.h"
#include "kernels/attribution_models.h"
#include "kernels/markov_chain.h"
#include "kernels/result_header.h"
#include "util/status.h"

namespace touchpoint::kernels {

// What the models distribute (--value); both are always computed, the
// choice sets the shares, the order and the headline numbers.
enum class AttributionValue { kRevenue, kConversions };
Result<AttributionValue> ParseAttributionValue(std::string_view text);

struct AttributionRow {
  std::string key;                                            // the channel (or --by value)
  uint64_t touchpoints = 0, null_touchpoints = 0, paths = 0;  // as in ChannelCredit
  double conversions[kAttributionModelCount] = {};            // per AttributionModel
  double revenue[kAttributionModelCount] = {};
  double share_pct[kAttributionModelCount] = {};  // of the attributed --value; NaN when nothing is attributed
  double removal_effect = 0;                      // Markov, 0..1

  double value(AttributionModel m, AttributionValue v) const {
    return v == AttributionValue::kRevenue ? revenue[static_cast<int>(m)] : conversions[static_cast<int>(m)];
  }
};

struct AttributionTransition {
  std::string from, to;  // "(start)", "(conversion)", "(null)" or a channel
  uint64_t count = 0;
  double probability = 0;
};

struct AttributionReport {
  ResultHeader header;
  std::vector<std::string> conversion;  // the conversion events
  AttributionValue value = AttributionValue::kRevenue;
  std::string by;
  int64_t window_ms = 0, half_life_ms = 0;
  uint64_t conversions = 0;
  double revenue = 0;
  // Conversions without a touchpoint in their lookback: "(direct)" for
  // --by channel, "(none)" otherwise. Every model gives them to this label,
  // outside `rows`, so rows + unattributed add up to the totals.
  std::string unattributed_key;
  uint64_t unattributed_conversions = 0;
  double unattributed_revenue = 0;
  uint64_t converting_paths = 0, null_paths = 0;
  double conversion_probability = 0;  // Markov P(conversion | start)
  // Channels on a counted or non-converting path, by Markov value (--value)
  // descending, then key.
  std::vector<AttributionRow> rows;
  std::vector<AttributionTransition> transitions;  // by count descending, then from, to

  uint64_t attributed_conversions() const { return conversions - unattributed_conversions; }
  double attributed_revenue() const { return revenue - unattributed_revenue; }
};

std::string_view AttributionValueName(AttributionValue value);

// Builds the report from a merged consumer (the timing fields are left 0).
AttributionReport BuildAttributionReport(const AttributionSpec& spec, const AttributionConsumer& consumer,
                                         AttributionValue value,
                                         MarkovChain::Solver solver = MarkovChain::Solver::kAuto);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_ATTRIBUTION_REPORT_H_
