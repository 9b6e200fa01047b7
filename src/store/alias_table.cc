#include "store/alias_table.h"

#include "util/file.h"

namespace touchpoint::store {
namespace {


bool ValidId(std::string_view id) {
  return !id.empty() && id.find('\t') == std::string_view::npos && id.find('\n') == std::string_view::npos;
}

}  // namespace

Result<AliasMap> AliasTable::Load() const {
  AliasMap map;
  const std::string path = JoinPath(dir_, kAliasFile);
  if (!FileExists(path)) return map;
  TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  size_t start = 0, line = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    ++line;
    std::string_view l(text.data() + start, end - start);
    size_t tab = l.find('\t');
    if (tab == std::string_view::npos) {
      return Status::Corruption(path + ":" + std::to_string(line) + ": expected alias<TAB>canonical");
    }
    map.emplace(std::string(l.substr(0, tab)), std::string(l.substr(tab + 1)));
    start = end + 1;
  }
  return map;
}

Status AliasTable::Save(const AliasMap& map) const {
  std::string text;
  for (const auto& [alias, canonical] : map) text += alias + "\t" + canonical + "\n";
  return WriteFileAtomic(JoinPath(dir_, kAliasFile), text);
}

Status AliasTable::Link(std::string_view alias, std::string_view canonical) {
  if (!ValidId(alias) || !ValidId(canonical)) {
    return Status::InvalidArgument("alias ids must be non-empty and contain no tab or newline");
  }
  TP_ASSIGN_OR_RETURN(AliasMap map, Load());
  std::string target(canonical);
  for (auto it = map.find(target); it != map.end(); it = map.find(target)) target = it->second;
  if (target == alias) {
    return Status::InvalidArgument("linking '" + std::string(alias) + "' to '" + std::string(canonical) +
                                   "' would make a cycle");
  }
  map[std::string(alias)] = target;
  for (auto& [a, c] : map) {
    if (c == alias) c = target;  // those pointing at the alias now point at its person
  }
  return Save(map);
}

Status AliasTable::Unlink(std::string_view alias) {
  TP_ASSIGN_OR_RETURN(AliasMap map, Load());
  auto it = map.find(alias);
  if (it == map.end()) return Status::NotFound("no alias '" + std::string(alias) + "'");
  map.erase(it);
  return Save(map);
}

Result<size_t> AliasTable::RemoveCustomer(std::string_view customer_id) {
  TP_ASSIGN_OR_RETURN(AliasMap map, Load());
  size_t removed = std::erase_if(map, [&](const auto& kv) { return kv.first == customer_id || kv.second == customer_id; });
  if (removed > 0) TP_RETURN_IF_ERROR(Save(map));
  return removed;
}

}  // namespace touchpoint::store
