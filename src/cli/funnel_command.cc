// touchpoint funnel --db DIR --steps A,B,C [--window 7d] [--mode ordered|strict|unordered]
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/funnel_query.h"
#include "report/funnel_format.h"
#include "util/time.h"

namespace touchpoint::cli {

void RegisterFunnel(CLI::App& app, Action* run) {
  struct Flags {
    std::string db, steps, window = "7d", mode = "ordered", from, to, by, where, format = "table";
    size_t threads = 0;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("funnel", "Conversion funnel: customers reaching each step within a window");
  cmd->add_option("--db", f->db, "Store directory")->required();
  cmd->add_option("--steps", f->steps, "STEP,STEP,... where a step is EVENT or EVENT[condition]")->required();
  cmd->add_option("--window", f->window, "Conversion window from the first step (30m, 2h, 7d, 1w)");
  cmd->add_option("--mode", f->mode, "ordered, strict or unordered")->check(CLI::IsMember({"ordered", "strict", "unordered"}));
  cmd->add_option("--from", f->from, "Start, inclusive");
  cmd->add_option("--to", f->to, "End, exclusive");
  cmd->add_option("--by", f->by, "Break down by a column or property of the first step's event");
  cmd->add_option("--where", f->where, "Filter events first (the --where language of `metrics`)");
  cmd->add_option("--format", f->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--threads", f->threads, "Scan threads (default: all cores)");
  cmd->callback([f, run] {
    *run = [f] {
      engine::FunnelRequest req;
      req.steps = f->steps;
      req.mode = f->mode;
      auto window = engine::ParseDurationMs(f->window);
      if (!window.ok()) return Fail(window.status());
      req.window_ms = *window;
      Status range = ParseRangeFlags(f->from, f->to, "", &req.from_ms, &req.to_ms);
      if (!range.ok()) return Fail(range);
      req.by = f->by;
      req.where = f->where;
      req.threads = f->threads;
      auto store = OpenStore(f->db, false);
      if (!store.ok()) return Fail(store.status());
      auto snapshot = (*store)->GetSnapshot();
      if (!snapshot.ok()) return Fail(snapshot.status());
      auto report = engine::RunFunnel(*snapshot, req);
      if (!report.ok()) return Fail(report.status());
      std::string out = f->format == "json" ? report::FunnelJson(*report) + "\n" : report::FunnelTable(*report);
      std::fwrite(out.data(), 1, out.size(), stdout);
      return kExitOk;
    };
  });
}

}  // namespace touchpoint::cli
