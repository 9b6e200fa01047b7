#include "store/derived_table.h"

#include "util/escape.h"
#include "util/file.h"

namespace touchpoint::store {
namespace {

constexpr std::string_view kSuffix = ".tsv";
constexpr std::string_view kSourceKey = "#source";
constexpr std::string_view kWrittenKey = "#written";

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string ColumnPath(const std::string& dir, std::string_view name) {
  return JoinPath(JoinPath(dir, kDerivedDir), std::string(name) + std::string(kSuffix));
}

}  // namespace

Status DerivedTable::Write(const std::string& store_dir, const DerivedColumn& column) {
  if (!ValidName(column.name)) {
    return Status::InvalidArgument("derived column name '" + column.name + "' must match [a-z0-9_]+");
  }
  TP_RETURN_IF_ERROR(CreateDirIfMissing(JoinPath(store_dir, kDerivedDir)));
  std::string text = "#stamp\t" + EscapeField(column.data_stamp) + "\n";
  // Metadata lines follow the stamp; older files have none.
  if (!column.source.empty()) text += std::string(kSourceKey) + "\t" + EscapeField(column.source) + "\n";
  if (!column.written_at.empty()) text += std::string(kWrittenKey) + "\t" + EscapeField(column.written_at) + "\n";
  for (const auto& [customer, value] : column.values) text += EscapeField(customer) + "\t" + EscapeField(value) + "\n";
  return WriteFileAtomic(ColumnPath(store_dir, column.name), text);
}

Result<DerivedColumn> DerivedTable::Read(const std::string& store_dir, std::string_view name) {
  if (!ValidName(name)) return Status::InvalidArgument("bad derived column name '" + std::string(name) + "'");
  const std::string path = ColumnPath(store_dir, name);
  if (!FileExists(path)) return Status::NotFound("no derived column '" + std::string(name) + "'");
  TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  DerivedColumn col;
  col.name = std::string(name);
  size_t start = 0, line = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view l(text.data() + start, end - start);
    start = end + 1;
    ++line;
    size_t tab = l.find('\t');
    if (tab == std::string_view::npos) return Status::Corruption(path + ":" + std::to_string(line) + ": no tab");
    if (line == 1) {
      if (l.substr(0, tab) != "#stamp") return Status::Corruption(path + ":1: missing #stamp header");
      col.data_stamp = UnescapeField(l.substr(tab + 1));
      continue;
    }
    // Metadata right after the stamp (a customer id never starts with '#'
    // there: Write puts metadata first).
    if (col.values.empty() && line <= 3 && (l.substr(0, tab) == kSourceKey || l.substr(0, tab) == kWrittenKey)) {
      (l.substr(0, tab) == kSourceKey ? col.source : col.written_at) = UnescapeField(l.substr(tab + 1));
      continue;
    }
    col.values.emplace(UnescapeField(l.substr(0, tab)), UnescapeField(l.substr(tab + 1)));
  }
  return col;
}

Result<std::vector<std::string>> DerivedTable::List(const std::string& store_dir) {
  std::vector<std::string> names;
  const std::string dir = JoinPath(store_dir, kDerivedDir);
  if (!FileExists(dir)) return names;
  TP_ASSIGN_OR_RETURN(std::vector<std::string> files, ListDir(dir));
  for (const std::string& f : files) {
    if (f.ends_with(kSuffix)) names.push_back(f.substr(0, f.size() - kSuffix.size()));
  }
  return names;
}

Result<size_t> DerivedTable::RemoveCustomer(const std::string& store_dir, std::string_view customer_id) {
  TP_ASSIGN_OR_RETURN(std::vector<std::string> names, List(store_dir));
  size_t removed = 0;
  for (const std::string& name : names) {
    TP_ASSIGN_OR_RETURN(DerivedColumn col, Read(store_dir, name));
    auto it = col.values.find(customer_id);
    if (it == col.values.end()) continue;
    col.values.erase(it);
    ++removed;
    TP_RETURN_IF_ERROR(Write(store_dir, col));
  }
  return removed;
}

}  // namespace touchpoint::store
