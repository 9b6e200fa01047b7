// The fixed columns every part starts with, in stored order; properties
// follow as "p:<name>". Shared by PartWriter, PartReader and the scan.
#ifndef TOUCHPOINT_STORE_PART_COLUMNS_H_
#define TOUCHPOINT_STORE_PART_COLUMNS_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "store/part_format.h"

namespace touchpoint::store {

struct WellKnownColumn {
  std::string_view name;
  ColumnKind kind;
};

// Indices into kWellKnownColumns (and into a part's column list).
enum : int {
  kColTimestamp = 0,
  kColCustomer,
  kColEvent,
  kColChannel,
  kColCampaign,
  kColPage,
  kColSurvey,
  kColFeature,
  kColEventId,
  kColSessionId,
  kColComment,
  kColRevenue,
  kColScore,
  kWellKnownColumnCount,
};

inline constexpr std::array<WellKnownColumn, kWellKnownColumnCount> kWellKnownColumns = {{
    {"timestamp", ColumnKind::kTimestamp},
    {"customer_id", ColumnKind::kCustomer},
    {"event", ColumnKind::kDict},
    {"channel", ColumnKind::kDict},
    {"campaign", ColumnKind::kDict},
    {"page", ColumnKind::kDict},
    {"survey", ColumnKind::kDict},
    {"feature", ColumnKind::kDict},
    {"event_id", ColumnKind::kPlain},
    {"session_id", ColumnKind::kPlain},
    {"comment", ColumnKind::kPlain},
    {"revenue", ColumnKind::kF64},
    {"score", ColumnKind::kF64},
}};

// Version 2 timestamp chunks: [width: 1 byte, 1..8][block's first timestamp:
// fixed64][width byte planes of `rows` bytes: byte 0 of every zigzag delta,
// then byte 1, ...], compressed without entropy-coded literals. Fixed-width
// deltas decode without the serial byte-by-byte dependency of varints; the
// planes keep the noisy low bytes apart from the quiet high ones, so zstd's
// matches take the latter and the former are copied, not Huffman-decoded.
inline constexpr size_t kTimestampHeaderBytes = 1 + 8;

inline uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_COLUMNS_H_
