#include "models/kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

namespace touchpoint::models {
namespace {

constexpr int kMaxIterations = 100;

double Distance2(const double* a, const double* b, size_t cols) {
  double d = 0;
  for (size_t j = 0; j < cols; ++j) d += (a[j] - b[j]) * (a[j] - b[j]);
  return d;
}

KMeansResult OneRun(const std::vector<double>& x, size_t rows, size_t cols, size_t k, std::mt19937_64& rng) {
  KMeansResult r;
  r.k = k;
  r.centroids.assign(k * cols, 0.0);
  // k-means++: each next centre drawn with probability proportional to the
  // squared distance to the nearest centre so far.
  std::vector<double> nearest(rows, std::numeric_limits<double>::infinity());
  size_t first = std::uniform_int_distribution<size_t>(0, rows - 1)(rng);
  std::copy_n(&x[first * cols], cols, &r.centroids[0]);
  for (size_t c = 1; c < k; ++c) {
    double total = 0;
    for (size_t i = 0; i < rows; ++i) {
      nearest[i] = std::min(nearest[i], Distance2(&x[i * cols], &r.centroids[(c - 1) * cols], cols));
      total += nearest[i];
    }
    size_t pick = 0;
    if (total > 0) {
      double u = std::uniform_real_distribution<double>(0, total)(rng);
      for (pick = 0; pick + 1 < rows && u >= nearest[pick]; ++pick) u -= nearest[pick];
    }
    std::copy_n(&x[pick * cols], cols, &r.centroids[c * cols]);
  }
  r.label.assign(rows, -1);
  std::vector<double> sums(k * cols);
  std::vector<size_t> counts(k);
  for (int it = 0; it < kMaxIterations; ++it) {
    bool changed = false;
    r.inertia = 0;
    for (size_t i = 0; i < rows; ++i) {
      int best = 0;
      double best_d = std::numeric_limits<double>::infinity();
      for (size_t c = 0; c < k; ++c) {
        const double d = Distance2(&x[i * cols], &r.centroids[c * cols], cols);
        if (d < best_d) {
          best_d = d;
          best = static_cast<int>(c);
        }
      }
      changed |= r.label[i] != best;
      r.label[i] = best;
      r.inertia += best_d;
    }
    if (!changed) break;
    std::fill(sums.begin(), sums.end(), 0.0);
    std::fill(counts.begin(), counts.end(), 0);
    for (size_t i = 0; i < rows; ++i) {
      const size_t c = static_cast<size_t>(r.label[i]);
      ++counts[c];
      for (size_t j = 0; j < cols; ++j) sums[c * cols + j] += x[i * cols + j];
    }
    for (size_t c = 0; c < k; ++c) {
      if (counts[c] == 0) continue;  // an empty cluster keeps its centre
      for (size_t j = 0; j < cols; ++j) r.centroids[c * cols + j] = sums[c * cols + j] / static_cast<double>(counts[c]);
    }
  }
  return r;
}

}  // namespace

void Standardize(std::vector<double>* x, size_t rows, size_t cols, std::vector<double>* mean, std::vector<double>* sd) {
  mean->assign(cols, 0.0);
  sd->assign(cols, 0.0);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) (*mean)[j] += (*x)[i * cols + j] / static_cast<double>(rows);
  }
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) {
      const double d = (*x)[i * cols + j] - (*mean)[j];
      (*sd)[j] += d * d / static_cast<double>(rows);
    }
  }
  for (size_t j = 0; j < cols; ++j) (*sd)[j] = std::sqrt((*sd)[j]);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) {
      double& v = (*x)[i * cols + j];
      v = (*sd)[j] > 0 ? (v - (*mean)[j]) / (*sd)[j] : 0.0;
    }
  }
}

KMeansResult KMeans(const std::vector<double>& x, size_t rows, size_t cols, size_t k, uint64_t seed, int restarts) {
  std::mt19937_64 rng(seed);
  KMeansResult best;
  best.inertia = std::numeric_limits<double>::infinity();
  for (int r = 0; r < restarts; ++r) {
    KMeansResult run = OneRun(x, rows, cols, k, rng);
    if (run.inertia < best.inertia) best = std::move(run);
  }
  return best;
}

double MeanSilhouette(const std::vector<double>& x, size_t cols, const std::vector<int>& label, size_t k,
                      const std::vector<size_t>& sample) {
  double total = 0;
  size_t counted = 0;
  std::vector<double> sum(k);
  std::vector<size_t> count(k);
  for (size_t a : sample) {
    std::fill(sum.begin(), sum.end(), 0.0);
    std::fill(count.begin(), count.end(), 0);
    for (size_t b : sample) {
      if (a == b) continue;
      const size_t c = static_cast<size_t>(label[b]);
      sum[c] += std::sqrt(Distance2(&x[a * cols], &x[b * cols], cols));
      ++count[c];
    }
    const size_t own = static_cast<size_t>(label[a]);
    if (count[own] == 0) continue;  // a singleton's silhouette is 0 by convention: skip it
    const double in = sum[own] / static_cast<double>(count[own]);
    double out = std::numeric_limits<double>::infinity();
    for (size_t c = 0; c < k; ++c) {
      if (c != own && count[c] > 0) out = std::min(out, sum[c] / static_cast<double>(count[c]));
    }
    if (!std::isfinite(out)) continue;
    const double denom = std::max(in, out);
    total += denom > 0 ? (out - in) / denom : 0;
    ++counted;
  }
  return counted > 0 ? total / static_cast<double>(counted) : 0;
}

KChoice ChooseK(const std::vector<double>& x, size_t rows, size_t cols, size_t min_k, size_t max_k, uint64_t seed) {
  // The sample: evenly spaced rows (deterministic, spread over the input).
  std::vector<size_t> sample;
  const size_t s = std::min(rows, kSilhouetteSample);
  for (size_t i = 0; i < s; ++i) sample.push_back(i * rows / s);
  KChoice choice;
  double best = -2;
  for (size_t k = min_k; k <= max_k && k < rows; ++k) {
    KMeansResult r = KMeans(x, rows, cols, k, seed + k);
    const double sil = MeanSilhouette(x, cols, r.label, k, sample);
    choice.silhouettes.emplace_back(k, sil);
    if (sil > best) {
      best = sil;
      choice.best = std::move(r);
    }
  }
  return choice;
}

}  // namespace touchpoint::models
