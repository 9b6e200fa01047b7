// touchpoint check --db DIR [--repair] : verifies every checksum of the
// store and lists what is wrong (exit 1 on any fault); --repair does what is
// safe, saying what first (store/store_check.h).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/store_cli.h"
#include "report/json_writer.h"
#include "store/store_check.h"

namespace touchpoint::cli {
namespace {

const char* FixName(store::CheckFix fix) {
  switch (fix) {
    case store::CheckFix::kRebuildIdSet: return "rebuild the event-id set from the event_id column";
    case store::CheckFix::kMoveLogTail: return "move the damaged log records to lost/ and cut the log";
    case store::CheckFix::kMoveStrayFile: return "move the file to lost/";
    case store::CheckFix::kNone: break;
  }
  return "";
}

std::string ReportJson(const store::CheckReport& r, bool repaired, size_t fixed) {
  report::JsonWriter w;
  w.BeginObject();
  w.Key("ok").Bool(r.ok());
  w.Key("checked").BeginObject()
      .Key("manifest_generation").Int(static_cast<int64_t>(r.manifest_generation))
      .Key("parts").Int(static_cast<int64_t>(r.parts))
      .Key("blocks").Int(static_cast<int64_t>(r.blocks))
      .Key("rows").Int(static_cast<int64_t>(r.rows))
      .Key("event_ids").Int(static_cast<int64_t>(r.event_ids))
      .Key("log_records").Int(static_cast<int64_t>(r.log_records))
      .Key("loads").Int(static_cast<int64_t>(r.loads))
      .Key("suppressed_ids").Int(static_cast<int64_t>(r.suppressed))
      .EndObject();
  w.Key("issues").BeginArray();
  for (const store::CheckIssue& i : r.issues) {
    w.BeginObject().Key("file").String(i.file).Key("problem").String(i.problem).Key("repair");
    i.fix == store::CheckFix::kNone ? w.Null() : w.String(FixName(i.fix));
    w.EndObject();
  }
  w.EndArray();
  if (repaired) w.Key("repaired").Int(static_cast<int64_t>(fixed));
  w.EndObject();
  return w.str() + "\n";
}

void PrintReport(const store::CheckReport& r) {
  std::printf("checked: MANIFEST (generation %llu), %zu parts (%llu blocks, %s rows, %s event ids), %s log records, "
              "%zu loads, %zu suppressed ids\n",
              static_cast<unsigned long long>(r.manifest_generation), r.parts,
              static_cast<unsigned long long>(r.blocks), WithThousands(r.rows).c_str(),
              WithThousands(r.event_ids).c_str(), WithThousands(r.log_records).c_str(), r.loads, r.suppressed);
  for (const store::CheckIssue& i : r.issues) {
    std::printf("FAULT %s: %s\n", i.file.c_str(), i.problem.c_str());
    if (i.fix != store::CheckFix::kNone) std::printf("      check --repair would %s\n", FixName(i.fix));
  }
  std::printf(r.ok() ? "ok\n" : "%zu faults\n", r.issues.size());
}

int Run(const std::string& db, bool repair, const std::string& format) {
  auto report = store::CheckStore(db);
  if (!report.ok()) return Fail(report.status());
  if (!repair || report->ok()) {
    if (format == "json") {
      PrintOutput(ReportJson(*report, false, 0));
    } else {
      PrintReport(*report);
    }
    return report->ok() ? kExitOk : kExitError;
  }
  if (format != "json") PrintReport(*report);
  auto store = OpenStoreToChange(db);
  if (!store.ok()) return Fail(store.status());
  size_t fixed = 0;
  Status s = store::RepairStore(store->get(), *report, [&](const std::string& step) {
    std::fprintf(format == "json" ? stderr : stdout, "repair: %s\n", step.c_str());
    std::fflush(stdout);
  }, &fixed);
  store->reset();
  if (!s.ok()) return Fail(s);
  // What is left after the repair.
  auto after = store::CheckStore(db);
  if (!after.ok()) return Fail(after.status());
  if (format == "json") {
    PrintOutput(ReportJson(*after, true, fixed));
  } else {
    std::printf("after the repair:\n");
    PrintReport(*after);
  }
  return after->ok() ? kExitOk : kExitError;
}

}  // namespace

void RegisterCheck(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto repair = std::make_shared<bool>(false);
  auto format = std::make_shared<std::string>("table");
  CLI::App* cmd = app.add_subcommand(
      "check", "Verify every checksum of a store (MANIFEST, parts, log, event-id sets); exit 1 on any fault");
  cmd->add_option("--db", *db, "Store directory")->required();
  cmd->add_flag("--repair", *repair,
                "Do what is safe: rebuild damaged event-id sets, move damaged log records and unnamed files to lost/");
  cmd->add_option("--format", *format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->callback([=] { *run = [=] { return Run(*db, *repair, *format); }; });
}

}  // namespace touchpoint::cli
