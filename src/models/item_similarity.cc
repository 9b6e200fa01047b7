#include "models/item_similarity.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace touchpoint::models {

ItemSimilarity ItemSimilarity::Build(const std::vector<std::vector<uint32_t>>& baskets, size_t items) {
  ItemSimilarity s;
  s.buyers_.assign(items, 0);
  // Co-occurrence counts per item: item -> (other -> customers).
  std::vector<std::unordered_map<uint32_t, uint32_t>> co(items);
  for (const auto& basket : baskets) {
    const size_t n = std::min(basket.size(), kMaxBasket);
    for (size_t a = 0; a < n; ++a) {
      ++s.buyers_[basket[a]];
      for (size_t b = 0; b < n; ++b) {
        if (a != b) ++co[basket[a]][basket[b]];
      }
    }
  }
  s.neighbours_.resize(items);
  for (uint32_t i = 0; i < items; ++i) {
    auto& list = s.neighbours_[i];
    for (const auto& [j, c] : co[i]) {
      const double sim = c / std::sqrt(static_cast<double>(s.buyers_[i]) * static_cast<double>(s.buyers_[j]));
      list.push_back({j, static_cast<float>(sim)});
    }
    std::sort(list.begin(), list.end(), [](const Neighbour& a, const Neighbour& b) {
      return a.similarity != b.similarity ? a.similarity > b.similarity : a.item < b.item;
    });
    if (list.size() > kNeighbours) list.resize(kNeighbours);
  }
  s.by_popularity_.resize(items);
  std::iota(s.by_popularity_.begin(), s.by_popularity_.end(), 0u);
  std::stable_sort(s.by_popularity_.begin(), s.by_popularity_.end(),
                   [&](uint32_t a, uint32_t b) { return s.buyers_[a] > s.buyers_[b]; });
  return s;
}

std::vector<uint32_t> ItemSimilarity::Recommend(const std::vector<uint32_t>& owned, size_t n) const {
  std::unordered_map<uint32_t, double> score;
  for (uint32_t i : owned) {
    for (const Neighbour& nb : neighbours_[i]) score[nb.item] += nb.similarity;
  }
  for (uint32_t i : owned) score.erase(i);
  std::vector<std::pair<uint32_t, double>> ranked(score.begin(), score.end());
  std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    if (buyers_[a.first] != buyers_[b.first]) return buyers_[a.first] > buyers_[b.first];
    return a.first < b.first;
  });
  std::vector<uint32_t> out;
  for (size_t k = 0; k < ranked.size() && out.size() < n; ++k) out.push_back(ranked[k].first);
  return out;
}

std::vector<uint32_t> ItemSimilarity::Popular(const std::vector<uint32_t>& owned, size_t n) const {
  std::vector<uint32_t> out;
  for (uint32_t i : by_popularity_) {
    if (out.size() >= n) break;
    if (buyers_[i] == 0) break;
    if (std::find(owned.begin(), owned.end(), i) == owned.end()) out.push_back(i);
  }
  return out;
}

}  // namespace touchpoint::models
