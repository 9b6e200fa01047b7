// touchpoint info --db DIR : what the store holds.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/store_info.h"
#include "util/time.h"

namespace touchpoint::cli {
namespace {

// Campaigns can be many: the table shows the most frequent (JSON has all).
constexpr size_t kMaxCampaignRows = 20;

void PrintCounts(const char* title, const std::vector<std::pair<std::string, uint64_t>>& counts, uint64_t total,
                 size_t max_rows = SIZE_MAX) {
  std::printf("\n%s\n", title);
  for (size_t k = 0; k < counts.size(); ++k) {
    if (k == max_rows) {
      std::printf("  ... %zu more\n", counts.size() - max_rows);
      break;
    }
    const auto& [name, n] = counts[k];
    std::printf("  %-24s %14s  %5.1f%%\n", name.empty() ? "(none)" : name.c_str(), WithThousands(n).c_str(),
                total ? 100.0 * static_cast<double>(n) / static_cast<double>(total) : 0.0);
  }
}

int Run(const std::string& db, const std::string& format) {
  auto store = OpenStore(db, /*writable=*/false);
  if (!store.ok()) return Fail(store.status());
  auto info = engine::ComputeStoreInfo(**store);
  if (!info.ok()) return Fail(info.status());
  const engine::StoreInfo& i = *info;
  if (format == "json") {
    std::printf("%s\n", engine::StoreInfoJson(i).c_str());
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
  PrintCounts("events by campaign", i.events_by_campaign, i.events, kMaxCampaignRows);
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
