// touchpoint ingest --db DIR FILE... : loads files (or "-" for stdin).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/store_cli.h"
#include "engine/config.h"
#include "engine/ingest_job.h"
#include "report/json_writer.h"
#include "store/store.h"
#include "util/file.h"
#include "util/spawn.h"

namespace touchpoint::cli {
namespace {

struct IngestFlags {
  std::string db, config, input_format = "auto", tz, format = "table", delimiter = "auto", columns, timestamp_format,
                              memory;
  std::vector<std::string> files, maps, sets;
  bool force = false, strict = false, quiet = false, no_merge = false, no_header = false;
};

// A load of more than one part leaves each customer spread over all of
// them; a background `compact --parts` merges them into hash-disjoint parts
// (and then keeps the part count bounded), holding the write lock it
// inherits from us, so this command returns as soon as the loads are
// committed (docs/store.md).
Status StartBackgroundMerge(store::Store* store, const std::vector<std::vector<uint64_t>>& runs) {
  TP_ASSIGN_OR_RETURN(std::string self, SelfExecutable());
  std::vector<std::string> argv = {self, "compact", "--db", store->dir(), "--inherited-lock"};
  for (const auto& ids : runs) {
    std::string list;
    for (uint64_t id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
    argv.push_back("--parts");
    argv.push_back(list);
  }
  TP_RETURN_IF_ERROR(store->NoteBackgroundMerge());
  auto pid = SpawnDetached(argv, store->lock_fd(), JoinPath(store->dir(), std::string(store::kMergeLogFile)));
  if (!pid.ok()) {
    (void)store->ClearBackgroundMerge();
    return pid.status();
  }
  return Status::OK();
}

// Progress on stderr, redrawn in place at most a few times a second.
class ProgressLine {
 public:
  explicit ProgressLine(std::string name) : name_(std::move(name)), start_(Clock::now()) {}
  void Update(const ingest::Progress& p) {
    const double secs = std::chrono::duration<double>(Clock::now() - start_).count();
    const double rate = secs > 0 ? static_cast<double>(p.rows_done) / secs : 0;
    std::string left = "?";
    if (p.compressed_bytes_total > 0 && p.compressed_bytes_done > 0) {
      const double frac = static_cast<double>(p.compressed_bytes_done) / static_cast<double>(p.compressed_bytes_total);
      left = std::to_string(static_cast<int>(secs / frac - secs)) + " s";
    }
    std::fprintf(stderr, "\r%s: %s of %s, %s rows, %.0f rows/s, %s left   ", name_.c_str(),
                 HumanBytes(p.compressed_bytes_done).c_str(),
                 p.compressed_bytes_total ? HumanBytes(p.compressed_bytes_total).c_str() : "?",
                 WithThousands(p.rows_done).c_str(), rate, left.c_str());
    drawn_ = true;
  }
  ~ProgressLine() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::string name_;
  Clock::time_point start_;
  bool drawn_ = false;
};

// The read options from the config and the flags; a bad flag value is a
// usage error (exit 2).
Status ReadOptionsFromFlags(const IngestFlags& f, const engine::Config& config, ingest::ReadOptions* read) {
  read->mapping = config.mapping;
  read->default_tz = f.tz.empty() ? config.ingest_tz : f.tz;
  read->min_timestamp_ms = config.ingest_min_timestamp_ms;
  read->max_future_ms = config.ingest_max_future_ms;
  for (const std::string& m : f.maps) TP_RETURN_IF_ERROR(read->mapping.AddRule(m));
  if (f.input_format == "csv") read->format = ingest::InputFormat::kCsv;
  if (f.input_format == "ndjson") read->format = ingest::InputFormat::kNdjson;
  static const std::pair<const char*, ingest::Delimiter> kDelimiters[] = {
      {"auto", ingest::Delimiter::kSniff},      {",", ingest::Delimiter::kComma},
      {"comma", ingest::Delimiter::kComma},     {";", ingest::Delimiter::kSemicolon},
      {"semicolon", ingest::Delimiter::kSemicolon}, {"tab", ingest::Delimiter::kTab},
      {"\t", ingest::Delimiter::kTab},          {"\\t", ingest::Delimiter::kTab},
      {"|", ingest::Delimiter::kPipe},          {"pipe", ingest::Delimiter::kPipe},
      {"whitespace", ingest::Delimiter::kWhitespace}};
  bool known = false;
  for (const auto& [name, d] : kDelimiters) {
    if (f.delimiter == name) {
      read->delimiter = d;
      known = true;
    }
  }
  if (!known) {
    return Status::InvalidArgument("--delimiter '" + f.delimiter + "': use , ; tab | or whitespace (default: auto)");
  }
  read->has_header = !f.no_header;
  if (!f.columns.empty()) {
    size_t begin = 0;
    while (begin <= f.columns.size()) {
      const size_t comma = std::min(f.columns.find(',', begin), f.columns.size());
      read->columns.push_back(f.columns.substr(begin, comma - begin));
      begin = comma + 1;
    }
  }
  if (f.no_header && read->columns.empty()) {
    return Status::InvalidArgument("--no-header needs --columns a,b,c to name the columns");
  }
  for (const std::string& set : f.sets) {
    const size_t eq = set.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidArgument("--set '" + set + "': expected COLUMN=VALUE (e.g. --set event=purchase)");
    }
    read->constants.emplace_back(set.substr(0, eq), set.substr(eq + 1));
  }
  read->timestamp_format = f.timestamp_format;
  return Status::OK();
}

// Every input is checked before the store is touched: a typo in a file
// name must not leave a new, empty store behind.
Status CheckInputs(const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    if (file == "-") continue;
    if (IsDirectory(file)) return Status::InvalidArgument(file + " is a directory, not an events file");
    if (::access(file.c_str(), R_OK) != 0) return Status::FromErrno("open", file, errno);
  }
  return Status::OK();
}

int Run(const IngestFlags& f) {
  auto config = engine::LoadConfig(f.config, f.db);
  if (!config.ok()) return Fail(config.status());
  ingest::ReadOptions read;
  if (Status s = ReadOptionsFromFlags(f, *config, &read); !s.ok()) return FailUsage(s);
  uint64_t memory = config->ingest_memory;
  if (!f.memory.empty()) {
    auto m = engine::ParseByteSize(f.memory);
    if (!m.ok()) return FailUsage(Status::InvalidArgument("--memory: " + m.status().message()));
    if (*m < engine::kMinIngestMemory) return FailUsage(Status::InvalidArgument("--memory: at least 32MiB"));
    memory = *m;
  }
  if (Status s = CheckInputs(f.files); !s.ok()) return Fail(s);
  const bool created = !FileExists(JoinPath(f.db, "FORMAT"));
  auto store = store::Store::Open(f.db, WriterOptions(config->ingest_merge_wait_ms));
  if (!store.ok()) return Fail(store.status());
  const bool show_progress = !f.quiet && ::isatty(STDERR_FILENO);
  uint64_t total_rejected = 0;
  size_t committed = 0;
  int status = kExitOk;
  report::JsonWriter json;
  json.BeginObject().Key("loads").BeginArray();
  std::vector<std::vector<uint64_t>> merge_runs;
  for (const std::string& file : f.files) {
    engine::IngestRequest req;
    req.path = file;
    req.read = read;
    req.force = f.force;
    req.memory_bytes = memory;
    std::unique_ptr<ProgressLine> progress;
    if (show_progress) {
      progress = std::make_unique<ProgressLine>(file == "-" ? "stdin" : file);
      req.on_progress = [&](const ingest::Progress& p) { progress->Update(p); };
    }
    engine::IngestResult result;
    const auto start = std::chrono::steady_clock::now();
    Status s = engine::IngestFile(store->get(), req, &result);
    progress.reset();
    for (const std::string& w : result.warnings) std::fprintf(stderr, "touchpoint: warning: %s\n", w.c_str());
    if (!s.ok()) {
      Fail(s);
      status = kExitError;
      continue;  // loads already committed stay committed
    }
    ++committed;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const store::LoadEntry& l = result.load;
    total_rejected += l.rejected;
    if (result.part_ids.size() > 1) merge_runs.push_back(result.part_ids);
    std::vector<std::pair<std::string, uint64_t>> reasons(result.reject_reasons.begin(), result.reject_reasons.end());
    std::sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (f.format == "json") {
      json.BeginObject()
          .Key("source").String(file)
          .Key("load").Int(static_cast<int64_t>(l.id))
          .Key("accepted").Int(static_cast<int64_t>(l.accepted))
          .Key("rejected").Int(static_cast<int64_t>(l.rejected))
          .Key("duplicates").Int(static_cast<int64_t>(l.duplicates))
          .Key("erased").Int(static_cast<int64_t>(l.erased))
          .Key("seconds").Number(secs)
          .Key("warnings").BeginArray();
      for (const std::string& w : result.warnings) json.String(w);
      json.EndArray().EndObject();
      continue;
    }
    std::printf("%s: %s accepted, %s rejected, %s duplicate event ids skipped", file.c_str(),
                WithThousands(l.accepted).c_str(), WithThousands(l.rejected).c_str(),
                WithThousands(l.duplicates).c_str());
    if (l.erased > 0) std::printf(", %s of erased customers dropped", WithThousands(l.erased).c_str());
    std::printf(" (load %llu, %.2f s, %s/s)\n", static_cast<unsigned long long>(l.id), secs,
                HumanBytes(static_cast<uint64_t>(static_cast<double>(result.bytes_read) / std::max(secs, 1e-9))).c_str());
    for (size_t r = 0; r < reasons.size() && r < 5; ++r) {
      std::printf("  rejected %s x %s\n", WithThousands(reasons[r].second).c_str(), reasons[r].first.c_str());
    }
    if (l.rejected > 0) {
      std::printf("  rejected rows are in %s/rejected/ (source, line, column, reason, raw text)\n", f.db.c_str());
    }
  }
  if (f.format == "json") {
    json.EndArray().EndObject();
    std::printf("%s\n", json.str().c_str());
  }
  const bool merge = config->merge_after_load && !f.no_merge &&
                     (!merge_runs.empty() || (*store)->manifest().parts.size() > store::kMaxPartsBeforeMerge);
  if (merge) {
    std::fflush(stdout);  // the child shares nothing of ours but the lock
    Status s = StartBackgroundMerge(store->get(), merge_runs);
    // The loads are committed either way; `touchpoint compact` merges later.
    if (!s.ok()) std::fprintf(stderr, "touchpoint: background merge not started: %s\n", s.ToString().c_str());
  }
  if (committed == 0 && created) {
    // Nothing was loaded into the store this command made: leave no store.
    store->reset();
    (void)store::Store::RemoveIfEmpty(f.db);
  }
  if (status == kExitOk && f.strict && total_rejected > 0) {
    std::fprintf(stderr, "touchpoint: --strict: %llu rows were rejected\n",
                 static_cast<unsigned long long>(total_rejected));
    return kExitFlagged;
  }
  return status;
}

}  // namespace

void RegisterIngest(CLI::App& app, Action* run) {
  auto flags = std::make_shared<IngestFlags>();
  CLI::App* cmd = app.add_subcommand("ingest", "Load CSV or NDJSON files (plain, .gz or .zst; - for stdin) into a store");
  cmd->add_option("--db", flags->db, "Store directory (created if missing; an existing one must be a store or empty)")
      ->required();
  cmd->add_option("files", flags->files, "Input files, or - for standard input")->required();
  cmd->add_option("--input-format", flags->input_format, "auto (from the extension), csv or ndjson")
      ->check(CLI::IsMember({"auto", "csv", "ndjson"}));
  cmd->add_option("--delimiter", flags->delimiter,
                  "CSV field delimiter: , ; tab | or whitespace (runs of spaces); default: sniffed from the header");
  cmd->add_flag("--no-header", flags->no_header, "The first line is data, not a header (name columns with --columns)");
  cmd->add_option("--columns", flags->columns, "Column names, comma-separated (for --no-header, or to rename the header's)");
  cmd->add_option("--set", flags->sets, "COLUMN=VALUE: a constant column, e.g. --set event=purchase (repeatable)");
  cmd->add_option("--timestamp-format", flags->timestamp_format,
                  "strftime-style layout of the timestamps, e.g. '%m/%d/%Y %H:%M' (default: ISO 8601 or Unix time)");
  cmd->add_option("--tz", flags->tz, "IANA zone for timestamps without an offset (default UTC)");
  cmd->add_option("--map", flags->maps, "column:THEIRS=ROLE or event:THEIRS=OURS (repeatable)");
  cmd->add_option("--memory", flags->memory, "Memory for rows in flight, e.g. 256MiB (config ingest.memory)");
  cmd->add_option("--config", flags->config, "Config file (default: DIR/touchpoint.toml)");
  cmd->add_option("--format", flags->format, "Output: table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_flag("--force", flags->force, "Load a file even if the same bytes were loaded before");
  cmd->add_flag("--strict", flags->strict, "Exit non-zero (3) when any row was rejected");
  cmd->add_flag("--quiet", flags->quiet, "No progress display");
  cmd->add_flag("--no-merge", flags->no_merge,
                "Leave a load of several parts unmerged (default: merged in the background; config ingest.merge_after_load)");
  cmd->callback([flags, run] { *run = [flags] { return Run(*flags); }; });
}

}  // namespace touchpoint::cli
