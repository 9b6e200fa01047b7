// touchpoint paths --db DIR [--start T | --end T] [--depth N] [--touchpoint KIND] [--scope session|customer]
// Customer journeys: top paths, transitions, touchpoints, exits (docs/paths.md).
#include <CLI/CLI.hpp>

#include "cli/analysis_flags.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/config.h"
#include "engine/duration.h"
#include "engine/paths_query.h"
#include "report/paths_format.h"

namespace touchpoint::cli {

void RegisterPaths(CLI::App& app, Action* run) {
  struct Flags : AnalysisFlags {
    std::string touchpoint = "event", scope = "session", start, end, conversion, session_timeout,
                definitions = "touchpoint";
    int depth = 5;
    size_t top = 20;
    bool collapse = true;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("paths", "Customer journeys: top paths, transitions, touchpoints, exits");
  const AnalysisFlagHelp help{.by = "Break top paths down by a column or property of the path's first event",
                              .config = "Config file (default: DIR/touchpoint.toml)",
                              .tz = "Reporting time zone (default: config, else UTC)"};
  AddStoreFlags(cmd, f.get(), help);
  cmd->add_option("--touchpoint", f->touchpoint, "What a step is: event, channel:event, channel, page or campaign")
      ->check(CLI::IsMember({"event", "channel:event", "channel", "page", "campaign"}));
  cmd->add_option("--scope", f->scope, "Paths within sessions or across a customer's history")
      ->check(CLI::IsMember({"session", "customer"}));
  cmd->add_option("--start", f->start, "Paths from the first occurrence of this touchpoint");
  cmd->add_option("--end", f->end, "Paths up to the first occurrence of this touchpoint");
  cmd->add_option("--depth", f->depth, "Touchpoints per path (1-16, default 5)");
  cmd->add_flag("--collapse,!--no-collapse", f->collapse, "Fold immediate repeats (default on)");
  cmd->add_option("--conversion", f->conversion, "Conversion event (default: the configured ones, purchase)");
  cmd->add_option("--session-timeout", f->session_timeout, "Inactivity that ends a session (default 30m)");
  cmd->add_option("--definitions", f->definitions, "Session rules of another tool: touchpoint, ga4, posthog, plausible, umami, matomo");
  cmd->add_option("--top", f->top, "Paths and rows per table (default 20)");
  AddScanFlags(cmd, f.get(), help);
  cmd->callback([f, run] {
    *run = [f] {
      auto config = engine::LoadConfig(f->config, f->db);
      if (!config.ok()) return Fail(config.status());
      engine::PathsRequest req;
      req.definitions = engine::DefinitionsFromConfig(*config);
      auto preset = kernels::ParsePreset(f->definitions);
      if (!preset.ok()) return Fail(preset.status());
      kernels::ApplyPreset(*preset, &req.definitions);
      req.tz = f->tz.empty() ? config->report_tz : f->tz;
      if (!f->session_timeout.empty()) {
        auto timeout = engine::ParseDurationMs(f->session_timeout);
        if (!timeout.ok()) return Fail(timeout.status());
        req.definitions.session_timeout_ms = *timeout;
      }
      req.touchpoint = f->touchpoint;
      req.scope = f->scope;
      req.collapse = f->collapse;
      req.depth = f->depth;
      req.top = f->top;
      req.start = f->start;
      req.end = f->end;
      req.conversion = f->conversion;
      Status shared = FillAnalysisRequest(*f, req.tz, &req);
      if (!shared.ok()) return Fail(shared);
      auto report = RunOnStore(f->db, engine::RunPaths, req);
      if (!report.ok()) return Fail(report.status());
      return PrintOutput(f->format == "json" ? report::PathsJson(*report) + "\n" : report::PathsTable(*report));
    };
  });
}

}  // namespace touchpoint::cli
