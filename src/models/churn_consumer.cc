#include "models/churn_consumer.h"

#include <limits>

#include "kernels/group_column.h"

namespace touchpoint::models {

Status ChurnSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  features.Prepare(catalog);
  cutoff[kScoreSet] = as_of_ms;
  cutoff[kTestSet] = as_of_ms - horizon_ms;
  cutoff[kTrainSet] = as_of_ms - 2 * horizon_ms;
  properties->clear();
  kernels::ResolveCutAndFilter({}, where, properties, &derived);
  return Status::OK();
}

scan::ScanSpec ChurnSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = std::numeric_limits<int64_t>::min();  // tenure needs all history
  s.to_ms = as_of_ms;
  s.columns = scan::kColumnEvent | scan::kColumnChannel | scan::kColumnSurvey | scan::kColumnFeature |
              scan::kColumnRevenue | scan::kColumnScore;
  kernels::AddCutAndFilter(kernels::GroupColumn{}, where, properties, derived, &s);
  return s;
}

void ChurnConsumer::Consume(const scan::CustomerView& c) {
  const ChurnSpec& s = spec_;
  const scan::CustomerView* view = &filter_.Apply(c, s.where);
  size_t end = 0;
  for (int set = kTrainSet; set < kChurnSets; ++set) {
    const int64_t cut = s.cutoff[set];
    while (end < view->size && view->timestamp[end] < cut) ++end;
    // Active in the lookback window before the cut-off?
    bool active = false;
    for (size_t i = end; i-- > 0 && view->timestamp[i] >= cut - s.lookback_ms;) {
      if (s.features.IsActivity(*view, i)) {
        active = true;
        break;
      }
    }
    if (!active) continue;
    ChurnRows& rows = sets_[set];
    const size_t width = s.features.features();
    rows.x.resize(rows.x.size() + width);
    s.features.Compute(*view, end, cut, rows.x.data() + rows.rows * width);
    ++rows.rows;
    if (set == kScoreSet) {
      rows.customer_id.emplace_back(view->customer_id);
      continue;
    }
    // Label: no activity in [cut, cut + horizon), or a cancellation in it.
    bool returned = false, cancelled = false;
    for (size_t i = end; i < view->size && view->timestamp[i] < cut + s.horizon_ms; ++i) {
      if (s.features.roles.Is(view->event()[i], kernels::kIsSubscriptionCancel)) cancelled = true;
      if (s.features.IsActivity(*view, i)) returned = true;
    }
    rows.label.push_back(!returned || cancelled ? 1.0f : 0.0f);
  }
}

void ChurnConsumer::MergeFrom(ChurnConsumer& other) {
  for (int set = 0; set < kChurnSets; ++set) {
    ChurnRows& to = sets_[set];
    ChurnRows& from = other.sets_[set];
    to.x.insert(to.x.end(), from.x.begin(), from.x.end());
    to.label.insert(to.label.end(), from.label.begin(), from.label.end());
    to.customer_id.insert(to.customer_id.end(), std::make_move_iterator(from.customer_id.begin()),
                          std::make_move_iterator(from.customer_id.end()));
    to.rows += from.rows;
    from = ChurnRows{};
  }
}

}  // namespace touchpoint::models
