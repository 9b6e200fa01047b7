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

// From format version 4 the column after the well-known ones is the load
// column: each row's load id (store/manifest.h), dictionary-encoded with
// the ids as decimal text (a part of one load holds one value, so its
// chunks compress to a few bytes). `unload` finds a load's parts by their
// dictionaries and its rows by their codes. Properties follow it.
inline constexpr int kColLoad = kWellKnownColumnCount;
inline constexpr std::string_view kLoadColumnName = "load";
inline constexpr uint32_t kFirstVersionWithLoads = 4;
// Where properties start in a part of the current version.
inline constexpr int kFirstPropertyColumn = kColLoad + 1;

// Customer chunks, version 5 (ColumnKind::kCustomerRuns), stored without an
// outer zstd frame:
//   [customers fixed64 hashes][customers varint run lengths]
//   [one zstd frame: customers length-prefixed ids]
// The hashes (random, incompressible) and the runs are all a scan needs to
// walk and shard the customers; the ids are decompressed only when asked
// for (PartReader::DecodeCustomerIds). Up to version 4 the chunk was one
// zstd frame of (fixed64 hash, varint run, length-prefixed id) per customer.
inline constexpr uint32_t kFirstVersionWithCustomerRuns = 5;

// Timestamp chunks, version 3 (written today), stored without zstd:
//   [width b: 1 byte, 0..kMaxTimestampBits][block's first timestamp: fixed64]
//   [exception count E: varint][byte length F of the next section: varint]
//   [customers - 1 varints in F bytes: each later customer's first
//    timestamp, zigzag delta from the previous customer's first]
//   [E pairs of varints: index gap from the previous exception (the first
//    from 0), and the delta's bits above b]
//   [the other rows' deltas from the row before (>= 0), in row order, b bits
//    each, least significant bit first][kTimestampPadding zero bytes]
// b minimises the chunk (an exception counted twice, for its decoding), so
// the rare long gaps (weeks between visits) become exceptions rather than
// widening every row. Every section's place is known from the header, so
// each is read once. A delta is one 8-byte
// load, a shift and a mask: no serial varint chain, no decompression.
// Version 2: [width w: 1 byte, 1..8][first timestamp: fixed64][w byte planes
// of `rows` bytes of zigzag deltas, a customer's first row from the
// previous customer's first], zstd without entropy-coded literals.
inline constexpr size_t kTimestampHeaderBytes = 1 + 8;
inline constexpr size_t kMaxTimestampBits = 56;  // with a shift of up to 7, one 8-byte load
inline constexpr size_t kTimestampPadding = 8;
// Zero bytes after bit-packed event codes (ColumnKind::kPackedDict), for the same loads.
inline constexpr size_t kPackedPadding = 8;
// At most 2^32 - 1 distinct events in a part.
inline constexpr size_t kMaxPackedCodeBits = 32;

inline uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_COLUMNS_H_
