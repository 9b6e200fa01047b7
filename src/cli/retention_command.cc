// touchpoint retention --db DIR [--cohort first_seen|EVENT] [--return any|EVENT] [--period day|week|month]
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/retention_query.h"
#include "report/retention_format.h"
#include "util/time.h"

namespace touchpoint::cli {

void RegisterRetention(CLI::App& app, Action* run) {
  struct Flags {
    std::string db, cohort = "first_seen", ret = "any", period = "week", from, to, tz, by, where, format = "table";
    int periods = 0;
    bool unbounded = false;
    size_t threads = 0;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("retention", "Cohort retention matrix");
  cmd->add_option("--db", f->db, "Store directory")->required();
  cmd->add_option("--cohort", f->cohort, "first_seen (first activity) or an event name");
  cmd->add_option("--return", f->ret, "any (any event) or an event name");
  cmd->add_option("--period", f->period, "day, week (ISO, Monday) or month")->check(CLI::IsMember({"day", "week", "month"}));
  cmd->add_option("--periods", f->periods, "Columns to show (default: up to the end of the data)");
  cmd->add_flag("--unbounded", f->unbounded, "Retained in period k or any later one");
  cmd->add_option("--from", f->from, "First cohort start, inclusive");
  cmd->add_option("--to", f->to, "End, exclusive");
  cmd->add_option("--tz", f->tz, "Reporting time zone (default UTC)");
  cmd->add_option("--by", f->by, "One matrix per value of a column or property of the cohort event");
  cmd->add_option("--where", f->where, "Filter events first (the --where language of `metrics`)");
  cmd->add_option("--format", f->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--threads", f->threads, "Scan threads (default: all cores)");
  cmd->callback([f, run] {
    *run = [f] {
      engine::RetentionRequest req;
      req.cohort = f->cohort;
      req.return_event = f->ret;
      req.period = f->period;
      if (f->periods > 0) req.periods = f->periods;
      req.unbounded = f->unbounded;
      req.tz = f->tz;
      Status range = ParseRangeFlags(f->from, f->to, f->tz, &req.from_ms, &req.to_ms);
      if (!range.ok()) return Fail(range);
      req.by = f->by;
      req.where = f->where;
      req.threads = f->threads;
      auto store = OpenStore(f->db, false);
      if (!store.ok()) return Fail(store.status());
      auto snapshot = (*store)->GetSnapshot();
      if (!snapshot.ok()) return Fail(snapshot.status());
      auto report = engine::RunRetention(*snapshot, req);
      if (!report.ok()) return Fail(report.status());
      std::string out = f->format == "json" ? report::RetentionJson(*report) : report::RetentionTable(*report);
      std::fwrite(out.data(), 1, out.size(), stdout);
      return kExitOk;
    };
  });
}

}  // namespace touchpoint::cli
