// touchpoint lifecycle --db DIR [--period day|week|month] [--churn-after N]
//   [--activation EVENT] [--activation-days N] [--from] [--to] [--tz] [--by] [--where]
// Customers per lifecycle stage per period, movements between stages,
// activation and stickiness (docs/lifecycle.md).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/config.h"
#include "engine/lifecycle_query.h"
#include "report/lifecycle_format.h"
#include "util/time.h"

namespace touchpoint::cli {

void RegisterLifecycle(CLI::App& app, Action* run) {
  struct Flags {
    std::string db, config, period = "month", from, to, tz, by, where, activation, format = "table";
    int churn_after = 0, activation_days = 0;  // used only when given
    size_t threads = 0;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("lifecycle", "Customers per lifecycle stage per period, and their movements");
  cmd->add_option("--db", f->db, "Store directory")->required();
  cmd->add_option("--config", f->config, "Config file (default: DIR/touchpoint.toml)");
  cmd->add_option("--period", f->period, "day, week (ISO, Monday) or month")
      ->check(CLI::IsMember({"day", "week", "month"}));
  cmd->add_option("--from", f->from, "Start, inclusive (rounded down to its period)");
  cmd->add_option("--to", f->to, "End, exclusive");
  cmd->add_option("--tz", f->tz, "Reporting time zone (default: the config's, else UTC)");
  cmd->add_option("--by", f->by, "Break down by a column or property of the customer's first event");
  cmd->add_option("--where", f->where, "Filter events first (the --where language of `metrics`)");
  CLI::Option* churn_after = cmd->add_option(
      "--churn-after", f->churn_after,
      "Periods without activity after which a customer is lost (default 3 months, 13 weeks, 90 days)");
  cmd->add_option("--activation", f->activation, "Activation event (default: the config's, else 'activation')");
  CLI::Option* activation_days = cmd->add_option("--activation-days", f->activation_days,
                                                 "Activation window after first activity, days (default 7)");
  cmd->add_option("--format", f->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--threads", f->threads, "Scan threads (default: all cores)");
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
      Status range = ParseRangeFlags(f->from, f->to, req.tz, &req.from_ms, &req.to_ms);
      if (!range.ok()) return Fail(range);
      req.by = f->by;
      req.where = f->where;
      req.threads = f->threads;
      auto store = OpenStore(f->db, false);
      if (!store.ok()) return Fail(store.status());
      auto snapshot = (*store)->GetSnapshot();
      if (!snapshot.ok()) return Fail(snapshot.status());
      auto report = engine::RunLifecycle(*snapshot, req);
      if (!report.ok()) return Fail(report.status());
      std::string out = f->format == "json" ? report::LifecycleJson(*report) + "\n" : report::LifecycleTable(*report);
      std::fwrite(out.data(), 1, out.size(), stdout);
      return kExitOk;
    };
  });
}

}  // namespace touchpoint::cli
