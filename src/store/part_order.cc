#include "store/part_order.h"

#include <algorithm>

#include "util/hash.h"

namespace touchpoint::store {

std::vector<RowRef> PartOrder(const std::vector<const EventBatch*>& batches) {
  std::vector<RowRef> rows;
  size_t n = 0;
  for (const EventBatch* b : batches) n += b->size();
  rows.reserve(n);
  for (uint32_t b = 0; b < batches.size(); ++b) {
    for (uint32_t i = 0; i < batches[b]->size(); ++i) rows.push_back(RowRef{b, i});
  }
  return SortIntoPartOrder(batches, rows);
}

std::vector<RowRef> SortIntoPartOrder(const std::vector<const EventBatch*>& batches, const std::vector<RowRef>& rows,
                                      std::vector<uint64_t>* hashes) {
  struct Key {
    uint64_t hash;
    int64_t ts;
    uint64_t seq;  // batch << 32 | row: arrival order
  };
  const size_t n = rows.size();
  std::vector<Key> keys;
  keys.reserve(n);
  for (const RowRef& r : rows) {
    const EventBatch& batch = *batches[r.batch];
    keys.push_back(Key{Hash64(batch.customer_id.Get(r.row)), batch.timestamp_ms[r.row], (uint64_t{r.batch} << 32) | r.row});
  }
  auto id = [&](const Key& k) { return batches[k.seq >> 32]->customer_id.Get(k.seq & 0xFFFFFFFFu); };
  // Sort by hash alone first; ids are compared only inside the (rare) runs
  // where two different customers share a hash.
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.hash != b.hash) return a.hash < b.hash;
    if (a.ts != b.ts) return a.ts < b.ts;
    return a.seq < b.seq;
  });
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    bool collision = false;
    const std::string_view first = id(keys[i]);
    while (j < n && keys[j].hash == keys[i].hash) {
      collision |= id(keys[j]) != first;
      ++j;
    }
    if (collision) {
      std::sort(keys.begin() + static_cast<long>(i), keys.begin() + static_cast<long>(j), [&](const Key& a, const Key& b) {
        std::string_view ia = id(a), ib = id(b);
        if (ia != ib) return ia < ib;
        if (a.ts != b.ts) return a.ts < b.ts;
        return a.seq < b.seq;
      });
    }
    i = j;
  }
  std::vector<RowRef> order(n);
  for (size_t i = 0; i < n; ++i) {
    order[i] = RowRef{static_cast<uint32_t>(keys[i].seq >> 32), static_cast<uint32_t>(keys[i].seq & 0xFFFFFFFFu)};
  }
  if (hashes != nullptr) {
    hashes->resize(n);
    for (size_t i = 0; i < n; ++i) (*hashes)[i] = keys[i].hash;
  }
  return order;
}

std::vector<RowRef> MergeSortedRuns(const std::vector<const EventBatch*>& batches,
                                    const std::vector<const std::vector<uint64_t>*>* hashes) {
  struct Head {
    uint64_t hash;
    int64_t ts;
    uint32_t batch;
    uint32_t row;
  };
  // Greater-than, for a min-heap; equal keys keep arrival (batch) order.
  auto after = [&](const Head& a, const Head& b) {
    if (a.hash != b.hash) return a.hash > b.hash;
    if (a.hash == b.hash) {
      std::string_view ia = batches[a.batch]->customer_id.Get(a.row), ib = batches[b.batch]->customer_id.Get(b.row);
      if (ia != ib) return ia > ib;  // a hash collision: the id decides
    }
    if (a.ts != b.ts) return a.ts > b.ts;
    return a.batch > b.batch;
  };
  std::vector<Head> heap;
  size_t n = 0;
  auto hash_of = [&](uint32_t b, uint32_t row) {
    return hashes != nullptr ? (*(*hashes)[b])[row] : Hash64(batches[b]->customer_id.Get(row));
  };
  for (uint32_t b = 0; b < batches.size(); ++b) {
    n += batches[b]->size();
    if (!batches[b]->empty()) heap.push_back(Head{hash_of(b, 0), batches[b]->timestamp_ms[0], b, 0});
  }
  std::make_heap(heap.begin(), heap.end(), after);
  std::vector<RowRef> order;
  order.reserve(n);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), after);
    Head& h = heap.back();
    order.push_back(RowRef{h.batch, h.row});
    const EventBatch& b = *batches[h.batch];
    if (++h.row < b.size()) {
      if (hashes != nullptr) {
        h.hash = (*(*hashes)[h.batch])[h.row];
      } else if (b.customer_id.Get(h.row) != b.customer_id.Get(h.row - 1)) {
        h.hash = Hash64(b.customer_id.Get(h.row));
      }
      h.ts = b.timestamp_ms[h.row];
      std::push_heap(heap.begin(), heap.end(), after);
    } else {
      heap.pop_back();
    }
  }
  return order;
}

}  // namespace touchpoint::store
