#include "engine/touchpoint.h"

#include <cstdlib>
#include <filesystem>

#include "engine/ingest_job.h"
#include "store/derived_table.h"
#include "util/suggest.h"
#include "engine/request_dates.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

// Kernel parsers report a bad request as InvalidArgument; at this door every
// such error is the request's fault: a usage error.
Status AsUsage(const Status& s) {
  return s.code() == Status::Code::kInvalidArgument ? Status::Usage(s.message()) : s;
}

std::vector<std::string> AnalysisNames() {
  std::vector<std::string> names;
  for (const AnalysisDef* a : Analyses()) names.push_back(a->name);
  return names;
}

}  // namespace

Result<std::unique_ptr<Touchpoint>> Touchpoint::Open(const std::string& db, const std::string& config_path) {
  if (db.empty()) return Status::Usage("--db DIR is required (or give event files)");
  auto config = LoadConfig(config_path, db);
  if (!config.ok()) return AsUsage(config.status());
  return Open(db, std::move(config).value());
}

Result<std::unique_ptr<Touchpoint>> Touchpoint::Open(const std::string& db, Config config) {
  if (db.empty()) return Status::Usage("--db DIR is required (or give event files)");
  std::unique_ptr<Touchpoint> tp(new Touchpoint());
  tp->dir_ = db;
  tp->config_ = std::move(config);
  store::StoreOptions options;
  options.read_only = true;
  options.create_if_missing = false;
  TP_ASSIGN_OR_RETURN(tp->store_, store::Store::Open(db, options));
  TP_RETURN_IF_ERROR(tp->Refresh());
  return tp;
}

Status Touchpoint::Refresh() {
  TP_ASSIGN_OR_RETURN(snapshot_, store_->GetSnapshot());
  return Status::OK();
}

Result<std::unique_ptr<Touchpoint>> Touchpoint::OpenFiles(const std::vector<std::string>& files,
                                                          const std::string& config_path,
                                                          std::vector<std::string>* notes) {
  std::unique_ptr<Touchpoint> tp(new Touchpoint());
  std::string tmpl = (std::filesystem::temp_directory_path() / "touchpoint-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) return Status::FromErrno("mkdtemp", tmpl, errno);
  tp->dir_ = tmpl;
  tp->temporary_ = true;
  auto config = LoadConfig(config_path, "");
  if (!config.ok()) return AsUsage(config.status());
  tp->config_ = std::move(config).value();
  {
    store::StoreOptions options;
    options.create_if_missing = true;
    TP_ASSIGN_OR_RETURN(auto writer, store::Store::Open(tp->dir_, options));
    for (const std::string& file : files) {
      IngestRequest ir;
      ir.path = file;
      ir.read.mapping = tp->config_.mapping;
      ir.read.default_tz = tp->config_.ingest_tz;
      IngestResult result;
      TP_RETURN_IF_ERROR(IngestFile(writer.get(), ir, &result));
      if (result.load.rejected > 0) {
        notes->push_back(file + ": " + std::to_string(result.load.rejected) +
                         " rows rejected (ingest it into a store to keep and inspect them)");
      }
    }
  }
  store::StoreOptions options;
  options.read_only = true;
  TP_ASSIGN_OR_RETURN(tp->store_, store::Store::Open(tp->dir_, options));
  TP_RETURN_IF_ERROR(tp->Refresh());
  return tp;
}

Touchpoint::~Touchpoint() {
  store_.reset();
  if (temporary_) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

Result<AnalysisOutput> Touchpoint::Run(std::string_view name, const ParamValues& values, bool http) const {
  const AnalysisDef* def = FindAnalysis(name);
  if (def == nullptr) return Status::Usage("unknown analysis '" + std::string(name) + "'" + DidYouMean(name, AnalysisNames()));
  auto params = ParamReader::Make(AllParams(*def), values, http);
  if (!params.ok()) return params.status();
  AnalysisContext ctx;
  ctx.config = &config_;
  ctx.params = &*params;
  TP_RETURN_IF_ERROR(ReadCommonRequest(*params, config_, &ctx.common));
  ctx.snapshot = snapshot_;
  auto out = def->run(ctx);
  if (!out.ok()) return AsUsage(out.status());
  if (params->Given("save")) TP_RETURN_IF_ERROR(Save(*def, params->Text("save"), *ctx.snapshot, out->saved));
  return out;
}

Status Touchpoint::Save(const AnalysisDef& def, const std::string& name, const store::Snapshot& snapshot,
                        const std::vector<SavedColumn>& columns) const {
  if (temporary_) return Status::Usage("--save needs a store (--db DIR), not files");
  // The write lock: derived columns are replaced only by one writer at a time.
  store::StoreOptions options;
  TP_ASSIGN_OR_RETURN(auto writer, store::Store::Open(dir_, options));
  const std::string now = FormatTimestamp(NowMs());
  for (const SavedColumn& c : columns) {
    store::DerivedColumn column;
    column.name = c.suffix.empty() ? name : name + "_" + c.suffix;
    column.data_stamp = snapshot.data_stamp;
    column.values = c.values;
    column.source = def.name;
    column.written_at = now;
    TP_RETURN_IF_ERROR(store::DerivedTable::Write(dir_, column));
  }
  return Status::OK();
}

}  // namespace touchpoint::engine
