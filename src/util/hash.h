// Stable 64-bit hashes (XXH3). Stable across runs and machines: they are
// stored on disk (customer order in parts, event_id sets), so never change
// the seed or the function without a format version bump.
#ifndef TOUCHPOINT_UTIL_HASH_H_
#define TOUCHPOINT_UTIL_HASH_H_

#include <cstdint>
#include <string_view>

namespace touchpoint {

uint64_t Hash64(std::string_view bytes);
uint64_t Hash64(const void* data, size_t size);
// XXH3 with a seed: a store's suppression list hashes erased ids with its
// own random seed, so the list cannot be matched against another store's.
uint64_t Hash64WithSeed(std::string_view bytes, uint64_t seed);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_HASH_H_
