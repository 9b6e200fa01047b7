// ItemSimilarity: item-to-item collaborative filtering from purchase
// baskets (docs/prediction.md, "Recommendations"): the cosine similarity of
// two items over customers, c_ij / sqrt(n_i n_j), where n_i counts the
// customers who bought i and c_ij those who bought both; each item keeps its
// kNeighbours most similar items. A customer's recommendations are the items
// with the largest sum of similarities to what they bought, excluding those.
// Also the most-popular baseline. Immutable after Build; thread-safe.
#ifndef TOUCHPOINT_MODELS_ITEM_SIMILARITY_H_
#define TOUCHPOINT_MODELS_ITEM_SIMILARITY_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace touchpoint::models {

inline constexpr size_t kNeighbours = 100;
// A basket's co-occurrences grow with its square: only a customer's first
// kMaxBasket distinct items count toward similarities.
inline constexpr size_t kMaxBasket = 200;

class ItemSimilarity {
 public:
  // baskets: per customer, distinct item ids in [0, items).
  static ItemSimilarity Build(const std::vector<std::vector<uint32_t>>& baskets, size_t items);

  struct Neighbour {
    uint32_t item;
    float similarity;
  };
  const std::vector<Neighbour>& neighbours(uint32_t item) const { return neighbours_[item]; }
  uint64_t buyers(uint32_t item) const { return buyers_[item]; }

  // Up to `n` items by summed similarity to `owned`, excluding owned items;
  // ties broken by popularity, then id.
  std::vector<uint32_t> Recommend(const std::vector<uint32_t>& owned, size_t n) const;
  // Up to `n` most bought items not in `owned`.
  std::vector<uint32_t> Popular(const std::vector<uint32_t>& owned, size_t n) const;

 private:
  std::vector<std::vector<Neighbour>> neighbours_;
  std::vector<uint64_t> buyers_;
  std::vector<uint32_t> by_popularity_;
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_ITEM_SIMILARITY_H_
