// The CLI's commands. The analyses come from the registry
// (RegisterAnalysis, one subcommand each); the store commands each have a
// file. Every Register function adds its subcommand to `app` and sets
// `*run` to the action when it is chosen. Actions return the exit status
// (cli_util.h).
#ifndef TOUCHPOINT_CLI_COMMANDS_H_
#define TOUCHPOINT_CLI_COMMANDS_H_

#include <functional>

namespace CLI {
class App;
}

namespace touchpoint::engine {
struct AnalysisDef;
}

namespace touchpoint::cli {

using Action = std::function<int()>;

// REQUIRES: `def` outlives the app (registry entries are static).
void RegisterAnalysis(CLI::App& app, const engine::AnalysisDef& def, Action* run);

void RegisterGenerate(CLI::App& app, Action* run);
void RegisterIngest(CLI::App& app, Action* run);
void RegisterInfo(CLI::App& app, Action* run);
void RegisterCompact(CLI::App& app, Action* run);
void RegisterDelete(CLI::App& app, Action* run);
void RegisterUnload(CLI::App& app, Action* run);
void RegisterLoads(CLI::App& app, Action* run);
void RegisterCheck(CLI::App& app, Action* run);
void RegisterAlias(CLI::App& app, Action* run);
void RegisterAlerts(CLI::App& app, Action* run);
void RegisterDerived(CLI::App& app, Action* run);
void RegisterServe(CLI::App& app, Action* run);
void RegisterReport(CLI::App& app, Action* run);

}  // namespace touchpoint::cli

#endif  // TOUCHPOINT_CLI_COMMANDS_H_
