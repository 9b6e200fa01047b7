// SphericalKMeans: k-means on unit-length sparse vectors (the comments'
// TF-IDF vectors, docs/feedback.md "Themes") with cosine similarity. Centroids start by k-means++ seeding (a first
// comment at random, then each next with probability proportional to its
// cosine distance 1 - max similarity to those chosen), then alternate
// assignment and the normalised mean until no comment moves (or
// `iterations`); of `restarts` seeded runs the one with the largest total
// similarity wins, which makes the themes steadier across seeds and
// samples. Not thread-safe while fitting; Assign is const and thread-safe.
#ifndef TOUCHPOINT_TEXT_KMEANS_CLUSTERING_H_
#define TOUCHPOINT_TEXT_KMEANS_CLUSTERING_H_

#include <cstdint>
#include <span>
#include <vector>

namespace touchpoint::text {

struct KMeansOptions {
  size_t clusters = 20;
  int iterations = 30;
  int restarts = 3;
  uint64_t seed = 1;
};

class SphericalKMeans {
 public:
  struct Vector {
    std::vector<uint32_t> ids;  // distinct, ascending, below the dimension
    std::vector<float> values;  // any length; the similarity divides by it
  };
  // Empty vectors are skipped. With `initial` (a cluster per doc, or -1),
  // the centroids start as the normalised means of those clusters and one
  // run is made (no seeding, no restarts): deterministic given the data.
  static SphericalKMeans Fit(const std::vector<Vector>& docs, size_t dimension, const KMeansOptions& options,
                             const std::vector<int>* initial = nullptr);

  size_t clusters() const { return live_.size(); }
  // The live cluster most similar to a comment, or -1 when it has no terms
  // or shares none with any centroid.
  int Assign(const Vector& v) const;
  void Drop(size_t k) { live_[k] = false; }
  bool live(size_t k) const { return live_[k]; }

 private:
  // Cosine similarity of each centroid to the doc; returns the best cluster.
  int Best(const Vector& v, double* similarity) const;
  std::vector<float> centroids_;  // [w * K + k], unit length per cluster
  std::vector<bool> live_;
};

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_KMEANS_CLUSTERING_H_
