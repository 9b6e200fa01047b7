// The analysis registry: every analysis declared once (name, summary,
// typed parameters with defaults and a worked example, examples of whole
// commands, run function), read by the CLI (subcommands, --help,
// suggestions), the HTTP API (/api/NAME, the OpenAPI document) and
// engine/touchpoint.h. One table, so the doors cannot drift apart.
//
// Adding an analysis: its kernel, its file in engine/analyses/ (the
// declaration and the run function), one line in Analyses(), its result
// formatting in report/, its test and its doc.
#ifndef TOUCHPOINT_ENGINE_ANALYSIS_REGISTRY_H_
#define TOUCHPOINT_ENGINE_ANALYSIS_REGISTRY_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis_request.h"
#include "engine/config.h"
#include "engine/param.h"
#include "report/result_body.h"
#include "store/snapshot.h"
#include "util/status.h"

namespace touchpoint::engine {

// What a run function gets: the snapshot, the config, its parameters, and
// the common request already read from them (range in the reporting zone,
// --by, --where, definitions with the preset and definition flags applied).
struct AnalysisContext {
  std::shared_ptr<const store::Snapshot> snapshot;
  const Config* config = nullptr;
  const ParamReader* params = nullptr;
  AnalysisRequest common;
};

// One per-customer column an analysis hands back for --save NAME: written
// as the derived column NAME (suffix "") or NAME_suffix.
struct SavedColumn {
  std::string suffix;
  std::map<std::string, std::string, std::less<>> values;  // customer id -> value
};

struct AnalysisOutput {
  std::unique_ptr<report::ResultBody> body;
  std::vector<SavedColumn> saved;  // filled only when the request has --save
};

using AnalysisRunFn = Result<AnalysisOutput> (*)(const AnalysisContext&);

struct AnalysisDef {
  std::string name;
  std::string summary;            // one line
  std::vector<ParamDef> params;   // its own, after the common ones
  std::vector<std::string> examples;  // whole commands, at least one
  std::string save_help;          // non-empty: takes --save NAME, and says what it writes
  AnalysisRunFn run = nullptr;
};

// Every analysis, in the order the CLI lists them.
const std::vector<const AnalysisDef*>& Analyses();
// nullptr when there is none of that name.
const AnalysisDef* FindAnalysis(std::string_view name);
// The parameters every analysis accepts (docs/api.md): db, config, from,
// to, tz, where, by, definitions, format, threads.
const std::vector<ParamDef>& CommonParams();
// The common parameters, the analysis's own, and --save when it saves.
std::vector<const ParamDef*> AllParams(const AnalysisDef& def);

// Definition parameters, declared once so every analysis that takes one
// names and reads it alike (docs/metrics.md, "Definitions").
const ParamDef& SessionTimeoutParam();
const ParamDef& ConversionParam();
const ParamDef& ActivationParam();
const ParamDef& ActivationWindowParam();
const ParamDef& CsatMinParam();
const ParamDef& CesLowerIsEasierParam();

// Reads the common parameters (and the definition ones the analysis
// declares) into `request`, config values first, flags over them.
Status ReadCommonRequest(const ParamReader& params, const Config& config, AnalysisRequest* request);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ANALYSIS_REGISTRY_H_
