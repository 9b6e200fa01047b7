// PartReader: reads a part file (docs/segment_format.md) column by column and
// block by block, so a scan decodes only the columns and time range it needs.
//
// The file is memory-mapped; the footer (block index, dictionaries) is parsed
// and checked once at Open. Decoding functions are const and thread-safe when
// each thread passes its own DecodeContext. Every chunk is checksummed:
// damage is reported as Corruption naming the file, block and column.
#ifndef TOUCHPOINT_STORE_PART_READER_H_
#define TOUCHPOINT_STORE_PART_READER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "store/part_columns.h"
#include "store/part_format.h"
#include "util/status.h"

namespace touchpoint::store {

struct ChunkInfo {
  ColumnKind kind = ColumnKind::kPlain;
  uint64_t offset = 0;
  uint64_t size = 0;  // 0: every value absent in this block
  uint32_t checksum = 0;
};

struct BlockInfo {
  uint64_t rows = 0;
  uint64_t customers = 0;
  uint64_t first_hash = 0;
  uint64_t last_hash = 0;
  int64_t min_ts = 0;
  int64_t max_ts = 0;
  std::vector<ChunkInfo> chunks;  // one per part column
};

struct PartColumn {
  std::string name;
  ColumnKind kind = ColumnKind::kPlain;
  std::vector<std::string> dictionary;  // dict columns: code -> value; [0] = "" (absent)
};

// Per-customer runs of one block.
struct CustomerRuns {
  std::vector<uint64_t> hash;
  std::vector<std::string_view> id;  // views into DecodeContext storage; empty until ids_ready
  std::vector<uint32_t> start;       // customers + 1 entries; rows of customer i: [start[i], start[i+1])
  // Version 5: the ids' zstd frame, decompressed by DecodeCustomerIds.
  std::string_view ids_frame;
  bool ids_ready = false;
};

// A version-3+ block's timestamps, checked but not decoded: a scan that
// needs the times of few customers (a funnel settles most by their events
// alone) decodes just theirs. Points into the DecodeContext the block was
// read with; valid until it reads another block.
struct PackedTimestamps {
  size_t width = 0;                // bits per inner delta
  const uint8_t* packed = nullptr;  // the inner deltas, LSB first, padded
  std::vector<int64_t> first;      // per customer: its first timestamp
  std::vector<uint64_t> exception_at, exception_high;  // inner deltas with bits above `width`, by index
  // Writes customer c's timestamps, rows [begin, stop) of the block, to out[begin, stop).
  // REQUIRES: [begin, stop) is customer c's run of the block it was prepared from.
  void Decode(size_t c, uint32_t begin, uint32_t stop, int64_t* out) const;
};

// Scratch space of one decoding thread. Views handed out by PartReader point
// into it and stay valid until the same buffer slot is used again.
class PartReader;

class DecodeContext {
 public:
  DecodeContext();
  ~DecodeContext();
  DecodeContext(const DecodeContext&) = delete;
  DecodeContext& operator=(const DecodeContext&) = delete;
  // Decompresses into a buffer owned by slot `slot` (one per column in use).
  Result<std::string_view> Decompress(std::string_view compressed, size_t slot);

 private:
  friend class PartReader;
  void* dctx_;
  std::deque<std::string> buffers_;  // a deque: growing it never moves a buffer that views point into
  // A block's chunks read by PartReader::ReadBlockChunks: file bytes [begin, end) of `owner`.
  std::string span_;
  const PartReader* span_owner_ = nullptr;
  uint64_t span_begin_ = 0, span_end_ = 0;
};

class PartReader {
 public:
  static Result<std::unique_ptr<PartReader>> Open(const std::string& path);
  // A part held in memory (used for log-resident events).
  static Result<std::unique_ptr<PartReader>> FromBuffer(std::string bytes, std::string name);
  ~PartReader();
  PartReader(const PartReader&) = delete;
  PartReader& operator=(const PartReader&) = delete;

  const std::string& name() const { return name_; }
  uint64_t rows() const { return rows_; }
  uint64_t format_version() const { return version_; }
  uint64_t customers() const { return customers_; }
  int64_t min_ts() const { return min_ts_; }
  int64_t max_ts() const { return max_ts_; }
  uint64_t file_bytes() const { return size_; }
  const std::vector<PartColumn>& columns() const { return columns_; }
  const std::vector<BlockInfo>& blocks() const { return blocks_; }
  // Index of the column called `name` ("event", "p:device"), or -1.
  int FindColumn(std::string_view name) const;

  // Reads the chunks of `columns` (part column indices) of a block into
  // `ctx` with one read, so the decoders below take them from there: the
  // bytes arrive in cache by a copy, instead of page by page through faults
  // on the mapping (and its teardown at exit). Chunks far from the others
  // stay on the mapping. A no-op for in-memory parts.
  Status ReadBlockChunks(size_t block, const std::vector<int>& columns, DecodeContext* ctx) const;
  // The block's customers: hashes, runs and ids.
  Status DecodeCustomers(size_t block, DecodeContext* ctx, CustomerRuns* out) const;
  // Hashes and runs only; the ids follow from DecodeCustomerIds (from
  // version 5 they are a zstd frame of their own, left compressed here;
  // older parts give them at once, ids_ready).
  Status DecodeCustomerRuns(size_t block, DecodeContext* ctx, CustomerRuns* out) const;
  Status DecodeCustomerIds(size_t block, DecodeContext* ctx, CustomerRuns* runs) const;
  Status DecodeTimestamps(size_t block, const CustomerRuns& runs, DecodeContext* ctx,
                          std::vector<int64_t>* out) const;
  // Checks a block's timestamps and readies them for PackedTimestamps::Decode,
  // customer by customer. REQUIRES: format_version() >= 3.
  Status PrepareTimestamps(size_t block, const CustomerRuns& runs, DecodeContext* ctx, PackedTimestamps* out) const;
  // Dictionary codes of a dict column (all zero when absent in the block).
  // REQUIRES: the column's block chunk is kDict, kPackedDict or absent.
  // With `remap` (one entry per dictionary code), the codes come out as
  // remap[code]: a scan's catalog codes in the same pass.
  Status DecodeCodes(size_t block, int column, DecodeContext* ctx, std::vector<uint32_t>* out,
                     const uint32_t* remap = nullptr) const;
  // Values of any string column (dict or plain) as views; "" when absent.
  Status DecodeStrings(size_t block, int column, DecodeContext* ctx, std::vector<std::string_view>* out) const;
  Status DecodeF64(size_t block, int column, DecodeContext* ctx, std::vector<double>* out) const;
  // The sorted XXH3 hashes of the part's non-empty event ids.
  Status ReadEventIdHashes(DecodeContext* ctx, std::vector<uint64_t>* out) const;
  uint64_t event_id_count() const { return event_id_count_; }
  // Bytes [offset, offset + size) of a version-4 part's raw event-id set,
  // read without the mapping (event_id_filter.cc's FindRepeatedIds verifies the checksum).
  Status ReadEventIdBytes(uint64_t offset, size_t size, char* out) const;
  uint32_t event_id_checksum() const { return event_ids_.checksum; }
  // Checks every chunk's checksum (`touchpoint check`).
  Status VerifyChunks() const;
  // Checks the event-id set: checksum, size, sorted without repeats.
  Status VerifyEventIds() const;
  // The column of each row's load (version 4), or -1 (older parts: unknown).
  int load_column() const { return version_ >= kFirstVersionWithLoads ? kColLoad : -1; }
  // Index of the first property column ("p:name"): after the load column
  // from version 4.
  size_t first_property_column() const { return first_property_; }

 private:
  PartReader() = default;
  Status ParseFooter();
  // A chunk's stored bytes, checksum verified (then decompressed by Chunk).
  Result<std::string_view> StoredChunk(size_t block, int column, const DecodeContext* ctx) const;
  Result<std::string_view> Chunk(size_t block, int column, DecodeContext* ctx) const;
  // A chunk's stored bytes: from ctx's block read when it holds them, else the mapping.
  std::string_view Bytes(const ChunkInfo& ch, const DecodeContext* ctx) const;
  Status DecodePackedTimestamps(size_t block, const CustomerRuns& runs, DecodeContext* ctx,
                                std::vector<int64_t>* out) const;
  // A version-3 timestamp chunk's sections (docs/segment_format.md).
  struct TimestampChunk {
    size_t width = 0;
    uint64_t first_ts = 0, exceptions = 0, inner = 0;
    const uint8_t *firsts = nullptr, *patches = nullptr, *packed = nullptr;
  };
  Status TimestampSections(size_t block, size_t customers, const DecodeContext* ctx, TimestampChunk* out) const;
  template <class Fn>
  Status ForEachException(size_t block, const TimestampChunk& t, Fn&& fn) const;
  template <class Fn>
  Status ForEachFirst(size_t block, const TimestampChunk& t, const CustomerRuns& runs, Fn&& fn) const;
  Status Corrupt(size_t block, int column, std::string_view what) const;

  std::string name_;
  const char* data_ = nullptr;
  size_t size_ = 0;
  void* mapping_ = nullptr;  // mmap base, or null for in-memory parts
  int fd_ = -1;              // for ReadBlockChunks; -1 for in-memory parts
  std::string owned_;        // in-memory parts
  uint64_t rows_ = 0, customers_ = 0;
  uint64_t version_ = 0;  // the part's format version (timestamp encoding)
  int64_t min_ts_ = 0, max_ts_ = 0;
  std::vector<PartColumn> columns_;
  std::vector<BlockInfo> blocks_;
  ChunkInfo event_ids_;
  uint64_t event_id_count_ = 0;
  size_t first_property_ = 0;
};

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_PART_READER_H_
