// FeatureSnapshotConsumer: every customer's behaviour features at one
// instant (ChurnFeatureSpec::Compute over their events before it), for the
// segmentations (RFM, k-means) that describe the customer base as it stands.
// Customers with no activity before the instant are left out.
// The spec outlives the consumers; one thread per consumer.
#ifndef TOUCHPOINT_MODELS_FEATURE_SNAPSHOT_H_
#define TOUCHPOINT_MODELS_FEATURE_SNAPSHOT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "util/status.h"
#include "kernels/event_filter.h"
#include "models/churn_features.h"
#include "models/filtered_view.h"
#include "kernels/analysis_consumer.h"
#include "scan/scan_spec.h"

namespace touchpoint::models {

struct FeatureSnapshotSpec {
  int64_t at_ms = 0;
  const kernels::EventFilter* where = nullptr;
  ChurnFeatureSpec features;
  std::vector<std::string> derived;  // what `where` reads

  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
};

class FeatureSnapshotConsumer : public kernels::AnalysisConsumer<FeatureSnapshotConsumer> {
 public:
  explicit FeatureSnapshotConsumer(const FeatureSnapshotSpec& spec) : spec_(spec) {}
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(FeatureSnapshotConsumer& other);

  std::vector<std::string>& customer_id() { return customer_id_; }
  std::vector<float>& rows() { return rows_; }  // customers x features, row-major

 private:
  const FeatureSnapshotSpec& spec_;
  std::vector<std::string> customer_id_;
  std::vector<float> rows_;
  FilteredView filter_;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_FEATURE_SNAPSHOT_H_
