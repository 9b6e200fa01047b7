// PurchaseItemsConsumer: which items each customer bought, before and from a
// cut-off, for the recommender (docs/prediction.md, "Recommendations"). The
// item of a purchase is its `product` property, else its `item` property;
// purchases with neither are skipped. Items are kept as text per customer;
// ItemBaskets interns them once the scan is done.
// The spec outlives the consumers; one thread per consumer.
#ifndef TOUCHPOINT_MODELS_PURCHASE_ITEMS_H_
#define TOUCHPOINT_MODELS_PURCHASE_ITEMS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "util/status.h"
#include "kernels/event_filter.h"
#include "kernels/event_roles.h"
#include "kernels/analysis_consumer.h"
#include "scan/scan_spec.h"

namespace touchpoint::models {

inline constexpr const char* kItemProperties[] = {"product", "item"};

struct PurchaseItemsSpec {
  int64_t from_ms = 0, cutoff_ms = 0, to_ms = 0;  // before: [from, cutoff); after: [cutoff, to)
  const kernels::EventFilter* where = nullptr;

  // Derived by Prepare.
  kernels::EventRoles roles;
  std::vector<std::string> derived;
  int item_property[2] = {-1, -1};  // scan property index of product, item
  bool any_item_property = false;

  Status Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties);
  scan::ScanSpec ScanSpecFor(const std::vector<std::string>& properties) const;
};

// Customers with at least one item, and their distinct items (first
// purchase order) before and from the cut-off.
struct ItemHistories {
  std::vector<std::string> customer_id;
  std::vector<std::vector<std::string>> before, after;
  uint64_t purchases = 0;  // purchase events with an item
};

class PurchaseItemsConsumer : public kernels::AnalysisConsumer<PurchaseItemsConsumer> {
 public:
  explicit PurchaseItemsConsumer(const PurchaseItemsSpec& spec) : spec_(spec) {}
  void Consume(const scan::CustomerView& c) override;
  void MergeFrom(PurchaseItemsConsumer& other);
  ItemHistories& histories() { return histories_; }

 private:
  const PurchaseItemsSpec& spec_;
  ItemHistories histories_;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_PURCHASE_ITEMS_H_
