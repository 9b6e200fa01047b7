// PartCursor: walks the customers of one part inside one shard (a range of
// the customer-hash space), decoding the requested columns block by block
// into catalog codes. Used by ParallelScan; one per (shard, part).
// Not thread-safe.
#ifndef TOUCHPOINT_SCAN_PART_CURSOR_H_
#define TOUCHPOINT_SCAN_PART_CURSOR_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "scan/catalog.h"
#include "scan/column_arrays.h"
#include "scan/scan_spec.h"
#include "store/part_reader.h"

namespace touchpoint::scan {

// A cursor's decoding buffers. They outlive the cursor, so the next shard a
// thread takes reuses them: fresh ones cost a page fault per 4 KiB touched
// (a decoded block is a few hundred KiB), and buffers above malloc's mmap
// threshold would be returned to the kernel and faulted in again.
struct CursorScratch {
  store::DecodeContext ctx;
  store::CustomerRuns runs;
  ColumnArrays arrays;
  store::PackedTimestamps packed_timestamps;  // lazy timestamps: the block's, not yet decoded
  std::vector<uint8_t> timestamps_decoded;    // lazy timestamps: per customer of the block
};

class PartCursor : public TimestampLoader {
 public:
  // Covers customers with hash in [hash_lo, hash_hi] (inclusive), decoding
  // into `scratch`, which it uses alone while it lives.
  PartCursor(const store::PartReader& part, size_t part_index, const Catalog& catalog, const ScanSpec& spec,
             uint64_t hash_lo, uint64_t hash_hi, CursorScratch* scratch);

  // Positions on the first customer; false at the end. Errors via status().
  bool Valid() const { return valid_; }
  const Status& status() const { return status_; }
  uint64_t hash() const { return runs_.hash[customer_]; }
  // The current customer's id; decompressed with the block's other ids on
  // first use when the spec asked for none (ScanSpec::customer_ids).
  std::string_view id() {
    if (!runs_.ids_ready) LoadIds();
    return runs_.ids_ready ? runs_.id[customer_] : std::string_view();
  }
  size_t row_begin() const { return runs_.start[customer_]; }
  size_t row_end() const { return runs_.start[customer_ + 1]; }
  ColumnArrays& arrays() { return arrays_; }
  // With ScanSpec::lazy_timestamps (on parts of version 3 on), a block's
  // timestamps are decoded customer by customer when asked for (until the
  // consumer turns out to ask for most): these make sure the current
  // customer's are in arrays().timestamp.
  bool TimestampsPending() const { return lazy_block_ && !scratch_.timestamps_decoded[customer_]; }
  void DecodeTimestamps() {
    if (!TimestampsPending()) return;
    scratch_.packed_timestamps.Decode(customer_, runs_.start[customer_], runs_.start[customer_ + 1],
                                      arrays_.timestamp.data());
    scratch_.timestamps_decoded[customer_] = 1;
    lazy_rows_decoded_ += runs_.start[customer_ + 1] - runs_.start[customer_];
  }
  // TimestampLoader: the current customer's.
  const int64_t* Load() override {
    DecodeTimestamps();
    return arrays_.timestamp.data() + row_begin();
  }
  // Moves to the next customer (loading the next block when needed).
  void Next();
  uint64_t blocks_read() const { return blocks_read_; }
  uint64_t blocks_pruned() const { return blocks_pruned_; }

 private:
  void LoadNextBlock();
  void LoadIds();
  Status DecodeBlock(size_t block);

  const store::PartReader& part_;
  size_t part_index_;
  const Catalog& catalog_;
  const ScanSpec& spec_;
  uint64_t hash_lo_, hash_hi_;
  CursorScratch& scratch_;
  store::DecodeContext& ctx_;
  store::CustomerRuns& runs_;
  ColumnArrays& arrays_;
  std::vector<int> property_columns_;  // part column index per spec property, or -1
  std::vector<int> chunk_columns_;     // the part columns a block read takes
  bool lazy_timestamps_ = false;
  // Whether this block's timestamps are decoded customer by customer, and
  // how many of its rows were: a consumer that asks for most customers'
  // times (a funnel whose second step is common) gets the cursor's later
  // blocks decoded whole, which is faster per row.
  bool lazy_block_ = false;
  uint64_t lazy_rows_decoded_ = 0;
  size_t block_ = 0;  // the block decoded last
  size_t next_block_ = 0;
  size_t customer_ = 0;
  bool valid_ = false;
  Status status_;
  uint64_t blocks_read_ = 0, blocks_pruned_ = 0;
};

}  // namespace touchpoint::scan

#endif  // TOUCHPOINT_SCAN_PART_CURSOR_H_
