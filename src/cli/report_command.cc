// touchpoint report --db DIR -o report.html [--from --to --tz --where
// --definitions --steps --window --title]: one self-contained HTML file
// (charts and data inline, works offline) with the overview, trends,
// funnel, retention, journeys and surveys, for sharing by email
// (server/html_report.h builds it; docs/server.md, "The report").
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/analysis_registry.h"
#include "engine/touchpoint.h"
#include "server/html_report.h"
#include "util/file.h"

namespace touchpoint::cli {
namespace {

// The registry's common parameters a report passes to every section.
constexpr const char* kCommon[] = {"from", "to", "tz", "where", "definitions", "threads"};

struct ReportFlags {
  std::string db, config, out, steps, window = "7d", title = "Customer report";
  std::map<std::string, std::vector<std::string>> common;
};

int Run(const ReportFlags& flags) {
  auto tp = engine::Touchpoint::Open(flags.db, flags.config);
  if (!tp.ok()) return Fail(tp.status());
  server::ReportRequest request;
  for (const auto& [name, values] : flags.common) {
    for (const std::string& v : values) request.common.Add(name, v);
  }
  request.steps = flags.steps;
  request.window = flags.window;
  request.title = flags.title;
  request.store_name = flags.db;
  auto html = server::BuildHtmlReport(**tp, request);
  if (!html.ok()) return Fail(html.status());
  if (Status s = WriteFileAtomic(flags.out, *html); !s.ok()) return Fail(s);
  std::fprintf(stderr, "touchpoint: wrote %s (%s)\n", flags.out.c_str(), HumanBytes(html->size()).c_str());
  return kExitOk;
}

}  // namespace

void RegisterReport(CLI::App& app, Action* run) {
  auto flags = std::make_shared<ReportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "report", "One self-contained HTML file (charts and data inline, works offline): overview, trends, funnel, "
                "retention, journeys, surveys");
  cmd->add_option("--db", flags->db, "Store directory")->required();
  cmd->add_option("--config", flags->config, "Config file [default: DIR/touchpoint.toml]");
  cmd->add_option("-o,--out", flags->out, "The HTML file to write")->required();
  for (const char* name : kCommon) {
    for (const engine::ParamDef& p : engine::CommonParams()) {
      if (p.name != name) continue;
      const std::string& def = p.default_help.empty() ? p.default_value : p.default_help;
      std::string help = p.help + (def.empty() ? "" : " [default: " + def + "]") + (p.repeatable ? " (repeatable)" : "");
      cmd->add_option("--" + p.name, flags->common[p.name], help)
          ->expected(1)
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    }
  }
  cmd->add_option("--steps", flags->steps,
                  "The funnel's steps, as `touchpoint funnel --steps` [default: page_view, signup, add_to_cart, "
                  "checkout, purchase as far as the store has them]");
  cmd->add_option("--window", flags->window, "The funnel's conversion window [default: 7d]");
  cmd->add_option("--title", flags->title, "The report's title [default: Customer report]");
  cmd->footer(
      "Examples:\n  touchpoint report --db store -o report.html\n"
      "  touchpoint report --db store -o march.html --from 2024-03 --to 2024-04 --where \"channel = 'email'\"\n"
      "  touchpoint report --db store -o shop.html --steps \"page_view[page='/pricing'],signup,purchase\" --title Shop\n"
      "\nEvery section is an analysis's JSON (the same as `touchpoint NAME --format json`), drawn by the dashboard's\n"
      "charts inside the file. Exit status: 0 ok, 1 data or store error, 2 usage error.");
  cmd->callback([flags, run] {
    // Flags not given leave empty lists: drop them, so defaults apply.
    for (auto it = flags->common.begin(); it != flags->common.end();) {
      it = it->second.empty() ? flags->common.erase(it) : std::next(it);
    }
    *run = [flags] { return Run(*flags); };
  });
}

}  // namespace touchpoint::cli
