// XXH3 for CPUs with AVX2 (util/hash_wide.h); built with its -m flags, called
// only after util/hash.cc has checked that the CPU has them.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "util/hash_wide.h"

namespace touchpoint::internal {

uint64_t Hash64Avx2(const void* data, size_t size) { return XXH3_64bits(data, size); }

}  // namespace touchpoint::internal
