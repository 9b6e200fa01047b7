// RunAttribution: `touchpoint attribution` end to end (docs/attribution.md):
// one parallel scan with the attribution kernel
// (kernels/attribution_consumer.h) from a lookback window before --from,
// then the Markov chain and the per-channel report
// (kernels/attribution_report.h).
#ifndef TOUCHPOINT_ENGINE_ATTRIBUTION_QUERY_H_
#define TOUCHPOINT_ENGINE_ATTRIBUTION_QUERY_H_

#include <memory>
#include <string>

#include "engine/analysis_request.h"
#include "kernels/attribution_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// Longest accepted --window / --half-life: ten years keeps every
// timestamp arithmetic far from overflow and covers any real lookback.
inline constexpr int64_t kMaxAttributionDurationMs = 3650 * 86400 * 1000LL;

// The range counts conversions in [from, to); --by is the touchpoint
// dimension (one of channel, campaign, page or a property; default
// channel); the definitions give the session rules and the conversion events.
struct AttributionRequest : AnalysisRequest {
  AttributionRequest() { by = {"channel"}; }

  int64_t window_ms = 30 * 86400 * 1000LL;    // lookback before each conversion
  int64_t half_life_ms = 7 * 86400 * 1000LL;  // time-decay model
  std::string value = "revenue";              // or conversions
  // Tests pin the Markov solver; kAuto picks dense up to MarkovChain::kDenseMaxStates.
  kernels::MarkovChain::Solver solver = kernels::MarkovChain::Solver::kAuto;
};

Result<kernels::AttributionReport> RunAttribution(std::shared_ptr<const store::Snapshot> snapshot,
                                                  const AttributionRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ATTRIBUTION_QUERY_H_
