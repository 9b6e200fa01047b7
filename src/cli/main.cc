// touchpoint: the command-line interface. Thin: the analyses' subcommands
// come from the registry (engine/analysis_registry.h), the store commands
// from their files; each hands over to engine/.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/analysis_registry.h"
#include "util/suggest.h"

namespace {

using touchpoint::cli::kExitUsage;

// An unknown flag: the nearest flags of the command. CLI11 names the
// unexpected arguments after the colon of its message.
std::string FlagSuggestions(CLI::App& app, const std::string& command, const std::string& message) {
  CLI::App* sub = nullptr;
  try {
    sub = app.get_subcommand(command);
  } catch (const CLI::OptionNotFound&) {
    return "";
  }
  std::vector<std::string> flags;
  for (const CLI::Option* o : sub->get_options()) {
    for (const std::string& n : o->get_lnames()) flags.push_back("--" + n);
  }
  std::string out;
  const size_t colon = message.find(": ");
  std::string rest = colon == std::string::npos ? "" : message.substr(colon + 2);
  size_t start = 0;
  while (start < rest.size()) {
    size_t end = rest.find(' ', start);
    if (end == std::string::npos) end = rest.size();
    const std::string arg = rest.substr(start, end - start);
    start = end + 1;
    if (!arg.starts_with("-")) continue;
    const std::string name = arg.substr(0, arg.find('='));
    out += "touchpoint: unknown flag " + name + " for '" + command + "'" + touchpoint::DidYouMean(name, flags) + "\n";
  }
  return out;
}

// Every command and how it registers itself, in the order --help lists them.
struct Command {
  std::string name;
  std::function<void(CLI::App&, touchpoint::cli::Action*)> add;
};

std::vector<Command> Commands() {
  namespace cli = touchpoint::cli;
  std::vector<Command> c = {{"generate", cli::RegisterGenerate}, {"ingest", cli::RegisterIngest}, {"info", cli::RegisterInfo}};
  for (const touchpoint::engine::AnalysisDef* def : touchpoint::engine::Analyses()) {
    c.push_back({def->name, [def](CLI::App& app, cli::Action* run) { cli::RegisterAnalysis(app, *def, run); }});
  }
  for (Command more : std::initializer_list<Command>{
           {"alerts", cli::RegisterAlerts}, {"derived", cli::RegisterDerived}, {"compact", cli::RegisterCompact},
           {"delete", cli::RegisterDelete}, {"unload", cli::RegisterUnload}, {"loads", cli::RegisterLoads},
           {"check", cli::RegisterCheck}, {"alias", cli::RegisterAlias}, {"serve", cli::RegisterServe},
           {"report", cli::RegisterReport}}) {
    c.push_back(std::move(more));
  }
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Touchpoint: customer interaction analytics", "touchpoint"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "touchpoint 0.1.0");
  app.footer("Run `touchpoint COMMAND --help` for a command's flags, defaults and examples.");
  touchpoint::cli::Action run;
  const std::vector<Command> commands = Commands();
  // A command named first is the only one whose flags are built: building
  // all of them is most of the start-up time of a query of a few
  // milliseconds. Anything else (--help, --version, nothing) gets them all.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string cmd = argv[1];
    const auto it = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.name == cmd; });
    if (it == commands.end()) {
      std::vector<std::string> names;
      for (const Command& c : commands) names.push_back(c.name);
      // A mistyped command gets the nearest ones, as git does.
      std::fprintf(stderr, "touchpoint: unknown command '%s'%s\n", cmd.c_str(), touchpoint::DidYouMean(cmd, names).c_str());
      return kExitUsage;
    }
    it->add(app, &run);
  } else {
    for (const Command& c : commands) c.add(app, &run);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ExtrasError& e) {
    const std::string hints = argc > 1 ? FlagSuggestions(app, argv[1], e.what()) : "";
    std::fprintf(stderr, "%s", hints.empty() ? (std::string("touchpoint: ") + e.what() + "\n").c_str() : hints.c_str());
    return kExitUsage;
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message; bad usage exits 2 whatever CLI11's own code,
    // --help and --version exit 0.
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  return run ? run() : 0;
}
