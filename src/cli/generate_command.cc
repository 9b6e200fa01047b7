// touchpoint generate --events N --seed S --out FILE : demo data.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "demo/demo_generator.h"

namespace touchpoint::cli {

void RegisterGenerate(CLI::App& app, Action* run) {
  auto options = std::make_shared<demo::DemoOptions>();
  auto out = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "generate", "Write realistic demo interaction data (CSV or NDJSON by extension; .gz/.zst compress)");
  cmd->add_option("--events", options->events, "Number of events")->check(CLI::Range(uint64_t{1}, uint64_t{1} << 40));
  cmd->add_option("--seed", options->seed, "Random seed (same seed, same bytes)");
  cmd->add_option("--days", options->days, "Days of history");
  cmd->add_option("--events-per-customer", options->events_per_customer,
                  "Long histories: every customer comes back until the end, this many events each on average "
                  "(default: the usual mix, most histories short)")
      ->check(CLI::Range(1.0, 20000.0));
  cmd->add_option("--out", *out, "Output file, or - for stdout")->required();
  cmd->callback([=] {
    *run = [=] {
      const auto start = std::chrono::steady_clock::now();
      demo::DemoStats stats;
      Status s = demo::GenerateDemo(*options, *out, &stats);
      if (!s.ok()) return Fail(s);
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (*out != "-") {
        std::fprintf(stderr, "wrote %s events of %s customers to %s (%s) in %.2f s\n",
                     WithThousands(stats.events).c_str(), WithThousands(stats.customers).c_str(), out->c_str(),
                     HumanBytes(stats.bytes).c_str(), secs);
      }
      return kExitOk;
    };
  });
}

}  // namespace touchpoint::cli
