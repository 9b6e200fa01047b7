// Constants shared by PartWriter and PartReader. The format is described in
// docs/segment_format.md; change both together and bump kPartFormatVersion.
#ifndef TOUCHPOINT_STORE_PART_FORMAT_H_
#define TOUCHPOINT_STORE_PART_FORMAT_H_

#include <cstdint>
#include <string_view>

namespace touchpoint::store {

inline constexpr uint64_t kPartMagic = 0x54504152'54303031ULL;  // "TPART001"
inline constexpr uint32_t kPartFormatVersion = 5;
// Version 1 (varint timestamps), 2 (byte-plane timestamps), 3 (no load
// column, a zstd-compressed event-id set) and 4 (customer chunks in one
// zstd frame) parts are still read.
inline constexpr uint32_t kOldestReadablePartVersion = 1;
inline constexpr size_t kPartTrailerSize = 4 + 4 + 8;  // footer_size, footer_crc, magic
// Blocks end at the first customer boundary past this many rows. A scan
// shard holds one decoded block per part at a time: with a fresh load's ten
// parts, 64K-row blocks overflowed the cache (16K rows: a 4-step funnel on
// 10M events 0.125 s -> 0.10 s, for 0.6% more bytes; docs/segment_format.md).
inline constexpr size_t kTargetBlockRows = 1 << 14;
inline constexpr int kZstdLevel = 3;
// A property column is dictionary-encoded only below this many distinct values.
inline constexpr size_t kMaxDictValues = 1 << 16;

// Serialized in the footer: values are fixed.
enum class ColumnKind : uint8_t {
  kTimestamp = 0,
  kCustomer = 1,
  kDict = 2,
  kPlain = 3,
  kF64 = 4,
  // Per chunk only (version 3): dictionary codes bit-packed and stored
  // without zstd, for the event column that every analysis reads.
  kPackedDict = 5,
  // Per chunk only (version 5): the customer column with its hashes and run
  // lengths stored as they are and only the ids zstd-compressed, so a scan
  // that needs no ids (a funnel) decompresses nothing (part_columns.h).
  kCustomerRuns = 6,
};

// Well-known column names as stored. Properties are stored as "p:<name>".
inline constexpr std::string_view kPropertyPrefix = "p:";

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_FORMAT_H_
