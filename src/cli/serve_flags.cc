#include "cli/serve_flags.h"

#include <CLI/CLI.hpp>

namespace touchpoint::cli {

CLI::App* AddServeCommand(CLI::App& app, ServeFlags* f) {
  CLI::App* cmd = app.add_subcommand(
      "serve", "Collect events over HTTP (our format and PostHog's), serve the query API and the dashboard");
  cmd->add_option("--db", f->db, "Store directory (created when missing)")->required();
  cmd->add_option("--listen", f->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 picks one)");
  cmd->add_option("--config", f->config, "Config file (default: DIR/touchpoint.toml); keys and limits in [server]");
  cmd->add_option("--ingest-key", f->ingest_key, "Write-only key for the collection endpoints (safe in a web page)");
  cmd->add_option("--query-key", f->query_key, "Secret key for the query API and the dashboard's data");
  cmd->footer(
      "\nExample:\n  touchpoint serve --db store --listen 0.0.0.0:8080 --ingest-key pk_site --query-key sk_team\n"
      "  then add <script async src=\"http://HOST:8080/touchpoint.js\" data-key=\"pk_site\"></script> to a site\n"
      "  and open http://HOST:8080/?key=sk_team\n");
  return cmd;
}

std::vector<std::string> ServeArguments(const ServeFlags& f) {
  std::vector<std::string> args = {"serve", "--db", f.db};
  auto add = [&](const char* flag, const std::string& value) {
    if (value.empty()) return;
    args.emplace_back(flag);
    args.push_back(value);
  };
  add("--listen", f.listen);
  add("--config", f.config);
  add("--ingest-key", f.ingest_key);
  add("--query-key", f.query_key);
  return args;
}

}  // namespace touchpoint::cli
