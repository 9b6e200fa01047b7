#include "store/event_id_filter.h"

#include <algorithm>
#include <utility>

#include "util/hash.h"

namespace touchpoint::store {

std::vector<bool> FilterDuplicateIds(const EventBatch& batch, const std::vector<uint64_t>& stored_a,
                                     const std::vector<uint64_t>& stored_b, std::vector<uint64_t>* new_ids,
                                     uint64_t* duplicates) {
  std::vector<bool> keep(batch.size(), true);
  std::vector<std::pair<uint64_t, uint32_t>> ids;
  for (size_t i = 0; i < batch.size(); ++i) {
    std::string_view id = batch.event_id.Get(i);
    if (!id.empty()) ids.emplace_back(Hash64(id), static_cast<uint32_t>(i));
  }
  if (ids.empty()) return keep;
  std::sort(ids.begin(), ids.end());
  auto a = stored_a.begin();
  auto b = stored_b.begin();
  for (size_t k = 0; k < ids.size(); ++k) {
    const uint64_t h = ids[k].first;
    a = std::lower_bound(a, stored_a.end(), h);
    b = std::lower_bound(b, stored_b.end(), h);
    bool dup = (k > 0 && ids[k - 1].first == h) || (a != stored_a.end() && *a == h) ||
               (b != stored_b.end() && *b == h);
    if (dup) {
      keep[ids[k].second] = false;
      ++*duplicates;
    } else {
      new_ids->push_back(h);
    }
  }
  return keep;
}

void MergeSortedIds(std::vector<uint64_t> add, std::vector<uint64_t>* into) {
  std::sort(add.begin(), add.end());
  std::vector<uint64_t> merged;
  merged.reserve(into->size() + add.size());
  std::merge(into->begin(), into->end(), add.begin(), add.end(), std::back_inserter(merged));
  *into = std::move(merged);
}

}  // namespace touchpoint::store
