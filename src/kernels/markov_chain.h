// MarkovChain: the first-order absorbing Markov chain behind data-driven
// attribution (docs/attribution.md, "Markov model").
//
// States: (start), one per channel, and the absorbing (conversion) and
// (null). Every customer path adds its transitions: start -> c1 -> ... ->
// ck -> conversion (a converting path) or -> null (a journey that did not
// convert). Transition probabilities are the observed counts normalised per
// source state. The chain answers P(conversion | start) and, per channel c,
// the removal effect 1 - P_without_c / P, where "without c" sends every
// transition into c to (null).
//
// Absorption probabilities solve x = Q x + r over the transient states
// (Q: transient -> transient, r: transient -> conversion). Up to
// kDenseMaxStates transient states this is an exact dense Gaussian
// elimination; above, Gauss-Seidel sweeps to kTolerance. From x = 0 the
// iterates rise monotonically to P; a removal starts from P's solution with
// x_c = 0, which lies above the smaller solution, so its iterates fall to it
// and only the states near c have far to go. I - Q is never singular: every
// counted transition lies on a path that ends absorbed, so absorption is
// reachable from every state. Self-loops (email -> email) do not change any
// absorption probability; they are kept so the transitions are reported as
// seen. Not thread-safe while being built; Solve is const.
#ifndef TOUCHPOINT_KERNELS_MARKOV_CHAIN_H_
#define TOUCHPOINT_KERNELS_MARKOV_CHAIN_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace touchpoint::kernels {

class MarkovChain {
 public:
  // State numbers. Channel i (0-based) is state kFirstChannel + i.
  static constexpr uint32_t kStart = 0;
  static constexpr uint32_t kConversion = 1;
  static constexpr uint32_t kNull = 2;
  static constexpr uint32_t kFirstChannel = 3;
  // Largest transient state count (start + channels) solved densely: the
  // removal effects take channels + 1 solves of O(n^3 / 3) each.
  static constexpr size_t kDenseMaxStates = 160;
  static constexpr double kTolerance = 1e-14;
  static constexpr int kMaxSweeps = 1000000;

  enum class Solver { kAuto, kDense, kIterative };

  struct Transition {
    uint32_t from = 0, to = 0;
    double count = 0;
    double probability = 0;  // count / all counts leaving `from`
  };

  struct Result {
    double conversion_probability = 0;    // P(conversion | start)
    std::vector<double> removal_effect;   // per channel; 0 when P = 0
    std::vector<Transition> transitions;  // sorted by (from, to)
  };

  explicit MarkovChain(size_t channels) : channels_(channels) {}

  size_t channels() const { return channels_; }
  // Adds `count` observations of from -> to. REQUIRES: from is kStart or a
  // channel; to is not kStart; channel states < kFirstChannel + channels().
  void Add(uint32_t from, uint32_t to, double count = 1);
  // Adds a path of channel indices (0-based) ending converted or not.
  // An empty path adds nothing (it has no channel to learn from).
  void AddPath(const uint32_t* channels, size_t n, bool converted);

  Result Solve(Solver solver = Solver::kAuto) const;

 private:
  struct Edge {
    uint32_t to;
    double probability;
  };
  // P(conversion | start) with channel `removed` (-1: none) absorbing into
  // null. Iterative: `x` is the start and receives the solution; dense: unused.
  double ConversionProbability(const std::vector<std::vector<Edge>>& rows, int removed, bool dense,
                               std::vector<double>* x) const;

  size_t channels_;
  std::map<std::pair<uint32_t, uint32_t>, double> counts_;  // (from, to) -> observations
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_MARKOV_CHAIN_H_
