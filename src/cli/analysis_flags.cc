#include "cli/analysis_flags.h"

#include <CLI/CLI.hpp>

#include "cli/cli_util.h"

namespace touchpoint::cli {
namespace {

// "table or json", "table, json or csv".
std::string Choices(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

void AddStoreFlags(CLI::App* cmd, AnalysisFlags* flags, const AnalysisFlagHelp& help) {
  CLI::Option* db = cmd->add_option("--db", flags->db, "Store directory");
  if (help.db_required) db->required();
  if (help.config != nullptr) cmd->add_option("--config", flags->config, help.config);
}

void AddScanFlags(CLI::App* cmd, AnalysisFlags* flags, const AnalysisFlagHelp& help) {
  cmd->add_option("--from", flags->from, help.from);
  cmd->add_option("--to", flags->to, help.to);
  if (help.tz != nullptr) cmd->add_option("--tz", flags->tz, help.tz);
  cmd->add_option("--by", flags->by, help.by);
  cmd->add_option("--where", flags->where, help.where);
  cmd->add_option("--format", flags->format, Choices(help.formats))->check(CLI::IsMember(help.formats));
  cmd->add_option("--threads", flags->threads, "Scan threads (default: all cores)");
}

Status FillAnalysisRequest(const AnalysisFlags& flags, const std::string& tz, engine::AnalysisRequest* request) {
  TP_RETURN_IF_ERROR(ParseRangeFlags(flags.from, flags.to, tz, &request->from_ms, &request->to_ms));
  request->by = flags.by;
  request->where = flags.where;
  request->threads = flags.threads;
  return Status::OK();
}

}  // namespace touchpoint::cli
