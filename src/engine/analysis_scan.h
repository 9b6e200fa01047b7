// AnalysisScan: the steps every analysis query takes between its request and
// its kernel, in one place: read the zone, parse the --where filters (ANDed)
// and check every name they and --by mention against the store, default the
// range to the data's span, prepare the kernel's spec, bind the filter to
// the scan's columns, run one consumer per shard, merge and finalize them,
// and fill the result header (kernels/result_header.h).
//
//   AnalysisScan analysis(snapshot, "funnel");
//   TP_RETURN_IF_ERROR(analysis.Begin(req));
//   spec.where = analysis.where();
//   std::tie(spec.from_ms, spec.to_ms) = analysis.range();
//   TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::FunnelConsumer>(spec, req.threads));
//   report.header = analysis.Finish();
//
// It owns the parsed filter (specs point at it) and the ParallelScan, so it
// must outlive the spec's use; not copyable or movable. One thread at a time.
#ifndef TOUCHPOINT_ENGINE_ANALYSIS_SCAN_H_
#define TOUCHPOINT_ENGINE_ANALYSIS_SCAN_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/analysis_request.h"
#include "engine/name_check.h"
#include "kernels/analysis_consumer.h"
#include "kernels/event_filter.h"
#include "kernels/result_header.h"
#include "scan/parallel_scan.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace date {
class time_zone;
}

namespace touchpoint::engine {

// The merged, finalized consumer of one scan and what the scan saw.
template <typename Consumer>
struct AnalysisRun {
  std::unique_ptr<Consumer> consumer;
  scan::ScanStats stats;
};

class AnalysisScan {
 public:
  // Starts the query's clock. `analysis` names it in the header.
  AnalysisScan(std::shared_ptr<const store::Snapshot> snapshot, std::string analysis);
  AnalysisScan(const AnalysisScan&) = delete;
  AnalysisScan& operator=(const AnalysisScan&) = delete;

  // Reads the request's zone, filters, cut and range. `cut` = false for
  // analyses whose --by means something else (attribution's dimension),
  // which check it themselves. Errors are usage errors.
  [[nodiscard]] Status Begin(const AnalysisRequest& request, bool cut = true);

  const scan::Catalog& catalog() const { return scanner_.catalog(); }
  const NameCheck& names() const { return names_; }
  const date::time_zone* zone() const { return zone_; }
  // The data's span [first, last + 1) (store::Snapshot::TimeRange).
  std::pair<int64_t, int64_t> data_range() const { return data_range_; }
  // The request's [from, to), each end defaulting to data_range()'s.
  std::pair<int64_t, int64_t> range() const { return {header_.from_ms, header_.to_ms}; }
  // What a spec's `where` holds: the parsed filters, or nullptr when none.
  const kernels::EventFilter* where() const { return where_.empty() ? nullptr : &where_; }
  kernels::ResultHeader& header() { return header_; }

  // Prepares `spec`, binds the filter to the scan's property and derived
  // lists, runs the scan of spec.ScanSpecFor with one Consumer(spec) per
  // shard, merges and finalizes. `spec` must stay alive and unchanged while
  // the consumer is used. May run several times (metrics scans a comparison
  // range with the same filter); the header counts the first run's events.
  template <typename Consumer, typename Spec>
    requires kernels::KernelConsumer<Consumer, Spec>
  Result<AnalysisRun<Consumer>> Run(Spec& spec, size_t threads) {
    std::vector<std::string> properties;
    TP_RETURN_IF_ERROR(spec.Prepare(catalog(), &properties));
    where_.Bind(catalog(), properties, spec.derived);  // indices into this scan's lists
    scan::ScanSpec scan_spec = spec.ScanSpecFor(properties);
    scan_spec.threads = threads;
    AnalysisRun<Consumer> run;
    std::unique_ptr<scan::CustomerConsumer> merged;
    TP_RETURN_IF_ERROR(scanner_.Run(
        scan_spec, [&spec] { return std::make_unique<Consumer>(spec); }, &merged, &run.stats));
    run.consumer.reset(static_cast<Consumer*>(merged.release()));
    run.consumer->Finalize();
    Account(run.stats);
    return run;
  }

  // The header, with the query's wall time.
  kernels::ResultHeader Finish();

 private:
  void Account(const scan::ScanStats& stats);

  const std::chrono::steady_clock::time_point start_;
  scan::ParallelScan scanner_;
  const std::pair<int64_t, int64_t> data_range_;
  NameCheck names_;
  const date::time_zone* zone_ = nullptr;
  kernels::EventFilter where_;
  kernels::ResultHeader header_;
  bool counted_ = false;
};

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ANALYSIS_SCAN_H_
