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

// Bytes PutVarint64(value) would append: 1..10.
size_t VarintLength(uint64_t value);

}  // namespace touchpoint

#endif  // TOUCHPOINT_UTIL_CODING_H_
