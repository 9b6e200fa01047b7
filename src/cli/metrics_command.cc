// touchpoint metrics : the measure catalogue, on a store or straight on files.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>

#include "cli/analysis_flags.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "engine/config.h"
#include "engine/ingest_job.h"
#include "engine/metrics_query.h"
#include "report/metrics_json.h"
#include "report/metrics_table.h"
#include "util/time.h"

namespace touchpoint::cli {
namespace {

struct MetricsFlags : AnalysisFlags {
  std::string interval, compare, definitions = "touchpoint";
  std::vector<std::string> files;
  int64_t session_timeout_s = -1;
  std::vector<std::string> conversion_events;
  std::string activation_event;
  int activation_days = -1;
  double csat_min = -1;
  bool ces_lower_is_easier = false;
};

// A store for one-off questions on files: a temporary directory, removed after.
class TempStore {
 public:
  TempStore() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "touchpoint-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~TempStore() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

int Run(MetricsFlags f) {
  auto config = engine::LoadConfig(f.config, f.db);
  if (!config.ok()) return Fail(config.status());
  engine::MetricsRequest req;
  req.definitions = engine::DefinitionsFromConfig(*config);
  auto preset = kernels::ParsePreset(f.definitions);
  if (!preset.ok()) return Fail(preset.status());
  kernels::ApplyPreset(*preset, &req.definitions);
  if (f.session_timeout_s >= 0) req.definitions.session_timeout_ms = f.session_timeout_s * 1000;
  if (!f.conversion_events.empty()) req.definitions.conversion_events = f.conversion_events;
  if (!f.activation_event.empty()) req.definitions.activation_event = f.activation_event;
  if (f.activation_days >= 0) req.definitions.activation_window_ms = int64_t{f.activation_days} * 86400 * 1000;
  if (f.csat_min >= 0) req.definitions.csat_satisfied_min = f.csat_min;
  if (f.ces_lower_is_easier) req.definitions.ces_higher_is_easier = false;
  req.tz = f.tz.empty() ? config->report_tz : f.tz;
  Status shared = FillAnalysisRequest(f, req.tz, &req);
  if (!shared.ok()) return Fail(shared);
  auto interval = kernels::ParseInterval(f.interval);
  if (!interval.ok()) return Fail(interval.status());
  req.interval = *interval;
  req.compare = f.compare;

  TempStore temp;
  std::string db = f.db;
  if (db.empty()) {
    if (f.files.empty()) return Fail(Status::InvalidArgument("give --db DIR or one or more event files"));
    db = temp.path();
    auto store = OpenStore(db, true);
    if (!store.ok()) return Fail(store.status());
    for (const std::string& file : f.files) {
      engine::IngestRequest ir;
      ir.path = file;
      ir.read.mapping = config->mapping;
      ir.read.default_tz = config->ingest_tz;
      engine::IngestResult result;
      Status s = engine::IngestFile(store->get(), ir, &result);
      if (!s.ok()) return Fail(s);
      if (result.load.rejected > 0) {
        std::fprintf(stderr, "%s: %llu rows rejected (ingest it into a store to keep them)\n", file.c_str(),
                     static_cast<unsigned long long>(result.load.rejected));
      }
    }
  } else if (!f.files.empty()) {
    return Fail(Status::InvalidArgument("give either --db DIR or files, not both"));
  }
  auto report = RunOnStore(db, engine::RunMetrics, req);
  if (!report.ok()) return Fail(report.status());
  if (f.format == "json") return PrintOutput(report::MetricsJson(*report) + "\n");
  if (f.format == "csv") return PrintOutput(report::MetricsCsv(*report));
  return PrintOutput(report::MetricsTable(*report));
}

}  // namespace

void RegisterMetrics(CLI::App& app, Action* run) {
  auto f = std::make_shared<MetricsFlags>();
  CLI::App* cmd = app.add_subcommand("metrics", "Every engagement, satisfaction, value and churn measure, in one pass");
  const AnalysisFlagHelp help{.by = "Cut every measure by a column or property (channel, campaign, device...)",
                              .from = "Start, inclusive (ISO-8601 date or time)",
                              .where = "Filter events, e.g. \"channel IN ('web','app') AND revenue > 10\"",
                              .config = "Config file (default: DIR/touchpoint.toml)",
                              .tz = "Reporting time zone for days, weeks and months (default UTC)",
                              .db_required = false,  // or files
                              .formats = {"table", "json", "csv"}};
  AddStoreFlags(cmd, f.get(), help);
  cmd->add_option("files", f->files, "Event files to answer on directly (ingested into a temporary store)");
  cmd->add_option("--interval", f->interval, "Time series: day, week or month")
      ->check(CLI::IsMember({"", "day", "week", "month"}));
  cmd->add_option("--compare", f->compare, "previous, or FROM..TO: change against another range, with tests");
  cmd->add_option("--definitions", f->definitions, "touchpoint, ga4, posthog, plausible, umami or matomo");
  cmd->add_option("--session-timeout", f->session_timeout_s, "Seconds of inactivity that end a session (1800)");
  cmd->add_option("--conversion-events", f->conversion_events, "Events that count as conversions (purchase)")
      ->delimiter(',');
  cmd->add_option("--activation-event", f->activation_event, "The activation event (activation)");
  cmd->add_option("--activation-days", f->activation_days, "Days after first seen to activate (7)");
  cmd->add_option("--csat-min", f->csat_min, "Lowest satisfied CSAT score on 1-5 (4)");
  cmd->add_flag("--ces-lower-is-easier", f->ces_lower_is_easier, "CES 1 = easiest (default: 7 = easiest)");
  AddScanFlags(cmd, f.get(), help);
  cmd->callback([f, run] { *run = [f] { return Run(*f); }; });
}

}  // namespace touchpoint::cli
