// RunFunnel: `touchpoint funnel` end to end: one parallel scan with the
// funnel kernel (kernels/funnel_consumer.h), then per-step summaries.
#ifndef TOUCHPOINT_ENGINE_FUNNEL_QUERY_H_
#define TOUCHPOINT_ENGINE_FUNNEL_QUERY_H_

#include <memory>
#include <string>
#include <vector>

#include "engine/analysis_request.h"
#include "kernels/funnel_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// --by cuts by the attributed step's event; the definitions' session rules
// apply to count = sessions.
struct FunnelRequest : AnalysisRequest {
  std::string steps;  // "page_view[page=/pricing],signup,purchase"
  std::string mode = "ordered";
  std::string count = "customers";  // customers, sessions or totals
  int64_t window_ms = 7 * 86400 * 1000LL;
  std::string attribution = "first";  // first, last or step:N (which event gives the --by value)
  std::vector<std::string> exclusions;  // "EVENT[cond]@A-B"
  int dropped_at = 0;  // 1-based step: collect the customers who reached the step before it, not it
};

Result<kernels::FunnelReport> RunFunnel(std::shared_ptr<const store::Snapshot> snapshot, const FunnelRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_FUNNEL_QUERY_H_
