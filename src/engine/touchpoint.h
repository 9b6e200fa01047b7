// Touchpoint: the library's entry point. Open a store (or a temporary one
// holding some event files), run an analysis request by name, get a
// result; the CLI and the HTTP server both go through here, so the same
// request gives the same answer at either door.
//
//   TP_ASSIGN_OR_RETURN(auto tp, Touchpoint::Open("store", ""));
//   ParamValues values;
//   values.Add("steps", "page_view,signup,purchase");
//   TP_ASSIGN_OR_RETURN(AnalysisOutput out, tp->Run("funnel", values));
//   std::string json = report::Render(*out.body, report::OutputFormat::kJson);
//
// A Touchpoint answers from the snapshot taken when it was opened (Refresh
// takes the latest), so its answers are consistent with each other and with
// data_stamp(); Run is safe to call from several threads at once. --save
// takes the store's write lock briefly to replace the derived columns.
#ifndef TOUCHPOINT_ENGINE_TOUCHPOINT_H_
#define TOUCHPOINT_ENGINE_TOUCHPOINT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis_registry.h"
#include "engine/config.h"
#include "engine/param.h"
#include "store/store.h"
#include "util/status.h"

namespace touchpoint::engine {

class Touchpoint {
 public:
  // Opens the store at `db` for reading; `config_path` "" = DIR/touchpoint.toml.
  static Result<std::unique_ptr<Touchpoint>> Open(const std::string& db, const std::string& config_path);
  // The same with a config already loaded (the server's).
  static Result<std::unique_ptr<Touchpoint>> Open(const std::string& db, Config config);
  // A temporary store holding `files` (each one load), removed with the
  // object: for one-off questions on files. `*notes` receives a line per
  // file with rejected rows.
  static Result<std::unique_ptr<Touchpoint>> OpenFiles(const std::vector<std::string>& files,
                                                       const std::string& config_path,
                                                       std::vector<std::string>* notes);
  ~Touchpoint();
  Touchpoint(const Touchpoint&) = delete;
  Touchpoint& operator=(const Touchpoint&) = delete;

  const Config& config() const { return config_; }
  const std::string& dir() const { return dir_; }
  // The store, opened read-only (its information, and later snapshots).
  const store::Store& store() const { return *store_; }
  // Identifies the data the answers come from (store::Snapshot::data_stamp).
  const std::string& data_stamp() const { return snapshot_->data_stamp; }
  // Takes the store's latest snapshot. Not thread-safe against Run.
  Status Refresh();

  // Runs the analysis `name` with `values` (its parameters as text; db,
  // config and format may be among them and are not the analysis's
  // business). `http`: refuse CLI-only parameters (files it would write).
  // With --save NAME, writes the per-customer columns it returns. Errors:
  // Status::Usage for anything wrong with the request (unknown analysis,
  // parameter or name), others for the store.
  Result<AnalysisOutput> Run(std::string_view name, const ParamValues& values, bool http = false) const;

 private:
  Touchpoint() = default;
  Status Save(const AnalysisDef& def, const std::string& name, const store::Snapshot& snapshot,
              const std::vector<SavedColumn>& columns) const;

  std::string dir_;
  bool temporary_ = false;
  Config config_;
  std::unique_ptr<store::Store> store_;  // read-only
  std::shared_ptr<const store::Snapshot> snapshot_;
};

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_TOUCHPOINT_H_
