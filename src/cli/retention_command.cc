// touchpoint retention --db DIR [--cohort first_seen|EVENT] [--return any|EVENT] [--period day|week|month]
#include <CLI/CLI.hpp>

#include "cli/analysis_flags.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/retention_query.h"
#include "report/retention_format.h"

namespace touchpoint::cli {

void RegisterRetention(CLI::App& app, Action* run) {
  struct Flags : AnalysisFlags {
    std::string cohort = "first_seen", ret = "any", period = "week";
    int periods = 0;
    bool unbounded = false;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("retention", "Cohort retention matrix");
  const AnalysisFlagHelp help{.by = "One matrix per value of a column or property of the cohort event",
                              .from = "First cohort start, inclusive",
                              .tz = "Reporting time zone (default UTC)"};
  AddStoreFlags(cmd, f.get(), help);
  cmd->add_option("--cohort", f->cohort, "first_seen (first activity) or an event name");
  cmd->add_option("--return", f->ret, "any (any event) or an event name");
  cmd->add_option("--period", f->period, "day, week (ISO, Monday) or month")->check(CLI::IsMember({"day", "week", "month"}));
  cmd->add_option("--periods", f->periods, "Columns to show (default: up to the end of the data)");
  cmd->add_flag("--unbounded", f->unbounded, "Retained in period k or any later one");
  AddScanFlags(cmd, f.get(), help);
  cmd->callback([f, run] {
    *run = [f] {
      engine::RetentionRequest req;
      req.cohort = f->cohort;
      req.return_event = f->ret;
      req.period = f->period;
      if (f->periods > 0) req.periods = f->periods;
      req.unbounded = f->unbounded;
      req.tz = f->tz;
      Status shared = FillAnalysisRequest(*f, f->tz, &req);
      if (!shared.ok()) return Fail(shared);
      auto report = RunOnStore(f->db, engine::RunRetention, req);
      if (!report.ok()) return Fail(report.status());
      return PrintOutput(f->format == "json" ? report::RetentionJson(*report) : report::RetentionTable(*report));
    };
  });
}

}  // namespace touchpoint::cli
