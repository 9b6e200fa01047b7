// Constants of the write-ahead log format, shared by WalWriter and WalReader.
// The format itself is described in docs/wal_format.md; change both together.
#ifndef TOUCHPOINT_STORE_WAL_FORMAT_H_
#define TOUCHPOINT_STORE_WAL_FORMAT_H_

#include <cstddef>
#include <cstdint>

namespace touchpoint::store {

// Type byte of a physical record. Serialized: never renumber.
enum class WalRecordType : uint8_t {
  kZero = 0,   // never written; what zero-filled space (preallocation, a torn tail) looks like
  kFull = 1,   // a whole logical record
  kFirst = 2,  // first fragment of a logical record split across blocks
  kMiddle = 3,
  kLast = 4,
};
inline constexpr uint8_t kWalMaxRecordType = static_cast<uint8_t>(WalRecordType::kLast);

// A log is a sequence of blocks of this size; a physical record never
// crosses a block boundary, so a reader can resynchronize at the next block.
inline constexpr size_t kWalBlockSize = 32 * 1024;

// Header: masked crc32c of (type byte, payload) (4, little-endian), payload
// length (2, little-endian), type (1).
inline constexpr size_t kWalChecksumSize = 4;
inline constexpr size_t kWalLengthSize = 2;
inline constexpr size_t kWalHeaderSize = kWalChecksumSize + kWalLengthSize + 1;
inline constexpr size_t kWalTypeOffset = kWalChecksumSize + kWalLengthSize;

// The most payload one physical record can carry (a record alone in a block).
inline constexpr size_t kWalMaxFragment = kWalBlockSize - kWalHeaderSize;
static_assert(kWalMaxFragment <= 0xffff, "fragment length must fit the 2-byte length field");

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_WAL_FORMAT_H_
