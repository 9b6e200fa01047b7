#include "util/thread_pool.h"

#include <atomic>
#include <thread>
#include <vector>

namespace touchpoint {

size_t DefaultThreadCount() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

void RunParallel(size_t n, size_t threads, const std::function<void(size_t)>& fn) {
  if (threads <= 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) fn(i);
  };
  std::vector<std::thread> pool;
  size_t spawn = std::min(threads, n) - 1;
  pool.reserve(spawn);
  for (size_t t = 0; t < spawn; ++t) pool.emplace_back(worker);
  worker();  // the calling thread works too
  for (auto& t : pool) t.join();
}

}  // namespace touchpoint
