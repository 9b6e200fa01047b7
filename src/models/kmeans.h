// KMeans: behavioural segments by k-means on standardised features, with k
// chosen by the mean silhouette (docs/prediction.md, "Segments"):
// k-means++ seeding, Lloyd iterations, the best of a few restarts by
// within-cluster sum of squares; the silhouette of each k on a fixed sample
// of at most kSilhouetteSample rows. Deterministic for a seed. Thread-safe
// (no shared state).
#ifndef TOUCHPOINT_MODELS_KMEANS_H_
#define TOUCHPOINT_MODELS_KMEANS_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace touchpoint::models {

inline constexpr size_t kSilhouetteSample = 2000;

struct KMeansResult {
  size_t k = 0;
  std::vector<int> label;         // per row, 0..k-1
  std::vector<double> centroids;  // k x cols, in standardised units
  double inertia = 0;             // within-cluster sum of squares
};

// Column means and standard deviations, then (x - mean) / sd in place
// (columns with sd 0 become 0). x is rows x cols, row-major.
void Standardize(std::vector<double>* x, size_t rows, size_t cols, std::vector<double>* mean, std::vector<double>* sd);

KMeansResult KMeans(const std::vector<double>& x, size_t rows, size_t cols, size_t k, uint64_t seed, int restarts = 3);

// Mean silhouette of a clustering over `sample` rows (indices into x).
double MeanSilhouette(const std::vector<double>& x, size_t cols, const std::vector<int>& label, size_t k,
                      const std::vector<size_t>& sample);

struct KChoice {
  KMeansResult best;
  std::vector<std::pair<size_t, double>> silhouettes;  // (k, mean silhouette) tried
};
// Tries k = min_k..max_k (capped below the number of rows) and keeps the
// highest silhouette. REQUIRES: rows > min_k.
KChoice ChooseK(const std::vector<double>& x, size_t rows, size_t cols, size_t min_k, size_t max_k, uint64_t seed);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_KMEANS_H_
