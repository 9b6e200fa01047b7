// The analysis subcommands, one per entry of the registry
// (engine/analysis_registry.h): flags, --help with every default and
// examples, and the run: parameters -> engine::Touchpoint -> report::Render.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <map>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/analysis_registry.h"
#include "engine/touchpoint.h"
#include "report/result_body.h"

namespace touchpoint::cli {
namespace {

std::string TypeName(const engine::ParamDef& p) {
  switch (p.kind) {
    case engine::ParamKind::kEnum: {
      std::string s;
      for (size_t i = 0; i < p.choices.size(); ++i) s += (i ? "|" : "") + p.choices[i];
      return s;
    }
    case engine::ParamKind::kDate: return "DATE";
    case engine::ParamKind::kDuration: return "DURATION";
    case engine::ParamKind::kEvent: return "EVENT";
    case engine::ParamKind::kEventList: return "EVENT,...";
    case engine::ParamKind::kColumnList: return "COLUMN[,COLUMN]";
    case engine::ParamKind::kExpression: return "EXPR";
    case engine::ParamKind::kInteger: return "N";
    case engine::ParamKind::kNumber: return "X";
    case engine::ParamKind::kPath: return "PATH";
    case engine::ParamKind::kName: return "NAME";
    default: return "TEXT";
  }
}

std::string HelpText(const engine::ParamDef& p) {
  std::string help = p.help;
  const std::string& def = p.default_help.empty() ? p.default_value : p.default_help;
  if (!def.empty()) help += " [default: " + def + "]";
  if (!p.example.empty() && p.kind != engine::ParamKind::kFlag) help += " e.g. --" + p.name + " " + p.example;
  if (p.repeatable) help += " (repeatable)";
  return help;
}

// What the user typed: every given flag's values, in order.
struct Given {
  std::map<std::string, std::vector<std::string>> values;
  std::vector<std::string> files;
};

int Run(const engine::AnalysisDef& def, const Given& given) {
  engine::ParamValues values;
  for (const auto& [name, list] : given.values) {
    for (const std::string& v : list) values.Add(name, v);
  }
  auto first = [&](const char* name) {
    auto it = given.values.find(name);
    return it == given.values.end() || it->second.empty() ? std::string() : it->second.back();
  };
  const std::string db = first("db"), config = first("config");
  auto format = report::ParseOutputFormat(first("format").empty() ? "table" : first("format"));
  if (!format.ok()) return Fail(format.status());
  Result<std::unique_ptr<engine::Touchpoint>> tp = Status::Usage("give --db DIR or one or more event files");
  std::vector<std::string> notes;
  if (!db.empty() && !given.files.empty()) return Fail(Status::Usage("give either --db DIR or files, not both"));
  if (!db.empty()) tp = engine::Touchpoint::Open(db, config);
  if (!given.files.empty()) tp = engine::Touchpoint::OpenFiles(given.files, config, &notes);
  if (!tp.ok()) return Fail(tp.status());
  for (const std::string& n : notes) std::fprintf(stderr, "touchpoint: %s\n", n.c_str());
  auto out = (*tp)->Run(def.name, values);
  if (!out.ok()) return Fail(out.status());
  report::TableOptions options;
  options.width = TerminalWidth();
  return PrintOutput(report::Render(*out->body, *format, options));
}

}  // namespace

void RegisterAnalysis(CLI::App& app, const engine::AnalysisDef& def, Action* run) {
  auto given = std::make_shared<Given>();
  CLI::App* cmd = app.add_subcommand(def.name, def.summary);
  for (const engine::ParamDef* p : engine::AllParams(def)) {
    std::vector<std::string>* storage = &given->values[p->name];
    if (p->kind == engine::ParamKind::kFlag) {
      // --name and --no-name both land in the same value list.
      cmd->add_flag("--" + p->name + "{true},--no-" + p->name + "{false}", *storage, HelpText(*p))
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
      continue;
    }
    CLI::Option* opt = cmd->add_option("--" + p->name, *storage, HelpText(*p));
    opt->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)->type_name(TypeName(*p));
    // The engine checks required parameters, so that the CLI and the HTTP
    // API answer a missing one with the same message.
  }
  cmd->add_option("files", given->files, "Event files to answer on directly (CSV or NDJSON; instead of --db)");
  std::string footer = "Examples:\n";
  for (const std::string& e : def.examples) footer += "  " + e + "\n";
  footer += "\nDates: ISO date or time, 2024-03, 2024, today, yesterday, -30d, -12w, -6m, -1y; --to is exclusive.\n"
            "Durations need a unit: 90s, 30m, 12h, 7d, 2w. Exit status: 0 ok, 1 data or store error, 2 usage error.";
  cmd->footer(footer);
  cmd->callback([&def, given, run] {
    // Drop the flags that were not given (CLI11 leaves their lists empty).
    for (auto it = given->values.begin(); it != given->values.end();) {
      it = it->second.empty() ? given->values.erase(it) : std::next(it);
    }
    *run = [&def, given] { return Run(def, *given); };
  });
}

}  // namespace touchpoint::cli
