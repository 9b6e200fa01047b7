#include "engine/ingest_job.h"

#include <algorithm>

#include "util/json_string.h"

namespace touchpoint::engine {
namespace {

// The reason's kind: the text before the first quote, trimmed ("timestamp
// '2024-13-01' is not a valid date" -> "timestamp ... is not a valid date").
std::string ReasonKind(const ingest::RejectedRow& row) {
  std::string kind;
  bool in_quote = false;
  for (char c : row.reason) {
    if (c == '\'') {
      in_quote = !in_quote;
      if (in_quote) kind += "…";
      continue;
    }
    if (!in_quote) kind += c;
  }
  return row.column.empty() ? kind : row.column + ": " + kind;
}

// The most frequent reason, for the error of a load whose every row failed.
std::string TopReason(const std::map<std::string, uint64_t>& reasons) {
  auto top = std::max_element(reasons.begin(), reasons.end(),
                              [](const auto& a, const auto& b) { return a.second < b.second; });
  return top == reasons.end() ? "" : top->first + " (" + std::to_string(top->second) + " rows)";
}

}  // namespace

std::string RejectedRowJson(const ingest::RejectedRow& row) {
  std::string out = "{\"source\":";
  AppendJsonString(row.source, &out);
  out += ",\"line\":" + std::to_string(row.line) + ",\"byte_offset\":" + std::to_string(row.byte_offset);
  out += ",\"customer_id\":";
  AppendJsonString(row.customer_id, &out);
  out += ",\"column\":";
  AppendJsonString(row.column, &out);
  out += ",\"reason\":";
  AppendJsonString(row.reason, &out);
  out += ",\"raw\":";
  AppendJsonString(row.raw, &out);
  out += "}";
  return out;
}

Status IngestFile(store::Store* store, const IngestRequest& request, IngestResult* result) {
  // The content's hash is known only once the input has been read (a pipe
  // can be read once): a repeat is refused at commit.
  TP_ASSIGN_OR_RETURN(std::unique_ptr<store::LoadWriter> load, store->BeginLoad(request.path, 0, 0, request.force));
  load->set_memory_budget(request.memory_bytes);
  ingest::ReadOptions read = request.read;
  Status reject_status;
  ingest::ReadCallbacks callbacks;
  callbacks.on_batch = [&](EventBatch& batch) -> Status {
    Status s = load->Add(std::move(batch));
    batch = EventBatch();
    return s;
  };
  callbacks.on_reject = [&](ingest::RejectedRow&& row) {
    ++result->reject_reasons[ReasonKind(row)];
    if (reject_status.ok()) reject_status = load->AddRejected(row.customer_id, RejectedRowJson(row));
  };
  callbacks.on_warning = [&](std::string w) { result->warnings.push_back(std::move(w)); };
  callbacks.on_progress = request.on_progress;
  ingest::ReadStats stats;
  TP_RETURN_IF_ERROR(ingest::ReadEvents(request.path, read, callbacks, &stats));
  TP_RETURN_IF_ERROR(reject_status);
  result->bytes_read = stats.bytes_read;
  const std::string name = request.path == "-" ? "stdin" : request.path;
  if (stats.rows_accepted + stats.rows_rejected == 0) {
    return Status::InvalidArgument(name + " has no rows; nothing was loaded");
  }
  if (stats.rows_accepted == 0) {
    return Status::InvalidArgument("none of the " + std::to_string(stats.rows_rejected) + " rows of " + name +
                                   " was accepted, so nothing was loaded; the commonest reason: " +
                                   TopReason(result->reject_reasons));
  }
  load->SetContent(stats.content_hash, stats.bytes_read);
  TP_RETURN_IF_ERROR(load->Commit(&result->load));
  for (const store::PartEntry& p : load->parts()) result->part_ids.push_back(p.id);
  return Status::OK();
}

}  // namespace touchpoint::engine
