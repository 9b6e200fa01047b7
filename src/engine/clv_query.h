// RunClv: customer lifetime value end to end (docs/prediction.md): one scan
// builds the per-customer purchase summary, a count model (BG/NBD, MBG/NBD
// or Pareto/NBD) and the Gamma-Gamma spend model are fitted by maximum
// likelihood, every customer is scored (P(alive), expected purchases,
// expected spend, discounted CLV), and with a calibration end the holdout
// after it validates the predictions.
#ifndef TOUCHPOINT_ENGINE_CLV_QUERY_H_
#define TOUCHPOINT_ENGINE_CLV_QUERY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "engine/analysis_request.h"
#include "models/clv_report.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// The range (purchases counted in it), --where (which purchases count) and
// threads are AnalysisRequest's; --by is not supported (one fit per store).
struct ClvRequest : AnalysisRequest {
  // Any instant on the last day of the calibration period (reporting zone);
  // the holdout is the rest of the range. Default: the range's last day, no
  // holdout, predictions forward from the end of the data.
  std::optional<int64_t> calibration_end_ms;
  int64_t horizon_ms = 52 * 7 * 86400 * 1000LL;  // prediction horizon for CLV
  double annual_discount_rate = 0.10;
  std::string model = "bgnbd";  // bgnbd, mbgnbd, pareto-nbd
  std::string unit = "week";    // week or day
};

Result<models::ClvReport> RunClv(std::shared_ptr<const store::Snapshot> snapshot, const ClvRequest& request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_CLV_QUERY_H_
