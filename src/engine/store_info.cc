#include "engine/store_info.h"

#include <algorithm>

#include "report/json_writer.h"
#include "scan/parallel_scan.h"
#include "util/file.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

class InfoConsumer : public scan::CustomerConsumer {
 public:
  InfoConsumer(size_t events, size_t channels, size_t campaigns)
      : by_event_(events, 0), by_channel_(channels, 0), by_campaign_(campaigns, 0) {}
  void Consume(const scan::CustomerView& c) override {
    ++customers_;
    events_ += c.size;
    min_ts_ = std::min(min_ts_, c.timestamp[0]);
    max_ts_ = std::max(max_ts_, c.timestamp[c.size - 1]);
    for (size_t i = 0; i < c.size; ++i) {
      ++by_event_[c.event()[i]];
      ++by_channel_[c.channel()[i]];
      ++by_campaign_[c.dict[scan::kCampaign][i]];
    }
  }
  void Merge(scan::CustomerConsumer& other_base) override {
    auto& other = static_cast<InfoConsumer&>(other_base);
    customers_ += other.customers_;
    events_ += other.events_;
    min_ts_ = std::min(min_ts_, other.min_ts_);
    max_ts_ = std::max(max_ts_, other.max_ts_);
    for (size_t i = 0; i < by_event_.size(); ++i) by_event_[i] += other.by_event_[i];
    for (size_t i = 0; i < by_channel_.size(); ++i) by_channel_[i] += other.by_channel_[i];
    for (size_t i = 0; i < by_campaign_.size(); ++i) by_campaign_[i] += other.by_campaign_[i];
  }

  uint64_t customers_ = 0, events_ = 0;
  int64_t min_ts_ = INT64_MAX, max_ts_ = INT64_MIN;
  std::vector<uint64_t> by_event_, by_channel_, by_campaign_;
};

uint64_t DirBytes(const std::string& dir) {
  auto names = ListDir(dir);
  if (!names.ok()) return 0;
  uint64_t total = 0;
  for (const std::string& n : names.value()) {
    std::string path = JoinPath(dir, n);
    auto sub = ListDir(path);
    if (sub.ok()) {
      total += DirBytes(path);
    } else if (auto size = FileSize(path); size.ok()) {
      total += size.value();
    }
  }
  return total;
}

std::vector<std::pair<std::string, uint64_t>> Ranked(const scan::Catalog& catalog, scan::DictColumn column,
                                                     const std::vector<uint64_t>& counts) {
  std::vector<std::pair<std::string, uint64_t>> out;
  for (size_t code = 0; code < counts.size(); ++code) {
    if (counts[code] > 0) out.emplace_back(std::string(catalog.Value(column, static_cast<uint32_t>(code))), counts[code]);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  return out;
}

}  // namespace

Result<StoreInfo> ComputeStoreInfo(const store::Store& store) {
  TP_ASSIGN_OR_RETURN(std::shared_ptr<const store::Snapshot> snap, store.GetSnapshot());
  scan::ParallelScan scanner(snap);
  const scan::Catalog& catalog = scanner.catalog();
  scan::ScanSpec spec;
  spec.columns = scan::kColumnEvent | scan::kColumnChannel | scan::kColumnCampaign;
  std::unique_ptr<scan::CustomerConsumer> result;
  const size_t nevents = catalog.size(scan::kEvent), nchannels = catalog.size(scan::kChannel);
  const size_t ncampaigns = catalog.size(scan::kCampaign);
  TP_RETURN_IF_ERROR(scanner.Run(
      spec, [&] { return std::make_unique<InfoConsumer>(nevents, nchannels, ncampaigns); }, &result));
  auto& r = static_cast<InfoConsumer&>(*result);
  StoreInfo info;
  info.events = r.events_;
  info.customers = r.customers_;
  if (r.events_ > 0) {
    info.min_ts = r.min_ts_;
    info.max_ts = r.max_ts_;
  }
  info.events_by_type = Ranked(catalog, scan::kEvent, r.by_event_);
  info.events_by_channel = Ranked(catalog, scan::kChannel, r.by_channel_);
  info.events_by_campaign = Ranked(catalog, scan::kCampaign, r.by_campaign_);
  info.properties = catalog.properties();
  const store::Manifest& m = store.manifest();
  info.parts = m.parts.size();
  for (const auto& p : m.parts) info.part_bytes += p.info.bytes;
  uint64_t in_parts = 0;
  for (const auto& p : m.parts) in_parts += p.info.rows;
  info.log_events = snap->rows() > in_parts ? snap->rows() - in_parts : 0;
  info.loads = m.loads.size();
  for (const auto& l : m.loads) info.rejected_rows += l.rejected;
  info.disk_bytes = DirBytes(store.dir());
  info.data_stamp = snap->data_stamp;
  return info;
}

std::string StoreInfoJson(const StoreInfo& info) {
  // Values come from the data (a campaign may hold any text): the writer
  // escapes them.
  report::JsonWriter w;
  auto count = [](uint64_t n) { return static_cast<int64_t>(n); };
  w.BeginObject().Key("events").Int(count(info.events)).Key("customers").Int(count(info.customers));
  // Times as ISO-8601 text, as every analysis's range.
  w.Key("first_event");
  info.events > 0 ? w.String(FormatTimestamp(info.min_ts)) : w.Null();
  w.Key("last_event");
  info.events > 0 ? w.String(FormatTimestamp(info.max_ts)) : w.Null();
  auto counts = [&](const char* name, const std::vector<std::pair<std::string, uint64_t>>& v) {
    w.Key(name).BeginObject();
    for (const auto& [value, n] : v) w.Key(value).Int(count(n));
    w.EndObject();
  };
  counts("events_by_type", info.events_by_type);
  counts("events_by_channel", info.events_by_channel);
  counts("events_by_campaign", info.events_by_campaign);
  w.Key("properties").BeginArray();
  for (const std::string& p : info.properties) w.String(p);
  w.EndArray();
  w.Key("parts").Int(static_cast<int64_t>(info.parts)).Key("part_bytes").Int(count(info.part_bytes));
  w.Key("log_events").Int(count(info.log_events)).Key("loads").Int(count(info.loads));
  w.Key("rejected_rows").Int(count(info.rejected_rows)).Key("disk_bytes").Int(count(info.disk_bytes));
  w.Key("data_stamp").String(info.data_stamp);
  w.EndObject();
  return w.str();
}

}  // namespace touchpoint::engine
