#include "models/classifier_metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace touchpoint::models {
namespace {

constexpr size_t kDeciles = 10;

// Row order by score; ties by row, so results do not depend on the sort.
std::vector<size_t> Order(const std::vector<float>& score, bool descending) {
  std::vector<size_t> order(score.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (score[a] != score[b]) return descending ? score[a] > score[b] : score[a] < score[b];
    return a < b;
  });
  return order;
}

}  // namespace

double RocAuc(const std::vector<float>& score, const std::vector<float>& label) {
  const std::vector<size_t> order = Order(score, false);
  double positives = 0, rank_sum = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && score[order[j]] == score[order[i]]) ++j;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;  // 1-based
    for (size_t k = i; k < j; ++k) {
      if (label[order[k]] > 0.5f) {
        positives += 1;
        rank_sum += mid_rank;
      }
    }
    i = j;
  }
  const double negatives = static_cast<double>(score.size()) - positives;
  if (positives == 0 || negatives == 0) return NAN;
  return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

TopDecile TopDecileMetrics(const std::vector<float>& score, const std::vector<float>& label) {
  TopDecile t;
  const size_t n = score.size();
  if (n == 0) return t;
  const std::vector<size_t> order = Order(score, true);
  t.customers = (n + kDeciles - 1) / kDeciles;
  double hits = 0, positives = 0;
  for (size_t k = 0; k < n; ++k) {
    const bool positive = label[order[k]] > 0.5f;
    positives += positive;
    if (k < t.customers) hits += positive;
  }
  t.precision = hits / static_cast<double>(t.customers);
  t.recall = positives > 0 ? hits / positives : NAN;
  t.lift = positives > 0 ? t.precision / (positives / static_cast<double>(n)) : NAN;
  return t;
}

std::vector<CalibrationBin> CalibrationByDecile(const std::vector<float>& score, const std::vector<float>& label) {
  std::vector<CalibrationBin> bins;
  const size_t n = score.size();
  if (n == 0) return bins;
  const std::vector<size_t> order = Order(score, false);
  for (size_t b = 0; b < kDeciles; ++b) {
    const size_t begin = n * b / kDeciles, end = n * (b + 1) / kDeciles;
    CalibrationBin bin;
    bin.customers = end - begin;
    for (size_t k = begin; k < end; ++k) {
      bin.predicted += score[order[k]];
      bin.actual += label[order[k]] > 0.5f;
    }
    if (bin.customers > 0) {
      bin.predicted /= static_cast<double>(bin.customers);
      bin.actual /= static_cast<double>(bin.customers);
    }
    bins.push_back(bin);
  }
  return bins;
}

}  // namespace touchpoint::models
