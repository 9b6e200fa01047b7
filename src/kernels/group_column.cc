#include "kernels/group_column.h"

#include <algorithm>

namespace touchpoint::kernels {

std::optional<scan::DictColumn> DictColumnNamed(std::string_view name) {
  static const std::pair<std::string_view, scan::DictColumn> kDict[] = {
      {"event", scan::kEvent}, {"channel", scan::kChannel}, {"campaign", scan::kCampaign},
      {"page", scan::kPage},   {"survey", scan::kSurvey},   {"feature", scan::kFeature}};
  for (const auto& [n, col] : kDict) {
    if (n == name) return col;
  }
  return std::nullopt;
}

namespace {

int IndexOf(std::vector<std::string>* names, std::string_view name) {
  auto it = std::find(names->begin(), names->end(), name);
  if (it == names->end()) {
    names->emplace_back(name);
    it = names->end() - 1;
  }
  return static_cast<int>(it - names->begin());
}

}  // namespace

GroupColumn GroupColumn::Resolve(const std::string& by, std::vector<std::string>* properties,
                                 std::vector<std::string>* derived) {
  GroupColumn g;
  if (by.empty()) return g;
  if (std::string_view(by).starts_with(kDerivedPrefix)) {
    g.derived = IndexOf(derived, std::string_view(by).substr(kDerivedPrefix.size()));
    return g;
  }
  if (auto col = DictColumnNamed(by)) {
    g.dict = *col;
    return g;
  }
  g.property = IndexOf(properties, by);
  return g;
}

void AddFilterColumns(const EventFilter* where, std::vector<std::string>* properties,
                      std::vector<std::string>* derived) {
  if (where == nullptr) return;
  for (const std::string& p : where->properties()) IndexOf(properties, p);
  for (const std::string& d : where->derived()) IndexOf(derived, d);
}

GroupColumn ResolveCutAndFilter(const std::string& by, const EventFilter* where,
                                std::vector<std::string>* properties, std::vector<std::string>* derived) {
  derived->clear();
  const GroupColumn group = GroupColumn::Resolve(by, properties, derived);
  AddFilterColumns(where, properties, derived);
  return group;
}

void AddCutAndFilter(const GroupColumn& group, const EventFilter* where, const std::vector<std::string>& properties,
                     const std::vector<std::string>& derived, scan::ScanSpec* scan) {
  scan->columns |= group.columns();
  if (where != nullptr) scan->columns |= where->columns();
  scan->properties = properties;
  scan->derived = derived;
}

std::string GroupColumn::Name(const scan::Catalog& catalog, const std::string& key) const {
  if (dict < 0) return key;
  return std::string(catalog.Value(static_cast<scan::DictColumn>(dict), static_cast<uint32_t>(std::stoul(key))));
}

std::string GroupColumn::Key(const scan::CustomerView& c, size_t row) const {
  if (dict >= 0) return std::to_string(c.dict[dict][row]);
  if (derived >= 0) return std::string(c.derived[derived]);
  return std::string(c.properties[property][row]);
}

}  // namespace touchpoint::kernels
