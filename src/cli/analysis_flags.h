// AnalysisFlags: the flags every analysis command (metrics, funnel,
// retention, paths, attribution, lifecycle) shares: --db, --config,
// --from / --to, --tz, --by, --where, --format and --threads, declared in
// one place with the same names, checks and wording, and copied into the
// shared part of the engine's request (engine/analysis_request.h).
#ifndef TOUCHPOINT_CLI_ANALYSIS_FLAGS_H_
#define TOUCHPOINT_CLI_ANALYSIS_FLAGS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "engine/analysis_request.h"
#include "util/status.h"

namespace CLI {
class App;
}

namespace touchpoint::cli {

struct AnalysisFlags {
  std::string db, config, from, to, tz, by, where, format = "table";
  size_t threads = 0;
};

// How the shared flags read in one command. `by` is required (what the cut
// breaks down by differs everywhere); a null `config` or `tz` leaves that
// flag out of the command.
struct AnalysisFlagHelp {
  const char* by = nullptr;
  const char* from = "Start, inclusive";
  const char* to = "End, exclusive";
  const char* where = "Filter events first (the --where language of `metrics`)";
  const char* config = nullptr;
  const char* tz = nullptr;
  bool db_required = true;                             // metrics also answers on files
  std::vector<std::string> formats = {"table", "json"};  // --format choices; the first is the default
};

// Declares the shared flags on `cmd`, writing into `*flags`, which must
// outlive the command's parsing and action. Help lists options in the order
// they are added: call AddStoreFlags first (--db, --config), then add the
// command's own options, then AddScanFlags (--from, --to, --tz, --by,
// --where, --format, --threads).
void AddStoreFlags(CLI::App* cmd, AnalysisFlags* flags, const AnalysisFlagHelp& help);
void AddScanFlags(CLI::App* cmd, AnalysisFlags* flags, const AnalysisFlagHelp& help);

// Copies the range (read in zone `tz`, "" = UTC), --by, --where and
// --threads into `*request`. Errors: a bad zone or timestamp, naming the flag.
Status FillAnalysisRequest(const AnalysisFlags& flags, const std::string& tz, engine::AnalysisRequest* request);

}  // namespace touchpoint::cli

#endif  // TOUCHPOINT_CLI_ANALYSIS_FLAGS_H_
