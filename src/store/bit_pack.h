// Bit packing for the part writer's columns (part_columns.h), the writing
// side of bit_unpack.h: dictionary codes at 1, 2 or 4 bytes, LSB-first bit
// streams padded so that readers' 8-byte loads stay inside the chunk.
// Stateless; thread-safe.
#ifndef TOUCHPOINT_STORE_BIT_PACK_H_
#define TOUCHPOINT_STORE_BIT_PACK_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace touchpoint::store {

// ColumnKind::kDict codes: [width byte: 1, 2 or 4][codes, little-endian].
void AppendCodes(const std::vector<uint32_t>& codes, size_t dict_size, std::string* out);

// Appends the low `width` bits (at most 56) of each value as an LSB-first bit
// stream, then `padding` (>= 8) zero bytes, so the readers' 8-byte loads
// never leave the chunk (part_columns.h).
template <class T>
void AppendBits(const std::vector<T>& values, size_t width, size_t padding, std::string* out) {
  const size_t start = out->size();
  out->resize(start + (values.size() * width + 7) / 8 + padding, '\0');
  auto* p = reinterpret_cast<uint8_t*>(out->data() + start);
  const uint64_t mask = (uint64_t{1} << width) - 1;
  for (size_t k = 0, bit = 0; k < values.size(); ++k, bit += width) {
    uint64_t word;
    std::memcpy(&word, p + (bit >> 3), 8);
    word |= (static_cast<uint64_t>(values[k]) & mask) << (bit & 7);
    std::memcpy(p + (bit >> 3), &word, 8);
  }
}

// The event column's codes (ColumnKind::kPackedDict): [width byte][codes,
// `width` bits each][kPackedPadding zero bytes].
void AppendPackedCodes(const std::vector<uint32_t>& codes, size_t dict_size, std::string* out);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_BIT_PACK_H_
