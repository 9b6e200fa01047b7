// touchpoint alerts --db DIR --rules FILE : exit 3 when any rule fired (cron-friendly).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/alert_rules.h"
#include "engine/config.h"

namespace touchpoint::cli {

void RegisterAlerts(CLI::App& app, Action* run) {
  auto db = std::make_shared<std::string>();
  auto rules_path = std::make_shared<std::string>();
  auto config_path = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("alerts", "Check alert rules; exit 3 when any fired");
  cmd->add_option("--db", *db, "Store directory")->required();
  cmd->add_option("--rules", *rules_path, "Rules file (TOML, [[rule]] tables)")->required();
  cmd->add_option("--config", *config_path, "Config file (default: DIR/touchpoint.toml)");
  cmd->callback([=] {
    *run = [=] {
      auto config = engine::LoadConfig(*config_path, *db);
      if (!config.ok()) return Fail(config.status());
      auto rules = engine::LoadAlertRules(*rules_path);
      if (!rules.ok()) return Fail(rules.status());
      auto opened = OpenSnapshot(*db);
      if (!opened.ok()) return Fail(opened.status());
      engine::MetricsRequest base;
      base.definitions = engine::DefinitionsFromConfig(*config);
      base.tz = config->report_tz;
      auto fired = engine::CheckAlerts(opened->snapshot, *rules, base);
      if (!fired.ok()) return Fail(fired.status());
      for (const auto& f : *fired) std::printf("FIRED %s: %s\n", f.rule.c_str(), f.message.c_str());
      if (fired->empty()) {
        std::printf("no alert fired (%zu rules checked)\n", rules->size());
        return kExitOk;
      }
      return kExitFlagged;
    };
  });
}

}  // namespace touchpoint::cli
