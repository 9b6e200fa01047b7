#include "engine/analysis_scan.h"

namespace touchpoint::engine {

AnalysisScan::AnalysisScan(std::shared_ptr<const store::Snapshot> snapshot)
    : start_(std::chrono::steady_clock::now()), scanner_(snapshot), data_range_(snapshot->TimeRange()) {}

std::pair<int64_t, int64_t> AnalysisScan::Range(const AnalysisRequest& request) const {
  return {request.from_ms.value_or(data_range_.first), request.to_ms.value_or(data_range_.second)};
}

Status AnalysisScan::ParseWhere(std::string_view text) {
  TP_ASSIGN_OR_RETURN(where_, kernels::EventFilter::Parse(text));
  return Status::OK();
}

double AnalysisScan::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace touchpoint::engine
