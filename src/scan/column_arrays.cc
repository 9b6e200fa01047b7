#include "scan/column_arrays.h"

#include <algorithm>

namespace touchpoint::scan {

void ColumnArrays::Clear(uint32_t columns, size_t properties_count) {
  (void)columns;
  timestamp.clear();
  for (auto& d : dict) d.clear();
  revenue.clear();
  score.clear();
  event_id.clear();
  session_id.clear();
  comment.clear();
  properties.resize(properties_count);
  for (auto& p : properties) p.clear();
}

void ColumnArrays::AppendRow(const ColumnArrays& from, size_t r, uint32_t columns) {
  timestamp.push_back(from.timestamp[r]);
  for (int c = 0; c < kDictColumnCount; ++c) {
    if (columns & (1u << c)) dict[c].push_back(from.dict[c][r]);
  }
  if (columns & kColumnRevenue) revenue.push_back(from.revenue[r]);
  if (columns & kColumnScore) score.push_back(from.score[r]);
  if (columns & kColumnEventId) event_id.push_back(from.event_id[r]);
  if (columns & kColumnSessionId) session_id.push_back(from.session_id[r]);
  if (columns & kColumnComment) comment.push_back(from.comment[r]);
  for (size_t p = 0; p < properties.size(); ++p) properties[p].push_back(from.properties[p][r]);
}

bool ColumnArrays::Concatenate(const std::vector<Run>& runs, uint32_t columns, size_t properties_count) {
  // Loads usually arrive in time order, so a customer's runs in successive
  // parts rarely overlap: then the merge is a concatenation in run order.
  for (size_t r = 1; r < runs.size(); ++r) {
    if (runs[r].arrays->timestamp[runs[r].begin] < runs[r - 1].arrays->timestamp[runs[r - 1].end - 1]) return false;
  }
  // `column(arrays)` picks the same column out of each run's arrays.
  auto append = [&](auto column, auto& out) {
    out.clear();
    for (const Run& run : runs) {
      const auto& in = column(*run.arrays);
      out.insert(out.end(), in.begin() + static_cast<long>(run.begin), in.begin() + static_cast<long>(run.end));
    }
  };
  append([](const ColumnArrays& a) -> auto& { return a.timestamp; }, timestamp);
  for (int c = 0; c < kDictColumnCount; ++c) {
    if (columns & (1u << c)) append([c](const ColumnArrays& a) -> auto& { return a.dict[c]; }, dict[c]);
  }
  if (columns & kColumnRevenue) append([](const ColumnArrays& a) -> auto& { return a.revenue; }, revenue);
  if (columns & kColumnScore) append([](const ColumnArrays& a) -> auto& { return a.score; }, score);
  if (columns & kColumnEventId) append([](const ColumnArrays& a) -> auto& { return a.event_id; }, event_id);
  if (columns & kColumnSessionId) append([](const ColumnArrays& a) -> auto& { return a.session_id; }, session_id);
  if (columns & kColumnComment) append([](const ColumnArrays& a) -> auto& { return a.comment; }, comment);
  properties.resize(properties_count);
  for (size_t p = 0; p < properties_count; ++p) {
    append([p](const ColumnArrays& a) -> auto& { return a.properties[p]; }, properties[p]);
  }
  return true;
}

void ColumnArrays::Merge(const std::vector<Run>& runs, uint32_t columns, size_t properties_count) {
  if (Concatenate(runs, columns, properties_count)) return;
  // The order: every row keyed by (time, run), sorted; runs are short, so a
  // sort of packed keys beats a k-way merge's per-row scan of the runs.
  std::vector<MergeKey>& keys = merge_keys;
  keys.clear();
  for (size_t r = 0; r < runs.size(); ++r) {
    const int64_t* ts = runs[r].arrays->timestamp.data();
    for (size_t i = runs[r].begin; i < runs[r].end; ++i) {
      keys.push_back(MergeKey{ts[i], static_cast<uint32_t>(r), static_cast<uint32_t>(i)});
    }
  }
  std::sort(keys.begin(), keys.end());
  const size_t total = keys.size();
  merge_order.resize(total);
  for (size_t i = 0; i < total; ++i) merge_order[i] = {keys[i].run, keys[i].row};
  auto gather = [&](auto member, auto& out) {
    out.resize(total);
    for (size_t i = 0; i < total; ++i) out[i] = (runs[merge_order[i].first].arrays->*member)[merge_order[i].second];
  };
  gather(&ColumnArrays::timestamp, timestamp);
  for (int c = 0; c < kDictColumnCount; ++c) {
    if (!(columns & (1u << c))) continue;
    dict[c].resize(total);
    for (size_t i = 0; i < total; ++i) dict[c][i] = runs[merge_order[i].first].arrays->dict[c][merge_order[i].second];
  }
  if (columns & kColumnRevenue) gather(&ColumnArrays::revenue, revenue);
  if (columns & kColumnScore) gather(&ColumnArrays::score, score);
  if (columns & kColumnEventId) gather(&ColumnArrays::event_id, event_id);
  if (columns & kColumnSessionId) gather(&ColumnArrays::session_id, session_id);
  if (columns & kColumnComment) gather(&ColumnArrays::comment, comment);
  properties.resize(properties_count);
  for (size_t p = 0; p < properties_count; ++p) {
    properties[p].resize(total);
    for (size_t i = 0; i < total; ++i) {
      properties[p][i] = runs[merge_order[i].first].arrays->properties[p][merge_order[i].second];
    }
  }
}

CustomerView ColumnArrays::View(size_t begin, size_t end, uint32_t columns) {
  CustomerView v;
  v.size = end - begin;
  v.timestamp = timestamp.data() + begin;
  for (int c = 0; c < kDictColumnCount; ++c) {
    if (columns & (1u << c)) v.dict[c] = dict[c].data() + begin;
  }
  if (columns & kColumnRevenue) v.revenue = revenue.data() + begin;
  if (columns & kColumnScore) v.score = score.data() + begin;
  if (columns & kColumnEventId) v.event_id = event_id.data() + begin;
  if (columns & kColumnSessionId) v.session_id = session_id.data() + begin;
  if (columns & kColumnComment) v.comment = comment.data() + begin;
  property_ptrs.resize(properties.size());
  for (size_t p = 0; p < properties.size(); ++p) property_ptrs[p] = properties[p].data() + begin;
  v.properties = property_ptrs.data();
  return v;
}

}  // namespace touchpoint::scan
