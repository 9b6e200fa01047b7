#include "models/purchase_items.h"

#include <algorithm>

#include "kernels/group_column.h"

namespace touchpoint::models {

Status PurchaseItemsSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  roles = kernels::EventRoles::Resolve(catalog, kernels::Definitions{});
  properties->clear();
  any_item_property = false;
  for (int k = 0; k < 2; ++k) {
    const auto& known = catalog.properties();
    item_property[k] = -1;
    if (std::find(known.begin(), known.end(), kItemProperties[k]) == known.end()) continue;
    item_property[k] = static_cast<int>(properties->size());
    properties->push_back(kItemProperties[k]);
    any_item_property = true;
  }
  derived.clear();
  kernels::AddFilterColumns(where, properties, &derived);
  return Status::OK();
}

scan::ScanSpec PurchaseItemsSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = from_ms;
  s.to_ms = to_ms;
  s.columns = scan::kColumnEvent;
  kernels::AddCutAndFilter(kernels::GroupColumn{}, where, properties, derived, &s);
  return s;
}

void PurchaseItemsConsumer::Consume(const scan::CustomerView& c) {
  const PurchaseItemsSpec& s = spec_;
  if (!s.any_item_property) return;
  std::vector<std::string> before, after;
  uint64_t purchases = 0;
  for (size_t i = 0; i < c.size; ++i) {
    if (!s.roles.Is(c.event()[i], kernels::kIsPurchase)) continue;
    if (s.where != nullptr && !s.where->Matches(c, i)) continue;
    std::string_view item;
    for (int k = 0; k < 2 && item.empty(); ++k) {
      if (s.item_property[k] >= 0) item = c.properties[s.item_property[k]][i];
    }
    if (item.empty()) continue;
    ++purchases;
    auto& list = c.timestamp[i] < s.cutoff_ms ? before : after;
    if (std::find(list.begin(), list.end(), item) == list.end()) list.emplace_back(item);
  }
  if (before.empty() && after.empty()) return;
  histories_.customer_id.emplace_back(c.customer_id);
  histories_.before.push_back(std::move(before));
  histories_.after.push_back(std::move(after));
  histories_.purchases += purchases;
}

void PurchaseItemsConsumer::MergeFrom(PurchaseItemsConsumer& other) {
  ItemHistories& o = other.histories_;
  auto move_all = [](auto* to, auto* from) {
    to->insert(to->end(), std::make_move_iterator(from->begin()), std::make_move_iterator(from->end()));
    from->clear();
  };
  move_all(&histories_.customer_id, &o.customer_id);
  move_all(&histories_.before, &o.before);
  move_all(&histories_.after, &o.after);
  histories_.purchases += o.purchases;
}

}  // namespace touchpoint::models
