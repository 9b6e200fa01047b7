// touchpoint attribution --db DIR [--window 30d] [--value revenue|conversions] [--by channel|campaign]
//                        [--conversion EVENT] [--half-life 7d] [--from] [--to] [--where] [--format table|json]
#include <CLI/CLI.hpp>

#include "cli/analysis_flags.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/attribution_query.h"
#include "engine/config.h"
#include "engine/duration.h"
#include "report/attribution_format.h"

namespace touchpoint::cli {

void RegisterAttribution(CLI::App& app, Action* run) {
  struct Flags : AnalysisFlags {
    std::string window = "30d", half_life = "7d", value = "revenue", conversion;
  };
  auto f = std::make_shared<Flags>();
  f->by = "channel";
  CLI::App* cmd =
      app.add_subcommand("attribution",
                         "Conversions and revenue attributed to channels: first/last touch, linear, time decay, "
                         "position-based and Markov removal effect");
  const AnalysisFlagHelp help{.by = "Touchpoint dimension: channel, campaign, page or an event property",
                              .from = "Conversions from, inclusive (the lookback may reach earlier)",
                              .to = "Conversions to, exclusive",
                              .config = "Config file for the session rules (default: DIR/touchpoint.toml)"};
  AddStoreFlags(cmd, f.get(), help);
  cmd->add_option("--window", f->window, "Lookback before each conversion (30m, 2h, 7d, 1w)");
  cmd->add_option("--value", f->value, "revenue or conversions")->check(CLI::IsMember({"revenue", "conversions"}));
  cmd->add_option("--conversion", f->conversion, "Conversion event (default: purchase)");
  cmd->add_option("--half-life", f->half_life, "Time-decay half-life (default 7d)");
  AddScanFlags(cmd, f.get(), help);
  cmd->callback([f, run] {
    *run = [f] {
      engine::AttributionRequest req;
      auto window = engine::ParseDurationMs(f->window);
      if (!window.ok()) return Fail(window.status());
      req.window_ms = *window;
      auto half_life = engine::ParseDurationMs(f->half_life);
      if (!half_life.ok()) return Fail(half_life.status());
      req.half_life_ms = *half_life;
      Status shared = FillAnalysisRequest(*f, "", &req);
      if (!shared.ok()) return Fail(shared);
      req.value = f->value;
      req.conversion = f->conversion;
      auto config = engine::LoadConfig(f->config, f->db);
      if (!config.ok()) return Fail(config.status());
      req.definitions = engine::DefinitionsFromConfig(*config);
      auto report = RunOnStore(f->db, engine::RunAttribution, req);
      if (!report.ok()) return Fail(report.status());
      return PrintOutput(f->format == "json" ? report::AttributionJson(*report) + "\n"
                                             : report::AttributionTable(*report));
    };
  });
}

}  // namespace touchpoint::cli
