#include "store/part_batch.h"

#include "store/part_columns.h"

namespace touchpoint::store {

Status ReadBlockAsBatch(const PartReader& part, size_t block, DecodeContext* ctx, EventBatch* out,
                        bool (*skip)(std::string_view, const void*), const void* skip_arg) {
  CustomerRuns runs;
  TP_RETURN_IF_ERROR(part.DecodeCustomers(block, ctx, &runs));
  std::vector<int64_t> ts;
  TP_RETURN_IF_ERROR(part.DecodeTimestamps(block, runs, ctx, &ts));
  const auto& columns = part.columns();
  std::vector<std::vector<std::string_view>> strings(columns.size());
  std::vector<double> revenue, score;
  for (size_t c = kColEvent; c < columns.size(); ++c) {
    if (c == kColRevenue || c == kColScore) continue;
    TP_RETURN_IF_ERROR(part.DecodeStrings(block, static_cast<int>(c), ctx, &strings[c]));
  }
  TP_RETURN_IF_ERROR(part.DecodeF64(block, kColRevenue, ctx, &revenue));
  TP_RETURN_IF_ERROR(part.DecodeF64(block, kColScore, ctx, &score));
  std::vector<uint32_t> prop_index(columns.size(), 0);
  for (size_t c = kWellKnownColumnCount; c < columns.size(); ++c) {
    prop_index[c] = out->PropertyIndex(std::string_view(columns[c].name).substr(kPropertyPrefix.size()));
  }
  EventRow row;
  for (size_t cust = 0; cust + 1 < runs.start.size(); ++cust) {
    row.customer_id = runs.id[cust];
    if (skip != nullptr && skip(row.customer_id, skip_arg)) continue;
    for (uint32_t r = runs.start[cust]; r < runs.start[cust + 1]; ++r) {
      row.timestamp_ms = ts[r];
      row.event = strings[kColEvent][r];
      row.channel = strings[kColChannel][r];
      row.campaign = strings[kColCampaign][r];
      row.page = strings[kColPage][r];
      row.survey = strings[kColSurvey][r];
      row.feature = strings[kColFeature][r];
      row.event_id = strings[kColEventId][r];
      row.session_id = strings[kColSessionId][r];
      row.comment = strings[kColComment][r];
      row.revenue = revenue[r];
      row.score = score[r];
      row.properties.clear();
      for (size_t c = kWellKnownColumnCount; c < columns.size(); ++c) {
        if (!strings[c][r].empty()) row.properties.emplace_back(prop_index[c], strings[c][r]);
      }
      out->Append(row);
    }
  }
  return Status::OK();
}

}  // namespace touchpoint::store
