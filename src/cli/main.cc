// touchpoint: the command-line interface. Thin: parses flags with CLI11 and
// hands over to engine/; each command lives in its own file.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Touchpoint: customer interaction analytics", "touchpoint"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "touchpoint 0.1.0");
  touchpoint::cli::Action run;
  touchpoint::cli::RegisterGenerate(app, &run);
  touchpoint::cli::RegisterIngest(app, &run);
  touchpoint::cli::RegisterInfo(app, &run);
  touchpoint::cli::RegisterCompact(app, &run);
  touchpoint::cli::RegisterDelete(app, &run);
  touchpoint::cli::RegisterUnload(app, &run);
  touchpoint::cli::RegisterLoads(app, &run);
  touchpoint::cli::RegisterCheck(app, &run);
  touchpoint::cli::RegisterAlias(app, &run);
  touchpoint::cli::RegisterMetrics(app, &run);
  touchpoint::cli::RegisterAlerts(app, &run);
  touchpoint::cli::RegisterFunnel(app, &run);
  touchpoint::cli::RegisterAttribution(app, &run);
  touchpoint::cli::RegisterRetention(app, &run);
  touchpoint::cli::RegisterLifecycle(app, &run);
  touchpoint::cli::RegisterDerived(app, &run);
  touchpoint::cli::RegisterPaths(app, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message; bad usage exits 2 whatever CLI11's own code
    // (cli/cli_util.h), --help and --version exit 0.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return run ? run() : 0;
}
