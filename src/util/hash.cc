#include "util/hash.h"

#include <xxhash.h>

namespace touchpoint {

uint64_t Hash64(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }
uint64_t Hash64(const void* data, size_t size) { return XXH3_64bits(data, size); }
uint64_t Hash64WithSeed(std::string_view bytes, uint64_t seed) {
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

}  // namespace touchpoint
