// touchpoint lifecycle --db DIR [--period day|week|month] [--churn-after N]
//   [--activation EVENT] [--activation-days N] [--from] [--to] [--tz] [--by] [--where]
// Customers per lifecycle stage per period, movements between stages,
// activation and stickiness (docs/lifecycle.md).
#include <CLI/CLI.hpp>

#include "cli/analysis_flags.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/config.h"
#include "engine/lifecycle_query.h"
#include "report/lifecycle_format.h"
#include "util/time.h"

namespace touchpoint::cli {

void RegisterLifecycle(CLI::App& app, Action* run) {
  struct Flags : AnalysisFlags {
    std::string period = "month", activation;
    int churn_after = 0, activation_days = 0;  // used only when given
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("lifecycle", "Customers per lifecycle stage per period, and their movements");
  const AnalysisFlagHelp help{.by = "Break down by a column or property of the customer's first event",
                              .from = "Start, inclusive (rounded down to its period)",
                              .config = "Config file (default: DIR/touchpoint.toml)",
                              .tz = "Reporting time zone (default: the config's, else UTC)"};
  AddStoreFlags(cmd, f.get(), help);
  cmd->add_option("--period", f->period, "day, week (ISO, Monday) or month")
      ->check(CLI::IsMember({"day", "week", "month"}));
  CLI::Option* churn_after = cmd->add_option(
      "--churn-after", f->churn_after,
      "Periods without activity after which a customer is lost (default 3 months, 13 weeks, 90 days)");
  cmd->add_option("--activation", f->activation, "Activation event (default: the config's, else 'activation')");
  CLI::Option* activation_days = cmd->add_option("--activation-days", f->activation_days,
                                                 "Activation window after first activity, days (default 7)");
  AddScanFlags(cmd, f.get(), help);
  cmd->callback([f, run, churn_after, activation_days] {
    *run = [f, churn_after, activation_days] {
      auto config = engine::LoadConfig(f->config, f->db);
      if (!config.ok()) return Fail(config.status());
      engine::LifecycleRequest req;
      req.definitions = engine::DefinitionsFromConfig(*config);
      if (!f->activation.empty()) {
        req.definitions.activation_event = f->activation;
        req.activation_event_given = true;
      }
      if (activation_days->count() > 0) {
        req.definitions.activation_window_ms = int64_t{f->activation_days} * kMillisPerDay;
      }
      req.period = f->period;
      if (churn_after->count() > 0) req.churn_after = f->churn_after;
      req.tz = f->tz.empty() ? config->report_tz : f->tz;
      Status shared = FillAnalysisRequest(*f, req.tz, &req);
      if (!shared.ok()) return Fail(shared);
      auto report = RunOnStore(f->db, engine::RunLifecycle, req);
      if (!report.ok()) return Fail(report.status());
      return PrintOutput(f->format == "json" ? report::LifecycleJson(*report) + "\n"
                                             : report::LifecycleTable(*report));
    };
  });
}

}  // namespace touchpoint::cli
