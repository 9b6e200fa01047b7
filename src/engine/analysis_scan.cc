#include "engine/analysis_scan.h"

#include <algorithm>

#include "kernels/definitions.h"
#include "store/derived_table.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

std::vector<std::string> DerivedNames(const store::Snapshot& snapshot) {
  auto names = store::DerivedTable::List(snapshot.dir);
  return names.ok() ? *names : std::vector<std::string>{};
}

}  // namespace

AnalysisScan::AnalysisScan(std::shared_ptr<const store::Snapshot> snapshot, std::string analysis)
    : start_(std::chrono::steady_clock::now()),
      scanner_(snapshot),
      data_range_(snapshot->TimeRange()),
      names_(scanner_.catalog(), DerivedNames(*snapshot)) {
  header_.analysis = std::move(analysis);
}

Status AnalysisScan::Begin(const AnalysisRequest& req, bool cut) {
  auto zone = FindTimeZone(req.tz);
  if (!zone.ok()) return Status::Usage("--tz: " + zone.status().message());
  zone_ = *zone;
  header_.tz = req.tz.empty() ? "UTC" : req.tz;
  header_.definitions = std::string(kernels::PresetName(req.definitions.preset));
  header_.inactive_events = req.definitions.inactive_events;
  header_.by = req.by;
  header_.where = req.where;
  header_.from_ms = req.from_ms.value_or(data_range_.first);
  header_.to_ms = req.to_ms.value_or(data_range_.second);
  if (header_.to_ms <= header_.from_ms) {
    return Status::Usage("empty range: --to " + FormatTimestamp(header_.to_ms) + " is not after --from " +
                         FormatTimestamp(header_.from_ms) + " (--from is inclusive, --to exclusive)");
  }
  // Several filters hold together: (a) AND (b).
  std::string text;
  for (const std::string& w : req.where) {
    if (w.empty()) continue;
    text += (text.empty() ? "(" : " AND (") + w + ")";
  }
  if (!text.empty()) {
    auto filter = kernels::EventFilter::Parse(text);
    if (!filter.ok()) return Status::Usage(filter.status().message());
    where_ = std::move(filter).value();
    TP_RETURN_IF_ERROR(names_.Filter("--where", where_));
  }
  if (cut) TP_RETURN_IF_ERROR(names_.Cut("--by", req.by));
  for (const auto& [param, event] : req.named_events) TP_RETURN_IF_ERROR(names_.Event(param, event));
  return Status::OK();
}

void AnalysisScan::Account(const scan::ScanStats& stats) {
  if (counted_) return;
  counted_ = true;
  header_.scanned_events = stats.rows;
  header_.stale_derived = stats.stale_derived;
}

kernels::ResultHeader AnalysisScan::Finish() {
  for (const std::string& note : names_.notes()) {
    if (std::find(header_.notes.begin(), header_.notes.end(), note) == header_.notes.end()) {
      header_.notes.insert(header_.notes.begin(), note);
    }
  }
  header_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  return header_;
}

}  // namespace touchpoint::engine
