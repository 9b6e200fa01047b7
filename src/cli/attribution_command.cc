// touchpoint attribution --db DIR [--window 30d] [--value revenue|conversions] [--by channel|campaign]
//                        [--conversion EVENT] [--half-life 7d] [--from] [--to] [--where] [--format table|json]
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/attribution_query.h"
#include "engine/config.h"
#include "engine/funnel_query.h"
#include "report/attribution_format.h"

namespace touchpoint::cli {

void RegisterAttribution(CLI::App& app, Action* run) {
  struct Flags {
    std::string db, config, window = "30d", half_life = "7d", value = "revenue", by = "channel", conversion, from, to,
                            where, format = "table";
    size_t threads = 0;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd =
      app.add_subcommand("attribution",
                         "Conversions and revenue attributed to channels: first/last touch, linear, time decay, "
                         "position-based and Markov removal effect");
  cmd->add_option("--db", f->db, "Store directory")->required();
  cmd->add_option("--window", f->window, "Lookback before each conversion (30m, 2h, 7d, 1w)");
  cmd->add_option("--value", f->value, "revenue or conversions")->check(CLI::IsMember({"revenue", "conversions"}));
  cmd->add_option("--by", f->by, "Touchpoint dimension: channel, campaign, page or an event property");
  cmd->add_option("--conversion", f->conversion, "Conversion event (default: purchase)");
  cmd->add_option("--half-life", f->half_life, "Time-decay half-life (default 7d)");
  cmd->add_option("--from", f->from, "Conversions from, inclusive (the lookback may reach earlier)");
  cmd->add_option("--to", f->to, "Conversions to, exclusive");
  cmd->add_option("--where", f->where, "Filter events first (the --where language of `metrics`)");
  cmd->add_option("--config", f->config, "Config file for the session rules (default: DIR/touchpoint.toml)");
  cmd->add_option("--format", f->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--threads", f->threads, "Scan threads (default: all cores)");
  cmd->callback([f, run] {
    *run = [f] {
      engine::AttributionRequest req;
      auto window = engine::ParseDurationMs(f->window);
      if (!window.ok()) return Fail(window.status());
      req.window_ms = *window;
      auto half_life = engine::ParseDurationMs(f->half_life);
      if (!half_life.ok()) return Fail(half_life.status());
      req.half_life_ms = *half_life;
      Status range = ParseRangeFlags(f->from, f->to, "", &req.from_ms, &req.to_ms);
      if (!range.ok()) return Fail(range);
      req.value = f->value;
      req.by = f->by;
      req.conversion = f->conversion;
      req.where = f->where;
      req.threads = f->threads;
      auto config = engine::LoadConfig(f->config, f->db);
      if (!config.ok()) return Fail(config.status());
      req.definitions = engine::DefinitionsFromConfig(*config);
      auto store = OpenStore(f->db, false);
      if (!store.ok()) return Fail(store.status());
      auto snapshot = (*store)->GetSnapshot();
      if (!snapshot.ok()) return Fail(snapshot.status());
      auto report = engine::RunAttribution(*snapshot, req);
      if (!report.ok()) return Fail(report.status());
      std::string out =
          f->format == "json" ? report::AttributionJson(*report) + "\n" : report::AttributionTable(*report);
      std::fwrite(out.data(), 1, out.size(), stdout);
      return kExitOk;
    };
  });
}

}  // namespace touchpoint::cli
