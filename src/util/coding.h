// Byte coding helpers for our on-disk formats: little-endian fixed-width
// integers, LEB128-style varints (7 bits a byte, low groups first, high bit
// set on every byte but the last) and length-prefixed byte strings.
//
// Put* functions append to a std::string. Get* functions consume from the
// front of a std::string_view and return false, leaving *in unspecified, when
// the input is truncated or malformed; they never read past the view, so
// they are safe on corrupted data. Stateless and thread-safe.
#ifndef TOUCHPOINT_UTIL_CODING_H_
#define TOUCHPOINT_UTIL_CODING_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace touchpoint {

// A uint64 varint takes at most 10 bytes (ceil(64 / 7)); a uint32 one 5.
inline constexpr size_t kMaxVarint64Bytes = 10;
inline constexpr size_t kMaxVarint32Bytes = 5;

// Fixed-width little-endian encodings into a buffer of at least 4 / 8 bytes.
void EncodeFixed32(char* dst, uint32_t value);
void EncodeFixed64(char* dst, uint64_t value);
uint32_t DecodeFixed32(const char* src);
uint64_t DecodeFixed64(const char* src);

void PutFixed32(std::string* dst, uint32_t value);
void PutFixed64(std::string* dst, uint64_t value);
void PutVarint32(std::string* dst, uint32_t value);
void PutVarint64(std::string* dst, uint64_t value);
// A signed value as a varint of its zigzag form (0, -1, 1, -2 -> 0, 1, 2, 3),
// so small magnitudes of either sign stay short.
void PutVarintSigned64(std::string* dst, int64_t value);
// varint64 length, then the bytes.
void PutLengthPrefixed(std::string* dst, std::string_view value);

bool GetFixed32(std::string_view* in, uint32_t* value);
bool GetFixed64(std::string_view* in, uint64_t* value);
// Rejects overlong encodings that overflow the type (e.g. an 11-byte varint,
// or a 10th byte above 1), not merely non-minimal ones.
bool GetVarint32(std::string_view* in, uint32_t* value);
bool GetVarintSigned64(std::string_view* in, int64_t* value);
// *value points into the bytes of *in (no copy): it lives as long as they do.
bool GetLengthPrefixed(std::string_view* in, std::string_view* value);

// Inline: it sits in every decode loop (timestamps, lengths).
inline bool GetVarint64(std::string_view* in, uint64_t* value) {
  uint64_t result = 0;
  for (size_t i = 0; i < in->size() && i < kMaxVarint64Bytes; ++i) {
    const uint64_t byte = static_cast<unsigned char>((*in)[i]);
    // The 10th byte holds bit 63 only.
    if (i == kMaxVarint64Bytes - 1 && byte > 1) return false;
    result |= (byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      *value = result;
      in->remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

// As GetVarint64 on raw bytes [*p, end), advancing *p: the form for hot
// decode loops. With 8 bytes left it reads them as one word and finds the
// varint's end from the stop bits, so a 1-8 byte varint costs no per-byte
// branch; otherwise (and for 9-10 byte varints) it takes the checked path.
[[gnu::always_inline]] inline bool GetVarint64Fast(const uint8_t** p, const uint8_t* end, uint64_t* value) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the word read assumes little-endian");
  if (end - *p >= 8) {
    uint64_t x;
    __builtin_memcpy(&x, *p, 8);
    const uint64_t stops = ~x & 0x8080808080808080ULL;  // a clear high bit ends the varint
    if (stops != 0) {
      const int bytes = (__builtin_ctzll(stops) >> 3) + 1;
      if (bytes < 8) x &= (uint64_t{1} << (8 * bytes)) - 1;
      // Squeeze the 7-bit groups together: 8 x 7 -> 4 x 14 -> 2 x 28 -> 56 bits.
      x = (x & 0x007F007F007F007FULL) | ((x & 0x7F007F007F007F00ULL) >> 1);
      x = (x & 0x00003FFF00003FFFULL) | ((x & 0x3FFF00003FFF0000ULL) >> 2);
      x = (x & 0x000000000FFFFFFFULL) | ((x & 0x0FFFFFFF00000000ULL) >> 4);
      *value = x;
      *p += bytes;
      return true;
    }
  }
  std::string_view in(reinterpret_cast<const char*>(*p), static_cast<size_t>(end - *p));
  if (!GetVarint64(&in, value)) return false;
  *p = reinterpret_cast<const uint8_t*>(in.data());
  return true;
}

// Bytes PutVarint64(value) would append: 1..10.
size_t VarintLength(uint64_t value);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_CODING_H_
