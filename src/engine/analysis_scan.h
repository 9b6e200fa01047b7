// AnalysisScan: the steps every analysis query takes between its request and
// its kernel, in one place: parse --where, default the range to the data's
// span, prepare the kernel's spec against the catalog, bind the filter to
// the scan's columns, run one consumer per shard and merge them, and time
// the whole query.
//
//   AnalysisScan analysis(snapshot);
//   TP_RETURN_IF_ERROR(analysis.ParseWhere(req.where));
//   spec.where = analysis.where();
//   std::tie(spec.from_ms, spec.to_ms) = analysis.Range(req);
//   TP_ASSIGN_OR_RETURN(auto run, analysis.Run<kernels::FunnelConsumer>(spec, req.threads));
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
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/analysis_request.h"
#include "kernels/event_filter.h"
#include "scan/parallel_scan.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// The merged consumer of one scan and what the scan saw.
template <typename Consumer>
struct AnalysisRun {
  std::unique_ptr<Consumer> consumer;
  scan::ScanStats stats;
};

class AnalysisScan {
 public:
  // Starts the query's clock (seconds()).
  explicit AnalysisScan(std::shared_ptr<const store::Snapshot> snapshot);
  AnalysisScan(const AnalysisScan&) = delete;
  AnalysisScan& operator=(const AnalysisScan&) = delete;

  const scan::Catalog& catalog() const { return scanner_.catalog(); }
  // The data's span [first, last + 1) (store::Snapshot::TimeRange).
  std::pair<int64_t, int64_t> data_range() const { return data_range_; }
  // The request's [from, to), each end defaulting to data_range()'s.
  std::pair<int64_t, int64_t> Range(const AnalysisRequest& request) const;

  // Parses the --where text; the filter lives as long as this object.
  [[nodiscard]] Status ParseWhere(std::string_view text);
  // What a spec's `where` holds: the parsed filter, or nullptr when empty.
  const kernels::EventFilter* where() const { return where_.empty() ? nullptr : &where_; }

  // Prepares `spec` (its Prepare may return void or Status), binds the
  // filter to the scan's property and derived lists, and runs the scan of
  // spec.ScanSpecFor with one Consumer(spec) per shard. `spec` must stay
  // alive and unchanged while the consumer is used. May run several times
  // (metrics scans a comparison range with the same filter).
  template <typename Consumer, typename Spec>
  Result<AnalysisRun<Consumer>> Run(Spec& spec, size_t threads) {
    std::vector<std::string> properties;
    if constexpr (std::is_void_v<decltype(spec.Prepare(catalog(), &properties))>) {
      spec.Prepare(catalog(), &properties);
    } else {
      TP_RETURN_IF_ERROR(spec.Prepare(catalog(), &properties));
    }
    where_.Bind(catalog(), properties, spec.derived);  // indices into this scan's lists
    scan::ScanSpec scan_spec = spec.ScanSpecFor(properties);
    scan_spec.threads = threads;
    AnalysisRun<Consumer> run;
    std::unique_ptr<scan::CustomerConsumer> merged;
    TP_RETURN_IF_ERROR(scanner_.Run(
        scan_spec, [&spec] { return std::make_unique<Consumer>(spec); }, &merged, &run.stats));
    run.consumer.reset(static_cast<Consumer*>(merged.release()));
    return run;
  }

  // Seconds since construction: the query's wall time.
  double seconds() const;

 private:
  const std::chrono::steady_clock::time_point start_;
  scan::ParallelScan scanner_;
  const std::pair<int64_t, int64_t> data_range_;
  kernels::EventFilter where_;
};

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ANALYSIS_SCAN_H_
