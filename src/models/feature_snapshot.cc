#include "models/feature_snapshot.h"

#include <limits>

#include "kernels/group_column.h"

namespace touchpoint::models {

Status FeatureSnapshotSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  features.Prepare(catalog);
  properties->clear();
  kernels::ResolveCutAndFilter({}, where, properties, &derived);
  return Status::OK();
}

scan::ScanSpec FeatureSnapshotSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = std::numeric_limits<int64_t>::min();
  s.to_ms = at_ms;
  s.columns = scan::kColumnEvent | scan::kColumnChannel | scan::kColumnSurvey | scan::kColumnFeature |
              scan::kColumnRevenue | scan::kColumnScore;
  kernels::AddCutAndFilter(kernels::GroupColumn{}, where, properties, derived, &s);
  return s;
}

void FeatureSnapshotConsumer::Consume(const scan::CustomerView& c) {
  const scan::CustomerView& v = filter_.Apply(c, spec_.where);
  bool active = false;
  for (size_t i = 0; i < v.size && !active; ++i) active = spec_.features.IsActivity(v, i);
  if (!active) return;
  const size_t width = spec_.features.features();
  rows_.resize(rows_.size() + width);
  spec_.features.Compute(v, v.size, spec_.at_ms, rows_.data() + rows_.size() - width);
  customer_id_.emplace_back(v.customer_id);
}

void FeatureSnapshotConsumer::MergeFrom(FeatureSnapshotConsumer& o) {
  customer_id_.insert(customer_id_.end(), std::make_move_iterator(o.customer_id_.begin()),
                      std::make_move_iterator(o.customer_id_.end()));
  rows_.insert(rows_.end(), o.rows_.begin(), o.rows_.end());
  o.customer_id_.clear();
  o.rows_.clear();
}

}  // namespace touchpoint::models
