// touchpoint loads --db DIR : the loads of a store, oldest first: id,
// source, time, and the rows accepted, rejected, skipped as duplicates and
// dropped as erased.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::cli {
namespace {

int Run(const std::string& db, const std::string& format) {
  auto store = OpenStore(db, /*writable=*/false);
  if (!store.ok()) return Fail(store.status());
  const std::vector<store::LoadEntry>& loads = (*store)->manifest().loads;
  if (format == "json") {
    report::JsonWriter w;
    w.BeginObject().Key("loads").BeginArray();
    for (const store::LoadEntry& l : loads) {
      w.BeginObject()
          .Key("load").Int(static_cast<int64_t>(l.id))
          .Key("source").String(l.source)
          .Key("loaded_at").String(FormatTimestamp(l.loaded_at_ms))
          .Key("accepted").Int(static_cast<int64_t>(l.accepted))
          .Key("rejected").Int(static_cast<int64_t>(l.rejected))
          .Key("duplicates").Int(static_cast<int64_t>(l.duplicates))
          .Key("erased").Int(static_cast<int64_t>(l.erased))
          .Key("input_bytes").Int(static_cast<int64_t>(l.input_bytes))
          .EndObject();
    }
    w.EndArray().EndObject();
    return PrintOutput(w.str() + "\n");
  }
  std::printf("%6s  %-24s  %12s  %10s  %10s  %8s  %s\n", "load", "loaded at", "accepted", "rejected", "duplicate",
              "erased", "source");
  for (const store::LoadEntry& l : loads) {
    std::printf("%6llu  %-24s  %12s  %10s  %10s  %8s  %s\n", static_cast<unsigned long long>(l.id),
                FormatTimestamp(l.loaded_at_ms).c_str(), WithThousands(l.accepted).c_str(),
                WithThousands(l.rejected).c_str(), WithThousands(l.duplicates).c_str(), WithThousands(l.erased).c_str(),
                l.source == "-" ? "(stdin)" : l.source.c_str());
  }
  if (loads.empty()) std::printf("(no loads)\n");
  return kExitOk;
}

}  // namespace

void RegisterLoads(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  CLI::App* cmd = app.add_subcommand("loads", "The loads of a store: id, source, time, rows accepted, rejected, "
                                              "duplicate and erased (`unload --load N` takes one back out)");
  cmd->add_option("--db", *db, "Store directory")->required();
  cmd->add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([=] { *run = [=] { return Run(*db, *format); }; });
}

}  // namespace touchpoint::cli
