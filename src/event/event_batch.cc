#include "event/event_batch.h"

namespace touchpoint {

uint32_t EventBatch::PropertyIndex(std::string_view name) {
  // `properties` is public: a caller may have pushed or cleared columns.
  if (property_lookup_.size() != properties.size()) {
    property_lookup_.clear();
    for (uint32_t i = 0; i < properties.size(); ++i) property_lookup_.emplace(properties[i].name, i);
  }
  auto it = property_lookup_.find(name);
  if (it != property_lookup_.end() && it->second < properties.size() && properties[it->second].name == name) {
    return it->second;
  }
  properties.push_back(PropertyColumn{std::string(name), {}});
  properties.back().values.AppendEmpty(size());
  const auto index = static_cast<uint32_t>(properties.size() - 1);
  property_lookup_[std::string(name)] = index;
  return index;
}

// REQUIRES: the row's other columns are appended (size() counts it).
void EventBatch::AppendLoadId(uint64_t id) {
  if (load_id.empty() && id == 0) return;  // every row's is still 0
  load_id.resize(size() - 1, 0);           // the earlier rows', when they were 0
  load_id.push_back(id);
}

void EventBatch::Append(const EventRow& row) {
  timestamp_ms.push_back(row.timestamp_ms);
  customer_id.Append(row.customer_id);
  event.Append(row.event);
  event_id.Append(row.event_id);
  session_id.Append(row.session_id);
  channel.Append(row.channel);
  campaign.Append(row.campaign);
  page.Append(row.page);
  revenue.push_back(row.revenue);
  survey.Append(row.survey);
  score.push_back(row.score);
  comment.Append(row.comment);
  feature.Append(row.feature);
  AppendLoadId(row.load_id);
  const size_t rows = size();
  for (const auto& [index, value] : row.properties) properties[index].values.Append(value);
  for (auto& p : properties) {
    if (p.values.size() < rows) p.values.AppendEmpty(rows - p.values.size());
  }
}

void EventBatch::GetRow(size_t i, EventRow* row) const {
  row->timestamp_ms = timestamp_ms[i];
  row->customer_id = customer_id.Get(i);
  row->event = event.Get(i);
  row->event_id = event_id.Get(i);
  row->session_id = session_id.Get(i);
  row->channel = channel.Get(i);
  row->campaign = campaign.Get(i);
  row->page = page.Get(i);
  row->revenue = revenue[i];
  row->survey = survey.Get(i);
  row->score = score[i];
  row->comment = comment.Get(i);
  row->feature = feature.Get(i);
  row->load_id = LoadId(i);
  row->properties.clear();
}

void EventBatch::AppendFrom(const EventBatch& other, size_t i) {
  EventRow row;
  other.GetRow(i, &row);
  for (const auto& p : other.properties) {
    std::string_view v = p.values.Get(i);
    if (!v.empty()) row.properties.emplace_back(PropertyIndex(p.name), v);
  }
  Append(row);
}

void EventBatch::AppendRows(const EventBatch& other, const std::vector<bool>* keep) {
  // Property columns new to this batch are created (back-filled to size())
  // before any row of `other` is counted in size().
  std::vector<uint32_t> prop_index;
  for (const auto& p : other.properties) prop_index.push_back(PropertyIndex(p.name));
  const size_t rows_before = size();
  if (!other.load_id.empty() || !load_id.empty()) {
    if (load_id.empty()) load_id.assign(rows_before, 0);
    for (size_t i = 0; i < other.size(); ++i) {
      if (keep == nullptr || (*keep)[i]) load_id.push_back(other.LoadId(i));
    }
  }
  if (keep == nullptr) {
    timestamp_ms.insert(timestamp_ms.end(), other.timestamp_ms.begin(), other.timestamp_ms.end());
    revenue.insert(revenue.end(), other.revenue.begin(), other.revenue.end());
    score.insert(score.end(), other.score.begin(), other.score.end());
    customer_id.AppendAll(other.customer_id);
    event.AppendAll(other.event);
    event_id.AppendAll(other.event_id);
    session_id.AppendAll(other.session_id);
    channel.AppendAll(other.channel);
    campaign.AppendAll(other.campaign);
    page.AppendAll(other.page);
    survey.AppendAll(other.survey);
    comment.AppendAll(other.comment);
    feature.AppendAll(other.feature);
    for (size_t p = 0; p < other.properties.size(); ++p) {
      properties[prop_index[p]].values.AppendAll(other.properties[p].values);
    }
  } else {
    auto copy = [&](const StringColumn& from, StringColumn* to) {
      for (size_t i = 0; i < other.size(); ++i) {
        if ((*keep)[i]) to->Append(from.Get(i));
      }
    };
    for (size_t i = 0; i < other.size(); ++i) {
      if (!(*keep)[i]) continue;
      timestamp_ms.push_back(other.timestamp_ms[i]);
      revenue.push_back(other.revenue[i]);
      score.push_back(other.score[i]);
    }
    copy(other.customer_id, &customer_id);
    copy(other.event, &event);
    copy(other.event_id, &event_id);
    copy(other.session_id, &session_id);
    copy(other.channel, &channel);
    copy(other.campaign, &campaign);
    copy(other.page, &page);
    copy(other.survey, &survey);
    copy(other.comment, &comment);
    copy(other.feature, &feature);
    for (size_t p = 0; p < other.properties.size(); ++p) copy(other.properties[p].values, &properties[prop_index[p]].values);
  }
  // Properties this batch has and `other` lacks get absent values.
  const size_t rows = size();
  for (auto& p : properties) {
    if (p.values.size() < rows) p.values.AppendEmpty(rows - p.values.size());
  }
}

EventBatch EventBatch::Permuted(const std::vector<uint32_t>& order) const {
  EventBatch out;
  for (const auto& p : properties) out.properties.push_back(PropertyColumn{p.name, {}});
  auto copy_strings = [&](const StringColumn& in, StringColumn* dst) {
    dst->Reserve(order.size(), in.byte_size());
    for (uint32_t i : order) dst->Append(in.Get(i));
  };
  if (!load_id.empty()) {
    out.load_id.reserve(order.size());
    for (uint32_t i : order) out.load_id.push_back(load_id[i]);
  }
  out.timestamp_ms.reserve(order.size());
  out.revenue.reserve(order.size());
  out.score.reserve(order.size());
  for (uint32_t i : order) {
    out.timestamp_ms.push_back(timestamp_ms[i]);
    out.revenue.push_back(revenue[i]);
    out.score.push_back(score[i]);
  }
  copy_strings(customer_id, &out.customer_id);
  copy_strings(event, &out.event);
  copy_strings(event_id, &out.event_id);
  copy_strings(session_id, &out.session_id);
  copy_strings(channel, &out.channel);
  copy_strings(campaign, &out.campaign);
  copy_strings(page, &out.page);
  copy_strings(survey, &out.survey);
  copy_strings(comment, &out.comment);
  copy_strings(feature, &out.feature);
  for (size_t p = 0; p < properties.size(); ++p) copy_strings(properties[p].values, &out.properties[p].values);
  return out;
}

void EventBatch::Clear() {
  timestamp_ms.clear();
  customer_id.Clear();
  event.Clear();
  event_id.Clear();
  session_id.Clear();
  channel.Clear();
  campaign.Clear();
  page.Clear();
  revenue.clear();
  survey.Clear();
  score.clear();
  comment.Clear();
  feature.Clear();
  properties.clear();
  property_lookup_.clear();
  load_id.clear();
}

size_t EventBatch::ApproximateBytes() const {
  size_t bytes = size() * (3 * sizeof(double) + 10 * sizeof(uint64_t)) + load_id.size() * sizeof(uint64_t);
  for (const StringColumn* c : {&customer_id, &event, &event_id, &session_id, &channel, &campaign, &page, &survey,
                                &comment, &feature}) {
    bytes += c->byte_size();
  }
  for (const auto& p : properties) bytes += p.values.byte_size() + p.values.size() * sizeof(uint64_t);
  return bytes;
}

}  // namespace touchpoint

namespace touchpoint {

EventBatch::Shape EventBatch::GetShape() const {
  Shape shape;
  shape.rows = size();
  for (const StringColumn* c : {&customer_id, &event, &event_id, &session_id, &channel, &campaign, &page, &survey,
                                &comment, &feature}) {
    shape.bytes.push_back(c->byte_size());
  }
  for (const auto& p : properties) shape.properties.emplace_back(p.name, p.values.byte_size());
  return shape;
}

void EventBatch::Reserve(const Shape& shape) {
  auto more = [](size_t n) { return n + n / 10; };
  timestamp_ms.reserve(shape.rows);
  revenue.reserve(shape.rows);
  score.reserve(shape.rows);
  size_t k = 0;
  for (StringColumn* c : {&customer_id, &event, &event_id, &session_id, &channel, &campaign, &page, &survey, &comment,
                          &feature}) {
    if (k < shape.bytes.size()) c->Reserve(shape.rows, more(shape.bytes[k]));
    ++k;
  }
  if (shape.properties.empty() || properties.empty()) return;
  std::unordered_map<std::string_view, StringColumn*> by_name;  // not a scan per name: 100K columns
  for (auto& p : properties) by_name.emplace(p.name, &p.values);
  for (const auto& [name, bytes] : shape.properties) {
    auto it = by_name.find(name);
    if (it != by_name.end()) it->second->Reserve(shape.rows, more(bytes));
  }
}

}  // namespace touchpoint
