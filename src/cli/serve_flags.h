// The flags of `touchpoint serve`, declared once for the two binaries that
// parse them: `touchpoint` (its help, checking, then handing over) and
// `touchpoint-serve` (which runs the server). The server lives in its own
// executable so that every other command starts without loading the HTTP
// and TLS libraries (docs/server.md, "Two binaries").
#ifndef TOUCHPOINT_CLI_SERVE_FLAGS_H_
#define TOUCHPOINT_CLI_SERVE_FLAGS_H_

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace touchpoint::cli {

struct ServeFlags {
  std::string db, listen, config, ingest_key, query_key;
};

// Adds the `serve` subcommand of `app` with its flags, bound to `*f`.
CLI::App* AddServeCommand(CLI::App& app, ServeFlags* f);

// The arguments that give `touchpoint-serve` the same flags: "serve", "--db", ...
std::vector<std::string> ServeArguments(const ServeFlags& f);

// The server's executable: next to the running binary.
inline constexpr const char* kServeBinary = "touchpoint-serve";

}  // namespace touchpoint::cli

#endif  // TOUCHPOINT_CLI_SERVE_FLAGS_H_
