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

GroupColumn GroupColumn::Resolve(const std::string& by, std::vector<std::string>* properties) {
  GroupColumn g;
  if (by.empty()) return g;
  if (auto col = DictColumnNamed(by)) {
    g.dict = *col;
    return g;
  }
  auto it = std::find(properties->begin(), properties->end(), by);
  if (it == properties->end()) {
    properties->push_back(by);
    it = properties->end() - 1;
  }
  g.property = static_cast<int>(it - properties->begin());
  return g;
}

std::string GroupColumn::Key(const scan::CustomerView& c, size_t row) const {
  if (dict >= 0) return std::to_string(c.dict[dict][row]);
  return std::string(c.properties[property][row]);
}

}  // namespace touchpoint::kernels
