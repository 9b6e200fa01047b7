#include "scan/catalog.h"

#include <algorithm>
#include <set>

#include "store/part_columns.h"

namespace touchpoint::scan {
namespace {

constexpr int kStoredIndex[kDictColumnCount] = {store::kColEvent,  store::kColChannel, store::kColCampaign,
                                                store::kColPage,   store::kColSurvey,  store::kColFeature};

}  // namespace

std::string_view DictColumnName(DictColumn column) { return store::kWellKnownColumns[kStoredIndex[column]].name; }

Catalog Catalog::Build(const store::Snapshot& snapshot) {
  Catalog c;
  for (int col = 0; col < kDictColumnCount; ++col) {
    c.values_[col].emplace_back();  // code 0: absent
    c.codes_[col].emplace(std::string(), 0);
  }
  std::set<std::string> props;
  c.remap_.resize(snapshot.parts.size());
  c.identity_.assign(snapshot.parts.size(), std::vector<bool>(kDictColumnCount, false));
  for (size_t p = 0; p < snapshot.parts.size(); ++p) {
    const auto& columns = snapshot.parts[p]->columns();
    c.remap_[p].resize(kDictColumnCount);
    for (int col = 0; col < kDictColumnCount; ++col) {
      const auto& dict = columns[kStoredIndex[col]].dictionary;
      std::vector<uint32_t>& remap = c.remap_[p][col];
      remap.resize(std::max<size_t>(dict.size(), 1), 0);
      for (size_t local = 1; local < dict.size(); ++local) {
        auto [it, inserted] = c.codes_[col].emplace(dict[local], static_cast<uint32_t>(c.values_[col].size()));
        if (inserted) c.values_[col].push_back(dict[local]);
        remap[local] = it->second;
      }
      bool identity = true;
      for (size_t local = 0; local < remap.size() && identity; ++local) identity = remap[local] == local;
      c.identity_[p][col] = identity;
    }
    for (size_t i = snapshot.parts[p]->first_property_column(); i < columns.size(); ++i) {
      props.insert(columns[i].name.substr(store::kPropertyPrefix.size()));
    }
  }
  c.properties_.assign(props.begin(), props.end());
  return c;
}

Catalog Catalog::FromValues(const std::vector<std::vector<std::string>>& values, std::vector<std::string> properties) {
  Catalog c;
  for (int col = 0; col < kDictColumnCount; ++col) {
    c.values_[col].emplace_back();
    c.codes_[col].emplace(std::string(), 0);
    if (static_cast<size_t>(col) >= values.size()) continue;
    for (const std::string& v : values[col]) {
      if (c.codes_[col].emplace(v, static_cast<uint32_t>(c.values_[col].size())).second) c.values_[col].push_back(v);
    }
  }
  std::sort(properties.begin(), properties.end());
  c.properties_ = std::move(properties);
  return c;
}

uint32_t Catalog::Find(DictColumn column, std::string_view value) const {
  auto it = codes_[column].find(std::string(value));
  return it == codes_[column].end() ? kNoCode : it->second;
}

}  // namespace touchpoint::scan
