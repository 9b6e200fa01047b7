// ParallelSum: a weighted sum over the rows of a fit's data, split into
// fixed chunks over threads and added in chunk order, so a log-likelihood
// and its gradient are the same numbers whatever the thread count.
#ifndef TOUCHPOINT_MODELS_PARALLEL_SUM_H_
#define TOUCHPOINT_MODELS_PARALLEL_SUM_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include "util/thread_pool.h"

namespace touchpoint::models {

// Rows per chunk: large enough that a chunk outweighs starting a thread.
inline constexpr size_t kRowsPerChunk = 16384;

// Calls fn(begin, end, acc) over [0, rows) in chunks; acc is an array of N
// zeros per chunk; returns the chunk sums added in chunk order.
template <size_t N, typename Fn>
std::array<double, N> ParallelSum(size_t rows, size_t threads, const Fn& fn) {
  const size_t chunks = std::max<size_t>(1, (rows + kRowsPerChunk - 1) / kRowsPerChunk);
  std::vector<std::array<double, N>> partial(chunks);
  auto run = [&](size_t c) {
    partial[c].fill(0.0);
    fn(c * kRowsPerChunk, std::min(rows, (c + 1) * kRowsPerChunk), partial[c].data());
  };
  if (chunks == 1 || threads <= 1) {
    for (size_t c = 0; c < chunks; ++c) run(c);
  } else {
    RunParallel(chunks, threads, run);
  }
  std::array<double, N> total{};
  for (const auto& p : partial) {
    for (size_t k = 0; k < N; ++k) total[k] += p[k];
  }
  return total;
}

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_PARALLEL_SUM_H_
