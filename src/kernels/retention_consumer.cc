#include "kernels/retention_consumer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/group_column.h"

namespace touchpoint::kernels {

void RetentionSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  grid = PeriodGrid::Make(period, from_ms, to_ms, zone);
  cohort_code = return_code = 0;
  cohort_missing = return_missing = false;
  if (!cohort_event.empty()) {
    cohort_code = catalog.Find(scan::kEvent, cohort_event);
    cohort_missing = cohort_code == scan::kNoCode;
  }
  if (!return_event.empty()) {
    return_code = catalog.Find(scan::kEvent, return_event);
    return_missing = return_code == scan::kNoCode;
  }
  properties->clear();
  derived.clear();
  const GroupColumn group = GroupColumn::Resolve(by, properties, &derived);
  by_dict = group.dict;
  by_property = group.property;
  by_derived = group.derived;
  AddFilterColumns(where, properties, &derived);
}

scan::ScanSpec RetentionSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  // First activity needs all history: a customer first seen before `from`
  // is not in any cohort of the range.
  s.from_ms = std::numeric_limits<int64_t>::min();
  s.to_ms = to_ms;
  s.columns = scan::kColumnEvent | scan::kColumnRevenue;
  if (where != nullptr) s.columns |= where->columns();
  if (by_dict >= 0) s.columns |= 1u << by_dict;
  s.properties = properties;
  s.derived = derived;
  return s;
}

RetentionConsumer::RetentionConsumer(const RetentionSpec& spec) : spec_(spec), groups_(1), keys_(1) {}

void RetentionConsumer::Consume(const scan::CustomerView& c) {
  const RetentionSpec& s = spec_;
  if (s.cohort_missing || s.grid.size() == 0) return;
  // The cohort event: the first qualifying one, over all history.
  size_t first = c.size;
  for (size_t i = 0; i < c.size; ++i) {
    if (s.where != nullptr && !s.where->Matches(c, i)) continue;
    if (s.cohort_code == 0 || c.event()[i] == s.cohort_code) {
      first = i;
      break;
    }
  }
  if (first == c.size || c.timestamp[first] < s.from_ms) return;
  const int cohort = s.grid.Index(c.timestamp[first]);
  if (cohort < 0) return;
  uint32_t group = 0;
  if (!s.by.empty()) {
    const std::string key = GroupColumn{s.by_dict, s.by_property, s.by_derived}.Key(c, first);
    auto [it, inserted] = key_index_.try_emplace(key, static_cast<uint32_t>(keys_.size()));
    if (inserted) {
      keys_.push_back(key);
      groups_.emplace_back();
    }
    group = it->second;
  }
  const size_t columns = s.grid.size() - static_cast<size_t>(cohort);
  // Distinct periods after the cohort's with a return event; revenue by period.
  returns_.clear();
  std::vector<double> revenue(columns, 0.0);
  size_t p = static_cast<size_t>(cohort);
  for (size_t i = first; i < c.size; ++i) {
    if (s.where != nullptr && !s.where->Matches(c, i)) continue;
    while (p + 1 < s.grid.size() && c.timestamp[i] >= s.grid.start(p + 1)) ++p;
    const size_t k = p - static_cast<size_t>(cohort);
    if (!std::isnan(c.revenue[i])) revenue[k] += c.revenue[i];
    if (s.return_missing || (s.return_code != 0 && c.event()[i] != s.return_code)) continue;
    if (k > 0 && (returns_.empty() || returns_.back() != k)) returns_.push_back(k);
  }
  for (uint32_t g : {0u, group}) {
    CohortRow& row = groups_[g][static_cast<size_t>(cohort)];
    if (row.retained.empty()) {
      row.retained.assign(columns, 0);
      row.revenue.assign(columns, 0.0);
    }
    ++row.retained[0];
    if (s.unbounded) {
      const size_t last = returns_.empty() ? 0 : returns_.back();
      for (size_t k = 1; k <= last; ++k) ++row.retained[k];
    } else {
      for (size_t k : returns_) ++row.retained[k];
    }
    for (size_t k = 0; k < columns; ++k) row.revenue[k] += revenue[k];
    if (group == 0) break;
  }
}

void RetentionConsumer::Merge(scan::CustomerConsumer& other_base) {
  auto& other = static_cast<RetentionConsumer&>(other_base);
  for (size_t og = 0; og < other.groups_.size(); ++og) {
    uint32_t g = 0;
    if (og > 0) {
      auto [it, inserted] = key_index_.try_emplace(other.keys_[og], static_cast<uint32_t>(keys_.size()));
      if (inserted) {
        keys_.push_back(other.keys_[og]);
        groups_.emplace_back();
      }
      g = it->second;
    }
    for (auto& [cohort, row] : other.groups_[og]) {
      CohortRow& mine = groups_[g][cohort];
      if (mine.retained.empty()) {
        mine = row;
        continue;
      }
      for (size_t k = 0; k < row.retained.size(); ++k) {
        mine.retained[k] += row.retained[k];
        mine.revenue[k] += row.revenue[k];
      }
    }
  }
}

}  // namespace touchpoint::kernels
