// touchpoint paths --db DIR [--start T | --end T] [--depth N] [--touchpoint KIND] [--scope session|customer]
// Customer journeys: top paths, transitions, touchpoints, exits (docs/paths.md).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/config.h"
#include "engine/funnel_query.h"
#include "engine/paths_query.h"
#include "report/paths_format.h"

namespace touchpoint::cli {

void RegisterPaths(CLI::App& app, Action* run) {
  struct Flags {
    std::string db, config, touchpoint = "event", scope = "session", start, end, conversion, from, to, by, where,
        session_timeout, definitions = "touchpoint", tz, format = "table";
    int depth = 5;
    size_t top = 20, threads = 0;
    bool collapse = true;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("paths", "Customer journeys: top paths, transitions, touchpoints, exits");
  cmd->add_option("--db", f->db, "Store directory")->required();
  cmd->add_option("--config", f->config, "Config file (default: DIR/touchpoint.toml)");
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
  cmd->add_option("--tz", f->tz, "Reporting time zone (default: config, else UTC)");
  cmd->add_option("--top", f->top, "Paths and rows per table (default 20)");
  cmd->add_option("--from", f->from, "Start, inclusive");
  cmd->add_option("--to", f->to, "End, exclusive");
  cmd->add_option("--by", f->by, "Break top paths down by a column or property of the path's first event");
  cmd->add_option("--where", f->where, "Filter events first (the --where language of `metrics`)");
  cmd->add_option("--format", f->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--threads", f->threads, "Scan threads (default: all cores)");
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
      Status range = ParseRangeFlags(f->from, f->to, req.tz, &req.from_ms, &req.to_ms);
      if (!range.ok()) return Fail(range);
      req.by = f->by;
      req.where = f->where;
      req.threads = f->threads;
      auto store = OpenStore(f->db, false);
      if (!store.ok()) return Fail(store.status());
      auto snapshot = (*store)->GetSnapshot();
      if (!snapshot.ok()) return Fail(snapshot.status());
      auto report = engine::RunPaths(*snapshot, req);
      if (!report.ok()) return Fail(report.status());
      std::string out = f->format == "json" ? report::PathsJson(*report) + "\n" : report::PathsTable(*report);
      std::fwrite(out.data(), 1, out.size(), stdout);
      return kExitOk;
    };
  });
}

}  // namespace touchpoint::cli
