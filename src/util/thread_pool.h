// RunParallel: runs fn(0..n-1) on up to `threads` OS threads and waits.
// The scan is the only parallel stage and its tasks are few and coarse
// (customer shards), so a fork-join helper is all we need; no queue.
#ifndef TOUCHPOINT_UTIL_THREAD_POOL_H_
#define TOUCHPOINT_UTIL_THREAD_POOL_H_

#include <cstddef>
#include <functional>

namespace touchpoint {

// Number of threads to use by default: the machine's hardware threads.
size_t DefaultThreadCount();

// Calls fn(i) for every i in [0, n), at most `threads` at a time; tasks are
// handed out dynamically so uneven shards balance. Returns when all are done.
void RunParallel(size_t n, size_t threads, const std::function<void(size_t)>& fn);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_THREAD_POOL_H_
