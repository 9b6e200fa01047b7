// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of
// iSCSI, ext4 and SSE4.2's crc32 instruction. Guards the write-ahead log's
// records (docs/wal_format.md).
//
// Value() uses the SSE4.2 instruction when the CPU has it and a portable
// slicing-by-8 table otherwise; both give identical results. Stateless and
// thread-safe.
#ifndef TOUCHPOINT_UTIL_CRC32C_H_
#define TOUCHPOINT_UTIL_CRC32C_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace touchpoint::crc32c {

// The crc32c of concat(A, data) given crc = crc32c(A). Extend(0, ...) starts.
uint32_t Extend(uint32_t crc, const char* data, size_t n);

inline uint32_t Value(const char* data, size_t n) { return Extend(0, data, n); }
inline uint32_t Value(std::string_view data) { return Extend(0, data.data(), data.size()); }

// Extend() without the hardware path; exposed so tests can check that both
// paths agree.
uint32_t ExtendPortable(uint32_t crc, const char* data, size_t n);

// A CRC computed over bytes that themselves contain CRCs is weak (the crc of
// a string with its own crc appended is a constant), so stored checksums are
// masked: rotated right by 15 bits plus a constant. Unmask(Mask(c)) == c.
inline constexpr uint32_t kMaskDelta = 0x9e3779b9;  // 2^32 / golden ratio: any odd, irregular constant works

inline uint32_t Mask(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + kMaskDelta; }

inline uint32_t Unmask(uint32_t masked) {
  const uint32_t rot = masked - kMaskDelta;
  return (rot >> 17) | (rot << 15);
}

}  // namespace touchpoint::crc32c

#endif  // TOUCHPOINT_UTIL_CRC32C_H_
