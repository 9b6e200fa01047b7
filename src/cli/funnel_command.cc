// touchpoint funnel --db DIR --steps A,B,C [--window 7d] [--mode ordered|strict|unordered]
//   [--count customers|sessions|totals] [--exclude EVENT@A-B]... [--by COL --attribution first|last|step:N]
//   [--dropped-at N --dropped-out FILE.csv]
#include <CLI/CLI.hpp>

#include "cli/analysis_flags.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/config.h"
#include "engine/duration.h"
#include "engine/funnel_query.h"
#include "report/funnel_format.h"
#include "util/file.h"

namespace touchpoint::cli {

void RegisterFunnel(CLI::App& app, Action* run) {
  struct Flags : AnalysisFlags {
    std::string steps, window = "7d", mode = "ordered", count = "customers";
    std::string attribution = "first", dropped_out;
    std::vector<std::string> exclude;
    int dropped_at = 0;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("funnel", "Conversion funnel: customers reaching each step within a window");
  const AnalysisFlagHelp help{.by = "Break down by a column or property of the first step's event",
                              .config = "Config file (default: DIR/touchpoint.toml; session rules)"};
  AddStoreFlags(cmd, f.get(), help);
  cmd->add_option("--steps", f->steps, "STEP,STEP,... where a step is EVENT or EVENT[condition]")->required();
  cmd->add_option("--window", f->window, "Conversion window from the first step (30m, 2h, 7d, 1w)");
  cmd->add_option("--mode", f->mode, "ordered, strict or unordered")->check(CLI::IsMember({"ordered", "strict", "unordered"}));
  cmd->add_option("--count", f->count, "What a funnel entry is: customers, sessions or totals (every attempt)")
      ->check(CLI::IsMember({"customers", "sessions", "totals"}));
  cmd->add_option("--exclude", f->exclude,
                  "Drop entries with EVENT[cond] between two steps: EVENT@A-B (default between the first and last)");
  cmd->add_option("--attribution", f->attribution, "Which step's event gives the --by value: first, last or step:N");
  cmd->add_option("--dropped-at", f->dropped_at, "Export the customers who reached step N-1 but not step N");
  cmd->add_option("--dropped-out", f->dropped_out, "CSV file for --dropped-at (customer_id,entered_at,last_step_at)");
  AddScanFlags(cmd, f.get(), help);
  cmd->callback([f, run] {
    *run = [f] {
      engine::FunnelRequest req;
      req.steps = f->steps;
      req.mode = f->mode;
      auto window = engine::ParseDurationMs(f->window);
      if (!window.ok()) return Fail(window.status());
      req.window_ms = *window;
      Status shared = FillAnalysisRequest(*f, "", &req);
      if (!shared.ok()) return Fail(shared);
      req.count = f->count;
      req.attribution = f->attribution;
      req.exclusions = f->exclude;
      req.dropped_at = f->dropped_at;
      if ((f->dropped_at != 0) != !f->dropped_out.empty()) {
        return Fail(Status::InvalidArgument("--dropped-at and --dropped-out go together"));
      }
      auto config = engine::LoadConfig(f->config, f->db);
      if (!config.ok()) return Fail(config.status());
      req.definitions = engine::DefinitionsFromConfig(*config);
      auto report = RunOnStore(f->db, engine::RunFunnel, req);
      if (!report.ok()) return Fail(report.status());
      if (!f->dropped_out.empty()) {
        Status written = WriteFileAtomic(f->dropped_out, report::FunnelDroppedCsv(*report));
        if (!written.ok()) return Fail(written);
      }
      return PrintOutput(f->format == "json" ? report::FunnelJson(*report) + "\n" : report::FunnelTable(*report));
    };
  });
}

}  // namespace touchpoint::cli
