// XXH3 compiled for AVX2 (util/hash_avx2.cc, built with -mavx2); util/hash.cc
// calls it when the CPU has AVX2. Same results as Hash64: only the speed
// differs.
#ifndef TOUCHPOINT_UTIL_HASH_WIDE_H_
#define TOUCHPOINT_UTIL_HASH_WIDE_H_

#include <cstddef>
#include <cstdint>

namespace touchpoint::internal {

uint64_t Hash64Avx2(const void* data, size_t size);

}  // namespace touchpoint::internal

#endif  // TOUCHPOINT_UTIL_HASH_WIDE_H_
