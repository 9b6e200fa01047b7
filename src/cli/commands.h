// The CLI's commands, one file each. Every Register function adds its
// subcommand to `app` and sets `*run` to the action when it is chosen.
// Commands return the process exit status.
#ifndef TOUCHPOINT_CLI_COMMANDS_H_
#define TOUCHPOINT_CLI_COMMANDS_H_

#include <functional>

namespace CLI {
class App;
}

namespace touchpoint::cli {

using Action = std::function<int()>;

void RegisterGenerate(CLI::App& app, Action* run);
void RegisterIngest(CLI::App& app, Action* run);
void RegisterInfo(CLI::App& app, Action* run);
void RegisterCompact(CLI::App& app, Action* run);
void RegisterDelete(CLI::App& app, Action* run);
void RegisterUnload(CLI::App& app, Action* run);
void RegisterLoads(CLI::App& app, Action* run);
void RegisterCheck(CLI::App& app, Action* run);
void RegisterAlias(CLI::App& app, Action* run);
void RegisterMetrics(CLI::App& app, Action* run);
void RegisterAlerts(CLI::App& app, Action* run);
void RegisterFunnel(CLI::App& app, Action* run);
void RegisterAttribution(CLI::App& app, Action* run);
void RegisterRetention(CLI::App& app, Action* run);
void RegisterLifecycle(CLI::App& app, Action* run);
void RegisterDerived(CLI::App& app, Action* run);
void RegisterPaths(CLI::App& app, Action* run);

}  // namespace touchpoint::cli

#endif  // TOUCHPOINT_CLI_COMMANDS_H_
