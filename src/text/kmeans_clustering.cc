#include "text/kmeans_clustering.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace touchpoint::text {
namespace {

double Norm(const SphericalKMeans::Vector& v) {
  double s = 0;
  for (float x : v.values) s += static_cast<double>(x) * x;
  return std::sqrt(s);
}

// Dot product of two sparse vectors.
double Dot(const SphericalKMeans::Vector& a, const SphericalKMeans::Vector& b) {
  double s = 0;
  size_t i = 0, j = 0;
  while (i < a.ids.size() && j < b.ids.size()) {
    if (a.ids[i] < b.ids[j]) {
      ++i;
    } else if (a.ids[i] > b.ids[j]) {
      ++j;
    } else {
      s += static_cast<double>(a.values[i++]) * b.values[j++];
    }
  }
  return s;
}

struct Run {
  std::vector<float> centroids;  // [w * K + k]
  std::vector<int> assignment;
  double total = -1;  // sum of cosine similarities
};

}  // namespace

int SphericalKMeans::Best(const Vector& v, double* similarity) const {
  const size_t k_count = live_.size();
  double sims[64] = {};
  std::vector<double> heap;
  double* s = sims;
  if (k_count > 64) {
    heap.assign(k_count, 0.0);
    s = heap.data();
  }
  for (size_t t = 0; t < v.ids.size(); ++t) {
    const float* c = &centroids_[static_cast<size_t>(v.ids[t]) * k_count];
    const double x = v.values[t];
    for (size_t k = 0; k < k_count; ++k) s[k] += x * c[k];
  }
  int best = -1;
  double best_sim = 0;
  for (size_t k = 0; k < k_count; ++k) {
    if (live_[k] && s[k] > best_sim) best = static_cast<int>(k), best_sim = s[k];
  }
  *similarity = best_sim;
  return best;
}

int SphericalKMeans::Assign(const Vector& v) const {
  if (v.ids.empty()) return -1;
  double sim = 0;
  return Best(v, &sim);
}

SphericalKMeans SphericalKMeans::Fit(const std::vector<Vector>& docs, size_t dimension, const KMeansOptions& o,
                                     const std::vector<int>* initial) {
  std::vector<uint32_t> usable;
  std::vector<double> norms(docs.size(), 0);
  for (uint32_t d = 0; d < docs.size(); ++d) {
    norms[d] = Norm(docs[d]);
    if (norms[d] > 0) usable.push_back(d);
  }
  const size_t k_count = std::max<size_t>(1, std::min(o.clusters, usable.size()));
  SphericalKMeans m;
  m.live_.assign(k_count, true);
  m.centroids_.assign(dimension * k_count, 0.0f);
  if (usable.empty()) return m;
  Run best;
  std::mt19937_64 rng(o.seed);
  const int restarts = initial != nullptr ? 1 : std::max(o.restarts, 1);
  for (int restart = 0; restart < restarts; ++restart) {
    Run run;
    run.centroids.assign(dimension * k_count, 0.0f);
    run.assignment.assign(docs.size(), -1);
    if (initial != nullptr) {
      std::vector<double> sum(dimension * k_count, 0.0), length(k_count, 0.0);
      for (uint32_t d : usable) {
        const int k = (*initial)[d];
        if (k < 0 || static_cast<size_t>(k) >= k_count) continue;
        const Vector& v = docs[d];
        for (size_t t = 0; t < v.ids.size(); ++t) sum[static_cast<size_t>(v.ids[t]) * k_count + k] += v.values[t] / norms[d];
      }
      for (size_t i = 0; i < sum.size(); ++i) length[i % k_count] += sum[i] * sum[i];
      for (size_t i = 0; i < sum.size(); ++i) {
        const size_t k = i % k_count;
        if (length[k] > 0) run.centroids[i] = static_cast<float>(sum[i] / std::sqrt(length[k]));
      }
    }
    // k-means++ seeding on cosine distance.
    std::vector<double> closest(docs.size(), 1.0);  // 1 - max similarity to a chosen seed
    uint32_t seed_doc = usable[rng() % usable.size()];
    for (size_t k = 0; k < k_count && initial == nullptr; ++k) {
      const Vector& c = docs[seed_doc];
      for (size_t t = 0; t < c.ids.size(); ++t) {
        run.centroids[static_cast<size_t>(c.ids[t]) * k_count + k] = static_cast<float>(c.values[t] / norms[seed_doc]);
      }
      double total = 0;
      for (uint32_t d : usable) {
        closest[d] = std::min(closest[d], 1.0 - Dot(docs[d], c) / (norms[d] * norms[seed_doc]));
        total += std::max(closest[d], 0.0);
      }
      if (total <= 0) break;  // every doc equals a seed already
      double u = std::uniform_real_distribution<double>(0.0, total)(rng);
      for (uint32_t d : usable) {
        u -= std::max(closest[d], 0.0);
        if (u <= 0) {
          seed_doc = d;
          break;
        }
      }
    }
    // Lloyd iterations on the unit sphere.
    m.centroids_.swap(run.centroids);
    for (int it = 0; it < o.iterations; ++it) {
      size_t moved = 0;
      double total = 0;
      for (uint32_t d : usable) {
        double sim = 0;
        const int k = m.Best(docs[d], &sim);
        total += sim / norms[d];
        if (k != run.assignment[d]) ++moved, run.assignment[d] = k;
      }
      run.total = total;
      if (moved == 0) break;
      std::vector<double> sum(dimension * k_count, 0.0);
      std::vector<size_t> members(k_count, 0);
      for (uint32_t d : usable) {
        const int k = run.assignment[d];
        if (k < 0) continue;
        ++members[k];
        const Vector& v = docs[d];
        for (size_t t = 0; t < v.ids.size(); ++t) sum[static_cast<size_t>(v.ids[t]) * k_count + k] += v.values[t] / norms[d];
      }
      std::vector<double> length(k_count, 0.0);
      for (size_t i = 0; i < sum.size(); ++i) length[i % k_count] += sum[i] * sum[i];
      for (size_t i = 0; i < sum.size(); ++i) {
        const size_t k = i % k_count;
        if (members[k] > 0) m.centroids_[i] = static_cast<float>(sum[i] / std::sqrt(length[k]));
      }
    }
    m.centroids_.swap(run.centroids);
    if (run.total > best.total) best = std::move(run);
  }
  m.centroids_ = std::move(best.centroids);
  return m;
}

}  // namespace touchpoint::text
