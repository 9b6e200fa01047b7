#include "store/part_order.h"

#include <algorithm>

#include "util/hash.h"

namespace touchpoint::store {

std::vector<uint32_t> PartOrder(const EventBatch& batch) {
  struct Key {
    uint64_t hash;
    int64_t ts;
    uint32_t row;
  };
  const size_t n = batch.size();
  std::vector<Key> keys(n);
  for (size_t i = 0; i < n; ++i) {
    keys[i] = Key{Hash64(batch.customer_id.Get(i)), batch.timestamp_ms[i], static_cast<uint32_t>(i)};
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    if (a.ts != b.ts) {
      // Distinct customers may share a hash (rare): then the id decides first.
      std::string_view ia = batch.customer_id.Get(a.row), ib = batch.customer_id.Get(b.row);
      if (ia != ib) return ia < ib;
      return a.ts < b.ts;
    }
    std::string_view ia = batch.customer_id.Get(a.row), ib = batch.customer_id.Get(b.row);
    if (ia != ib) return ia < ib;
    return a.row < b.row;
  });
  std::vector<uint32_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = keys[i].row;
  return order;
}

}  // namespace touchpoint::store
