// FilteredView: the events of one customer that pass a --where filter, as a
// CustomerView of their own, for model kernels that read many columns in
// many places (churn features, segments) and would otherwise test the filter
// at each. Copies the timestamp, the dictionary columns, revenue and score;
// other columns of the result are null. Reused across customers to keep its
// buffers; one thread at a time.
#ifndef TOUCHPOINT_MODELS_FILTERED_VIEW_H_
#define TOUCHPOINT_MODELS_FILTERED_VIEW_H_

#include <cstdint>
#include <vector>

#include "kernels/event_filter.h"
#include "scan/customer_view.h"

namespace touchpoint::models {

class FilteredView {
 public:
  // `c` itself when `where` is null, else a view of its matching events
  // (valid until the next call).
  const scan::CustomerView& Apply(const scan::CustomerView& c, const kernels::EventFilter* where) {
    if (where == nullptr) return c;
    view_ = scan::CustomerView{};
    view_.customer_id = c.customer_id;
    view_.customer_hash = c.customer_hash;
    timestamp_.clear();
    revenue_.clear();
    score_.clear();
    for (auto& d : dict_) d.clear();
    for (size_t i = 0; i < c.size; ++i) {
      if (!where->Matches(c, i)) continue;
      timestamp_.push_back(c.timestamp[i]);
      for (int k = 0; k < scan::kDictColumnCount; ++k) {
        if (c.dict[k] != nullptr) dict_[k].push_back(c.dict[k][i]);
      }
      if (c.revenue != nullptr) revenue_.push_back(c.revenue[i]);
      if (c.score != nullptr) score_.push_back(c.score[i]);
    }
    view_.size = timestamp_.size();
    view_.timestamp = timestamp_.data();
    for (int k = 0; k < scan::kDictColumnCount; ++k) view_.dict[k] = c.dict[k] != nullptr ? dict_[k].data() : nullptr;
    view_.revenue = c.revenue != nullptr ? revenue_.data() : nullptr;
    view_.score = c.score != nullptr ? score_.data() : nullptr;
    return view_;
  }

 private:
  scan::CustomerView view_;
  std::vector<int64_t> timestamp_;
  std::vector<uint32_t> dict_[scan::kDictColumnCount];
  std::vector<double> revenue_, score_;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_FILTERED_VIEW_H_
