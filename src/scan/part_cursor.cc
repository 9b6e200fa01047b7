#include "scan/part_cursor.h"

#include <algorithm>

#include "store/part_columns.h"

namespace touchpoint::scan {
namespace {

constexpr int kStoredDict[kDictColumnCount] = {store::kColEvent,  store::kColChannel, store::kColCampaign,
                                               store::kColPage,   store::kColSurvey,  store::kColFeature};

}  // namespace

PartCursor::PartCursor(const store::PartReader& part, size_t part_index, const Catalog& catalog,
                       const ScanSpec& spec, uint64_t hash_lo, uint64_t hash_hi, CursorScratch* scratch)
    : part_(part),
      part_index_(part_index),
      catalog_(catalog),
      spec_(spec),
      hash_lo_(hash_lo),
      hash_hi_(hash_hi),
      scratch_(*scratch),
      ctx_(scratch->ctx),
      runs_(scratch->runs),
      arrays_(scratch->arrays) {
  lazy_timestamps_ = spec.lazy_timestamps && part.format_version() >= 3;
  for (const std::string& name : spec.properties) {
    property_columns_.push_back(part.FindColumn(std::string(store::kPropertyPrefix) + name));
  }
  // The chunks each block read takes (PartReader::ReadBlockChunks).
  chunk_columns_ = {store::kColTimestamp, store::kColCustomer};
  for (int c = 0; c < kDictColumnCount; ++c) {
    if (spec.columns & (1u << c)) chunk_columns_.push_back(kStoredDict[c]);
  }
  for (auto [flag, column] : {std::pair{kColumnRevenue, store::kColRevenue}, std::pair{kColumnScore, store::kColScore},
                              std::pair{kColumnEventId, store::kColEventId},
                              std::pair{kColumnSessionId, store::kColSessionId},
                              std::pair{kColumnComment, store::kColComment}}) {
    if (spec.columns & flag) chunk_columns_.push_back(column);
  }
  for (int column : property_columns_) {
    if (column >= 0) chunk_columns_.push_back(column);
  }
  const auto& blocks = part.blocks();
  // Blocks are in hash order: skip those wholly below the shard.
  next_block_ = static_cast<size_t>(
      std::partition_point(blocks.begin(), blocks.end(),
                           [&](const store::BlockInfo& b) { return b.last_hash < hash_lo; }) -
      blocks.begin());
  LoadNextBlock();
}

Status PartCursor::DecodeBlock(size_t block) {
  TP_RETURN_IF_ERROR(part_.ReadBlockChunks(block, chunk_columns_, &ctx_));
  // Lazy timestamps until a block (the previous one: runs_ still holds it)
  // has had the times of more than half its rows asked for.
  if (lazy_block_ && lazy_rows_decoded_ * 2 > runs_.start.back()) lazy_timestamps_ = false;
  lazy_block_ = lazy_timestamps_;
  lazy_rows_decoded_ = 0;
  TP_RETURN_IF_ERROR(part_.DecodeCustomerRuns(block, &ctx_, &runs_));
  if (spec_.ViewsNeedIds()) TP_RETURN_IF_ERROR(part_.DecodeCustomerIds(block, &ctx_, &runs_));
  const uint32_t cols = spec_.columns;
  // No Clear(): every requested column is overwritten by its decoder, and
  // emptying the vectors first would make each resize zero-fill the block.
  arrays_.properties.resize(spec_.properties.size());
  if (lazy_block_) {
    TP_RETURN_IF_ERROR(part_.PrepareTimestamps(block, runs_, &ctx_, &scratch_.packed_timestamps));
    arrays_.timestamp.resize(runs_.start.back());  // filled customer by customer (Load)
    scratch_.timestamps_decoded.assign(runs_.hash.size(), 0);
  } else {
    TP_RETURN_IF_ERROR(part_.DecodeTimestamps(block, runs_, &ctx_, &arrays_.timestamp));
  }
  for (int c = 0; c < kDictColumnCount; ++c) {
    if (!(cols & (1u << c))) continue;
    // The part's codes become the catalog's as they are decoded; most parts'
    // dictionaries are the catalog's order already, and need no translation.
    const auto column = static_cast<DictColumn>(c);
    const uint32_t* remap = catalog_.IsIdentity(part_index_, column) ? nullptr : catalog_.Remap(part_index_, column).data();
    TP_RETURN_IF_ERROR(part_.DecodeCodes(block, kStoredDict[c], &ctx_, &arrays_.dict[c], remap));
  }
  if (cols & kColumnRevenue) TP_RETURN_IF_ERROR(part_.DecodeF64(block, store::kColRevenue, &ctx_, &arrays_.revenue));
  if (cols & kColumnScore) TP_RETURN_IF_ERROR(part_.DecodeF64(block, store::kColScore, &ctx_, &arrays_.score));
  if (cols & kColumnEventId) {
    TP_RETURN_IF_ERROR(part_.DecodeStrings(block, store::kColEventId, &ctx_, &arrays_.event_id));
  }
  if (cols & kColumnSessionId) {
    TP_RETURN_IF_ERROR(part_.DecodeStrings(block, store::kColSessionId, &ctx_, &arrays_.session_id));
  }
  if (cols & kColumnComment) {
    TP_RETURN_IF_ERROR(part_.DecodeStrings(block, store::kColComment, &ctx_, &arrays_.comment));
  }
  for (size_t p = 0; p < property_columns_.size(); ++p) {
    if (property_columns_[p] < 0) {
      arrays_.properties[p].assign(arrays_.timestamp.size(), std::string_view());
    } else {
      TP_RETURN_IF_ERROR(part_.DecodeStrings(block, property_columns_[p], &ctx_, &arrays_.properties[p]));
    }
  }
  return Status::OK();
}

void PartCursor::LoadIds() {
  const Status s = part_.DecodeCustomerIds(block_, &ctx_, &runs_);
  if (!s.ok() && status_.ok()) status_ = s;
}

void PartCursor::LoadNextBlock() {
  valid_ = false;
  const auto& blocks = part_.blocks();
  while (next_block_ < blocks.size()) {
    const store::BlockInfo& b = blocks[next_block_++];
    if (b.first_hash > hash_hi_) {
      next_block_ = blocks.size();
      return;
    }
    if (b.max_ts < spec_.from_ms || b.min_ts >= spec_.to_ms || b.rows == 0) {
      ++blocks_pruned_;
      continue;
    }
    block_ = next_block_ - 1;
    status_ = DecodeBlock(block_);
    if (!status_.ok()) return;
    ++blocks_read_;
    // First customer of the block inside the shard.
    customer_ = static_cast<size_t>(std::lower_bound(runs_.hash.begin(), runs_.hash.end(), hash_lo_) -
                                    runs_.hash.begin());
    if (customer_ < runs_.hash.size() && runs_.hash[customer_] <= hash_hi_) {
      valid_ = true;
      return;
    }
    if (customer_ < runs_.hash.size()) {  // past the shard
      next_block_ = blocks.size();
      return;
    }
  }
}

void PartCursor::Next() {
  ++customer_;
  if (customer_ < runs_.hash.size()) {
    if (runs_.hash[customer_] <= hash_hi_) return;
    valid_ = false;
    next_block_ = part_.blocks().size();
    return;
  }
  LoadNextBlock();
}

}  // namespace touchpoint::scan
