#include "store/part_batch.h"

#include <algorithm>
#include <charconv>

#include "store/part_columns.h"
#include "util/hash.h"

namespace touchpoint::store {
namespace {

// The load id of each code of a part's load column ("" = 0).
std::vector<uint64_t> LoadIds(const PartColumn& column) {
  std::vector<uint64_t> ids(column.dictionary.size(), 0);
  for (size_t code = 1; code < ids.size(); ++code) {
    const std::string& text = column.dictionary[code];
    std::from_chars(text.data(), text.data() + text.size(), ids[code]);
  }
  return ids;
}

}  // namespace

Status ReadBlockAsBatch(const PartReader& part, size_t block, DecodeContext* ctx, EventBatch* out,
                        const RowFilter* filter) {
  CustomerRuns runs;
  TP_RETURN_IF_ERROR(part.DecodeCustomers(block, ctx, &runs));
  std::vector<int64_t> ts;
  TP_RETURN_IF_ERROR(part.DecodeTimestamps(block, runs, ctx, &ts));
  const auto& columns = part.columns();
  const size_t first_property = part.first_property_column();
  std::vector<std::vector<std::string_view>> strings(columns.size());
  std::vector<double> revenue, score;
  for (size_t c = kColEvent; c < columns.size(); ++c) {
    if (c == kColRevenue || c == kColScore || static_cast<int>(c) == part.load_column()) continue;
    TP_RETURN_IF_ERROR(part.DecodeStrings(block, static_cast<int>(c), ctx, &strings[c]));
  }
  TP_RETURN_IF_ERROR(part.DecodeF64(block, kColRevenue, ctx, &revenue));
  TP_RETURN_IF_ERROR(part.DecodeF64(block, kColScore, ctx, &score));
  std::vector<uint32_t> load_codes;
  std::vector<uint64_t> load_of_code;
  if (part.load_column() >= 0) {
    TP_RETURN_IF_ERROR(part.DecodeCodes(block, part.load_column(), ctx, &load_codes));
    load_of_code = LoadIds(columns[static_cast<size_t>(part.load_column())]);
  }
  std::vector<uint32_t> prop_index(columns.size(), 0);
  for (size_t c = first_property; c < columns.size(); ++c) {
    prop_index[c] = out->PropertyIndex(std::string_view(columns[c].name).substr(kPropertyPrefix.size()));
  }
  const bool by_hash = filter != nullptr && (filter->hash_lo != 0 || filter->hash_hi != UINT64_MAX);
  EventRow row;
  for (size_t cust = 0; cust + 1 < runs.start.size(); ++cust) {
    row.customer_id = runs.id[cust];
    if (filter != nullptr) {
      if (by_hash && (runs.hash[cust] < filter->hash_lo || runs.hash[cust] > filter->hash_hi)) continue;
      if (!filter->skip_customer.empty() && row.customer_id == filter->skip_customer) continue;
    }
    for (uint32_t r = runs.start[cust]; r < runs.start[cust + 1]; ++r) {
      row.load_id = load_codes.empty() ? 0 : load_of_code[load_codes[r]];
      row.event_id = strings[kColEventId][r];
      if (filter != nullptr) {
        if (filter->skip_load != 0 && row.load_id == filter->skip_load) continue;
        if (filter->skip_event_ids != nullptr && !row.event_id.empty() &&
            std::binary_search(filter->skip_event_ids->begin(), filter->skip_event_ids->end(), Hash64(row.event_id))) {
          continue;
        }
      }
      row.timestamp_ms = ts[r];
      row.event = strings[kColEvent][r];
      row.channel = strings[kColChannel][r];
      row.campaign = strings[kColCampaign][r];
      row.page = strings[kColPage][r];
      row.survey = strings[kColSurvey][r];
      row.feature = strings[kColFeature][r];
      row.session_id = strings[kColSessionId][r];
      row.comment = strings[kColComment][r];
      row.revenue = revenue[r];
      row.score = score[r];
      row.properties.clear();
      for (size_t c = first_property; c < columns.size(); ++c) {
        if (!strings[c][r].empty()) row.properties.emplace_back(prop_index[c], strings[c][r]);
      }
      out->Append(row);
    }
  }
  return Status::OK();
}

}  // namespace touchpoint::store
