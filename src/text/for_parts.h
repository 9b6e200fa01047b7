// ForParts: the one way text/ splits a pass over n comments between threads:
// at most `threads` contiguous parts (one per 1,024 comments at least, so a
// small corpus runs on the calling thread), fn(begin, end, part) each, so
// each part fills its own state and the caller combines them in part order
// (the result does not depend on the thread count). Returns the number of
// parts. threads = 0 means one per hardware thread.
#ifndef TOUCHPOINT_TEXT_FOR_PARTS_H_
#define TOUCHPOINT_TEXT_FOR_PARTS_H_

#include <algorithm>
#include <cstddef>

#include "util/thread_pool.h"

namespace touchpoint::text {

inline constexpr size_t kMinCommentsPerPart = 1024;

// The number of parts ForParts makes: size per-part state with it.
inline size_t PartCount(size_t n, size_t threads) {
  if (threads == 0) threads = DefaultThreadCount();
  return std::max<size_t>(1, std::min(threads, n / kMinCommentsPerPart + 1));
}

template <typename Fn>
size_t ForParts(size_t n, size_t threads, Fn fn) {
  const size_t parts = PartCount(n, threads);
  RunParallel(parts, parts, [&](size_t p) { fn(n * p / parts, n * (p + 1) / parts, p); });
  return parts;
}

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_FOR_PARTS_H_
