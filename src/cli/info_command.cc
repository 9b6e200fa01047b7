// touchpoint info --db DIR : what the store holds.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/store_info.h"
#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::cli {
namespace {

void PrintCounts(const char* title, const std::vector<std::pair<std::string, uint64_t>>& counts, uint64_t total) {
  std::printf("\n%s\n", title);
  for (const auto& [name, n] : counts) {
    std::printf("  %-24s %14s  %5.1f%%\n", name.empty() ? "(none)" : name.c_str(), WithThousands(n).c_str(),
                total ? 100.0 * static_cast<double>(n) / static_cast<double>(total) : 0.0);
  }
}

// The JSON answer, through the writer every command's JSON goes through;
// times as ISO-8601 text.
std::string InfoJson(const engine::StoreInfo& i) {
  report::JsonWriter w;
  w.BeginObject();
  w.Key("events").Int(static_cast<int64_t>(i.events));
  w.Key("customers").Int(static_cast<int64_t>(i.customers));
  w.Key("first_event");
  i.events > 0 ? w.String(FormatTimestamp(i.min_ts)) : w.Null();
  w.Key("last_event");
  i.events > 0 ? w.String(FormatTimestamp(i.max_ts)) : w.Null();
  auto counts = [&](const char* name, const std::vector<std::pair<std::string, uint64_t>>& v) {
    w.Key(name).BeginObject();
    for (const auto& [key, n] : v) w.Key(key).Int(static_cast<int64_t>(n));
    w.EndObject();
  };
  counts("events_by_type", i.events_by_type);
  counts("events_by_channel", i.events_by_channel);
  w.Key("properties").BeginArray();
  for (const std::string& p : i.properties) w.String(p);
  w.EndArray();
  w.Key("parts").Int(static_cast<int64_t>(i.parts));
  w.Key("part_bytes").Int(static_cast<int64_t>(i.part_bytes));
  w.Key("log_events").Int(static_cast<int64_t>(i.log_events));
  w.Key("loads").Int(static_cast<int64_t>(i.loads));
  w.Key("rejected_rows").Int(static_cast<int64_t>(i.rejected_rows));
  w.Key("disk_bytes").Int(static_cast<int64_t>(i.disk_bytes));
  w.Key("data_stamp").String(i.data_stamp);
  w.EndObject();
  return w.str();
}

int Run(const std::string& db, const std::string& format) {
  auto store = OpenStore(db, /*writable=*/false);
  if (!store.ok()) return Fail(store.status());
  auto info = engine::ComputeStoreInfo(**store);
  if (!info.ok()) return Fail(info.status());
  const engine::StoreInfo& i = *info;
  if (format == "json") {
    std::printf("%s\n", InfoJson(i).c_str());
    return kExitOk;
  }
  std::printf("store       %s\n", db.c_str());
  std::printf("events      %s\n", WithThousands(i.events).c_str());
  std::printf("customers   %s\n", WithThousands(i.customers).c_str());
  if (i.events > 0) {
    std::printf("time range  %s .. %s\n", FormatTimestamp(i.min_ts).c_str(), FormatTimestamp(i.max_ts).c_str());
  }
  std::printf("loads       %s (%s rows rejected in all)\n", WithThousands(i.loads).c_str(),
              WithThousands(i.rejected_rows).c_str());
  std::printf("parts       %zu, %s (+ %s events in the log)\n", i.parts, HumanBytes(i.part_bytes).c_str(),
              WithThousands(i.log_events).c_str());
  std::printf("on disk     %s\n", HumanBytes(i.disk_bytes).c_str());
  std::printf("data stamp  %s\n", i.data_stamp.c_str());
  PrintCounts("events by type", i.events_by_type, i.events);
  PrintCounts("events by channel", i.events_by_channel, i.events);
  if (!i.properties.empty()) {
    std::printf("\nproperties ");
    for (const std::string& p : i.properties) std::printf(" %s", p.c_str());
    std::printf("\n");
  }
  return kExitOk;
}

}  // namespace

void RegisterInfo(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  CLI::App* cmd = app.add_subcommand("info", "Events, customers, time range, event types and channels, parts, bytes");
  cmd->add_option("--db", *db, "Store directory")->required();
  cmd->add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([=] { *run = [=] { return Run(*db, *format); }; });
}

}  // namespace touchpoint::cli
