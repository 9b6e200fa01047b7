// Hash64 is stored on disk (customer order, checksums, event-id sets): every
// path through it (inline for short keys, the vector widths picked at run
// time for long ones) must give libxxhash's XXH3_64bits exactly.
#include "util/hash.h"

#include <gtest/gtest.h>
#include <xxhash.h>  // the shared library's XXH3: the reference

#include <random>
#include <string>

#include "util/hash_wide.h"

namespace touchpoint {
namespace {

TEST(Hash64, KnownValue) {
  // XXH3_64bits of the empty input, seed 0 (xxHash's own sanity check).
  EXPECT_EQ(Hash64(std::string_view()), 0x2D06800538D394C2ull);
}

TEST(Hash64, EqualsTheLibraryAtEverySize) {
  std::mt19937_64 rng(7);
  std::string bytes(300000, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  // Every size up to 4 KiB (both sides of the switch to the wide path at
  // 1 KiB, every XXH3 size class), then long ones at odd offsets.
  for (size_t n = 0; n <= 4096; ++n) {
    ASSERT_EQ(Hash64(bytes.data(), n), XXH3_64bits(bytes.data(), n)) << n;
  }
  for (size_t n : {5000, 65536, 65537, 131071, 299990}) {
    for (size_t off : {0, 1, 7}) {
      ASSERT_EQ(Hash64(bytes.data() + off, n), XXH3_64bits(bytes.data() + off, n)) << n << "+" << off;
      ASSERT_EQ(Hash64(std::string_view(bytes.data() + off, n)), XXH3_64bits(bytes.data() + off, n));
    }
  }
  EXPECT_EQ(Hash64WithSeed("customer-1", 99), XXH3_64bits_withSeed("customer-1", 10, 99));
}

#if defined(__x86_64__)
// The AVX2 build, where this CPU can run it.
TEST(Hash64, Avx2WhereTheCpuHasIt) {
  std::mt19937_64 rng(11);
  std::string bytes(100000, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  __builtin_cpu_init();
  const bool avx2 = __builtin_cpu_supports("avx2");
  if (!avx2) GTEST_SKIP() << "this CPU has no AVX2";
  for (size_t n : {0, 1, 240, 1024, 1025, 4096, 99999}) {
    const uint64_t want = XXH3_64bits(bytes.data(), n);
    EXPECT_EQ(internal::Hash64Avx2(bytes.data(), n), want) << n;
  }
}
#endif

}  // namespace
}  // namespace touchpoint
