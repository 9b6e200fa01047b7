// touchpoint serve: hands over to touchpoint-serve, the server's own
// executable next to this one (cli/serve_flags.h says why), once CLI11 has
// checked the flags here. The process is replaced, so signals sent to it
// reach the server.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/serve_flags.h"
#include "util/spawn.h"

namespace touchpoint::cli {
namespace {

int HandOver(const ServeFlags& f) {
  auto self = SelfExecutable();
  if (!self.ok()) return Fail(self.status());
  const std::string path = self->substr(0, self->rfind('/') + 1) + kServeBinary;
  std::vector<std::string> args = ServeArguments(f);
  args.insert(args.begin(), path);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  execv(path.c_str(), argv.data());
  return Fail(Status::IOError("touchpoint serve runs " + path + ", which could not be started (" +
                              std::strerror(errno) + "); it is built next to touchpoint"));
}

}  // namespace

void RegisterServe(CLI::App& app, Action* run) {
  auto f = std::make_shared<ServeFlags>();
  CLI::App* cmd = AddServeCommand(app, f.get());
  cmd->callback([f, run] { *run = [f] { return HandOver(*f); }; });
}

}  // namespace touchpoint::cli
