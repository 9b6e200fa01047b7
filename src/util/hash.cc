#include "util/hash.h"

// The header's own inline copy of XXH3 (the same function as libxxhash's,
// bit for bit): short keys, such as customer ids, hash without a call into
// the shared library.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "util/hash_wide.h"

namespace touchpoint {
namespace {

// Long inputs (a part's chunks, checksummed on every read) go through AVX2
// when the CPU has it: 1.7x the speed of the SSE2 that every x86-64 build
// can assume. AVX-512 hashes faster still, but slowed the whole scan around
// it (the core's clock drops for wide vectors): a 4-step funnel on 10M
// events took 4% more CPU with it than with AVX2 (bench/RESULTS.md).
using HashFn = uint64_t (*)(const void*, size_t);

uint64_t HashBaseline(const void* data, size_t size) { return XXH3_64bits(data, size); }

HashFn PickWide() {
#if defined(__x86_64__) && defined(TP_HASH_WIDE)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) return internal::Hash64Avx2;
#endif
  return HashBaseline;
}

// Below this, the vector width makes no difference and the indirect call would.
constexpr size_t kWideFrom = 1024;

}  // namespace

uint64_t Hash64(std::string_view bytes) { return Hash64(bytes.data(), bytes.size()); }
uint64_t Hash64(const void* data, size_t size) {
  if (size < kWideFrom) return XXH3_64bits(data, size);
  static const HashFn wide = PickWide();  // on first use: safe from other files' static initialisers
  return wide(data, size);
}
uint64_t Hash64WithSeed(std::string_view bytes, uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

}  // namespace touchpoint
