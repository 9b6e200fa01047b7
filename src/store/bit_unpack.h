// Bit unpacking for the columns a part stores packed and reads in place
// (part_columns.h): byte planes of timestamp deltas, LSB-first bit streams
// of deltas and dictionary codes. Each width has its own unrolled loop,
// chosen through a table; every function reads up to 8 bytes past its last
// field (the writer pads with kPackedPadding). Stateless; thread-safe.
#ifndef TOUCHPOINT_STORE_BIT_UNPACK_H_
#define TOUCHPOINT_STORE_BIT_UNPACK_H_

#include <cstddef>
#include <cstdint>

namespace touchpoint::store {

// out[r] = the little-endian number whose byte k is planes[k * rows + r], k < width (1-8).
void GatherPlanes(const uint8_t* planes, size_t width, size_t rows, uint64_t* out);

// out[k] = the k-th `width`-bit field of the bit stream at p. REQUIRES: width <= kMaxTimestampBits.
void UnpackBits(const uint8_t* p, size_t width, size_t n, uint64_t* out);

// The k-th `width`-bit field alone (a customer's run of timestamp deltas,
// PackedTimestamps::Decode). REQUIRES: width <= kMaxTimestampBits, 8
// readable bytes from the field's first byte.
inline uint64_t UnpackField(const uint8_t* p, size_t width, uint64_t k) {
  const uint64_t bit = k * width;
  uint64_t word;
  __builtin_memcpy(&word, p + (bit >> 3), 8);  // little-endian, as the writer packs
  return width == 0 ? 0 : word >> (bit & 7) & (~0ULL >> (64 - width));
}

// The same for dictionary codes. REQUIRES: width <= kMaxPackedCodeBits.
void UnpackCodes(const uint8_t* p, size_t width, size_t n, uint32_t* out);

// Codes of at most kMaxTableCodeBits bits are unpacked through a table of
// every value the width can hold: the dictionary check and the catalog
// remap cost one lookup per row instead of their own passes. Entries past
// the dictionary hold kBadCode, which no dictionary reaches (dictionaries
// are far smaller), and are detected by the OR of the output, returned.
inline constexpr size_t kMaxTableCodeBits = 8;
inline constexpr uint32_t kBadCode = 0x80000000u;
uint32_t UnpackCodesThroughTable(const uint8_t* p, size_t width, size_t n, const uint32_t* table, uint32_t* out);

// True when a code is `limit` or more; with `remap`, codes become remap[code]
// (a code outside reads entry 0; the caller fails). A pass of its own, so
// the unpacking has no dependency chain.
bool CheckAndRemap(uint32_t* codes, size_t n, uint32_t limit, const uint32_t* remap);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_BIT_UNPACK_H_
