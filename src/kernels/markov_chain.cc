#include "kernels/markov_chain.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace touchpoint::kernels {
namespace {

// Transient states are numbered 0 (start) and 1 + channel index.
bool IsTransient(uint32_t state) { return state == MarkovChain::kStart || state >= MarkovChain::kFirstChannel; }
size_t TransientIndex(uint32_t state) {
  return state == MarkovChain::kStart ? 0 : static_cast<size_t>(state - MarkovChain::kFirstChannel) + 1;
}

// Solves A x = b in place by Gaussian elimination with partial pivoting and
// returns x[0]. A is n x n, row-major.
double SolveFirst(std::vector<double>& a, std::vector<double>& b, size_t n) {
  for (size_t col = 0; col < n; ++col) {
    size_t pivot = col;
    for (size_t r = col + 1; r < n; ++r) {
      if (std::fabs(a[r * n + col]) > std::fabs(a[pivot * n + col])) pivot = r;
    }
    if (pivot != col) {
      for (size_t k = 0; k < n; ++k) std::swap(a[col * n + k], a[pivot * n + k]);
      std::swap(b[col], b[pivot]);
    }
    const double d = a[col * n + col];
    assert(d != 0);  // I - Q is nonsingular (see the header)
    for (size_t r = col + 1; r < n; ++r) {
      const double f = a[r * n + col] / d;
      if (f == 0) continue;
      for (size_t k = col; k < n; ++k) a[r * n + k] -= f * a[col * n + k];
      b[r] -= f * b[col];
    }
  }
  std::vector<double> x(n, 0.0);
  for (size_t i = n; i-- > 0;) {
    double s = b[i];
    for (size_t k = i + 1; k < n; ++k) s -= a[i * n + k] * x[k];
    x[i] = s / a[i * n + i];
  }
  return x[0];
}

}  // namespace

void MarkovChain::Add(uint32_t from, uint32_t to, double count) {
  assert(IsTransient(from) && to != kStart);
  assert(from < kFirstChannel + channels_ && to < kFirstChannel + channels_);
  counts_[{from, to}] += count;
}

void MarkovChain::AddPath(const uint32_t* channels, size_t n, bool converted) {
  if (n == 0) return;
  uint32_t prev = kStart;
  for (size_t i = 0; i < n; ++i) {
    const uint32_t state = kFirstChannel + channels[i];
    Add(prev, state);
    prev = state;
  }
  Add(prev, converted ? kConversion : kNull);
}

double MarkovChain::ConversionProbability(const std::vector<std::vector<Edge>>& rows, int removed, bool dense,
                                          std::vector<double>* x) const {
  const size_t n = rows.size();
  const size_t removed_index = removed < 0 ? n : static_cast<size_t>(removed) + 1;
  if (dense) {
    std::vector<double> a(n * n, 0.0), b(n, 0.0);
    for (size_t s = 0; s < n; ++s) {
      a[s * n + s] = 1;
      if (s == removed_index) continue;  // x_removed = 0: it only leads to null
      for (const Edge& e : rows[s]) {
        if (e.to == kConversion)
          b[s] += e.probability;
        else if (IsTransient(e.to))
          a[s * n + TransientIndex(e.to)] -= e.probability;
      }
    }
    return SolveFirst(a, b, n);
  }
  // Gauss-Seidel: x_s = (r_s + sum_{j != s} p_sj x_j) / (1 - p_ss), from
  // the caller's start (see the header), in place.
  std::vector<double>& v = *x;
  if (removed_index < n) v[removed_index] = 0;
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    double change = 0;
    for (size_t s = 0; s < n; ++s) {
      if (s == removed_index) continue;
      double sum = 0, self = 0;
      for (const Edge& e : rows[s]) {
        if (e.to == kConversion) {
          sum += e.probability;
        } else if (IsTransient(e.to)) {
          const size_t j = TransientIndex(e.to);
          if (j == s)
            self += e.probability;
          else
            sum += e.probability * v[j];
        }
      }
      const double next = self < 1 ? sum / (1 - self) : 0;  // self == 1 only for an unobserved state
      change = std::max(change, std::fabs(next - v[s]));
      v[s] = next;
    }
    if (change < kTolerance) break;
  }
  return v[0];
}

MarkovChain::Result MarkovChain::Solve(Solver solver) const {
  Result result;
  result.removal_effect.assign(channels_, 0.0);
  const size_t n = channels_ + 1;
  std::vector<double> out_total(n, 0.0);
  for (const auto& [key, count] : counts_) out_total[TransientIndex(key.first)] += count;
  std::vector<std::vector<Edge>> rows(n);
  for (const auto& [key, count] : counts_) {
    Transition t;
    t.from = key.first;
    t.to = key.second;
    t.count = count;
    t.probability = count / out_total[TransientIndex(key.first)];
    rows[TransientIndex(key.first)].push_back({t.to, t.probability});
    result.transitions.push_back(t);
  }
  if (rows[0].empty()) return result;  // no paths: nothing converts
  const bool dense = solver == Solver::kDense || (solver == Solver::kAuto && n <= kDenseMaxStates);
  std::vector<double> full(n, 0.0), x;
  result.conversion_probability = ConversionProbability(rows, -1, dense, &full);
  if (result.conversion_probability <= 0) return result;
  for (size_t c = 0; c < channels_; ++c) {
    x = full;
    const double without = ConversionProbability(rows, static_cast<int>(c), dense, &x);
    // Clamp rounding noise: removing a state can only lower P.
    result.removal_effect[c] = std::clamp(1 - without / result.conversion_probability, 0.0, 1.0);
  }
  return result;
}

}  // namespace touchpoint::kernels
