#include "kernels/group_column.h"

#include <algorithm>
#include <charconv>

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

std::vector<std::string_view> GroupKeyParts(std::string_view key) {
  std::vector<std::string_view> parts;
  const size_t sep = key.find(kGroupKeySeparator);
  parts.push_back(key.substr(0, sep));
  if (sep != std::string_view::npos) parts.push_back(key.substr(sep + 1));
  return parts;
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

CutPart ResolvePart(std::string_view by, std::vector<std::string>* properties, std::vector<std::string>* derived) {
  CutPart p;
  if (by.starts_with(kDerivedPrefix)) {
    p.derived = IndexOf(derived, by.substr(kDerivedPrefix.size()));
  } else if (auto col = DictColumnNamed(by)) {
    p.dict = *col;
  } else {
    p.property = IndexOf(properties, by);
  }
  return p;
}

}  // namespace

std::string CutPart::Key(const scan::CustomerView& c, size_t row) const {
  if (dict >= 0) return std::to_string(c.dict[dict][row]);
  if (derived >= 0) return std::string(c.derived[derived]);
  return std::string(c.properties[property][row]);
}

bool CutPart::Empty(const scan::CustomerView& c, size_t row) const {
  if (dict >= 0) return c.dict[dict][row] == 0;
  if (derived >= 0) return c.derived[derived].empty();
  return c.properties[property][row].empty();
}

std::string CutPart::Name(const scan::Catalog& catalog, std::string_view key) const {
  if (dict < 0) return std::string(key);
  uint32_t code = 0;
  std::from_chars(key.data(), key.data() + key.size(), code);
  return std::string(catalog.Value(static_cast<scan::DictColumn>(dict), code));
}

GroupColumn GroupColumn::Resolve(const std::vector<std::string>& by, std::vector<std::string>* properties,
                                 std::vector<std::string>* derived) {
  GroupColumn g;
  if (!by.empty()) g.first = ResolvePart(by[0], properties, derived);
  if (by.size() > 1) g.second = ResolvePart(by[1], properties, derived);
  return g;
}

std::string GroupColumn::Key(const scan::CustomerView& c, size_t row) const {
  std::string key = first.Key(c, row);
  if (two()) {
    key += kGroupKeySeparator;
    key += second.Key(c, row);
  }
  return key;
}

std::string GroupColumn::Name(const scan::Catalog& catalog, const std::string& key) const {
  const std::vector<std::string_view> parts = GroupKeyParts(key);
  std::string name = first.Name(catalog, parts[0]);
  if (two()) {
    name += kGroupKeySeparator;
    name += second.Name(catalog, parts.size() > 1 ? parts[1] : std::string_view());
  }
  return name;
}

uint32_t GroupColumn::columns() const {
  uint32_t bits = 0;
  for (const CutPart* p : {&first, &second}) {
    if (p->dict >= 0) bits |= 1u << p->dict;
  }
  return bits;
}

void AddFilterColumns(const EventFilter* where, std::vector<std::string>* properties,
                      std::vector<std::string>* derived) {
  if (where == nullptr) return;
  for (const std::string& p : where->properties()) IndexOf(properties, p);
  for (const std::string& d : where->derived()) IndexOf(derived, d);
}

GroupColumn ResolveCutAndFilter(const std::vector<std::string>& by, const EventFilter* where,
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

}  // namespace touchpoint::kernels
