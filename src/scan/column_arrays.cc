#include "scan/column_arrays.h"

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
