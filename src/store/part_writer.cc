#include "store/part_writer.h"

#include <zstd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <vector>

#include "store/bit_pack.h"
#include "store/part_columns.h"
#include "store/part_dictionary.h"
#include "store/part_format.h"
#include "store/part_order.h"
#include "util/coding.h"
#include "util/file.h"
#include "util/hash.h"
#include "util/radix_sort.h"

namespace touchpoint::store {
namespace {

// One column's data for the block being filled.
struct ColumnBuffer {
  std::string name;
  ColumnKind declared = ColumnKind::kPlain;
  std::unique_ptr<PartDictionary> dict;  // dict and property columns
  std::vector<uint32_t> codes;           // dict columns
  std::string bytes;                     // plain / f64 / timestamp / customer encodings
  StringColumn property_values;          // property columns: decided at flush
  bool any_present = false;
};

}  // namespace

class PartWriter::Impl {
 public:
  explicit Impl(std::optional<AppendFile> file) : file_(std::move(file)) {
    for (const WellKnownColumn& c : kWellKnownColumns) {
      ColumnBuffer buf;
      buf.name = std::string(c.name);
      buf.declared = c.kind;
      if (c.kind == ColumnKind::kDict) buf.dict = std::make_unique<PartDictionary>();
      columns_.push_back(std::move(buf));
    }
    ColumnBuffer load;
    load.name = std::string(kLoadColumnName);
    load.declared = ColumnKind::kDict;
    load.dict = std::make_unique<PartDictionary>();
    columns_.push_back(std::move(load));
    zctx_ = ZSTD_createCCtx();
    ZSTD_CCtx_setParameter(zctx_, ZSTD_c_compressionLevel, kZstdLevel);
  }
  ~Impl() { ZSTD_freeCCtx(zctx_); }

  // Adds the rows of `batches` in the order `order` (part order: a
  // customer's rows together, in time order), encoding each column straight
  // from the batches, without a gathered copy.
  Status AddRows(const std::vector<const EventBatch*>& batches, const std::vector<RowRef>& order) {
    std::vector<std::vector<size_t>> prop_columns(batches.size());
    for (size_t b = 0; b < batches.size(); ++b) {
      for (const auto& p : batches[b]->properties) prop_columns[b].push_back(PropertyColumnIndex(p.name));
    }
    auto id = [&](size_t k) { return batches[order[k].batch]->customer_id.Get(order[k].row); };
    size_t i = 0;
    while (i < order.size()) {
      const std::string_view customer = id(i);
      size_t end = i + 1;
      while (end < order.size() && id(end) == customer) ++end;
      if (block_rows_ >= kTargetBlockRows) TP_RETURN_IF_ERROR(FlushBlock());
      AddCustomer(batches, order.data() + i, end - i, prop_columns);
      i = end;
    }
    return Status::OK();
  }

  void set_default_load(uint64_t load) { default_load_ = load; }

  Status Finish(PartInfo* info) {
    if (block_rows_ > 0) TP_RETURN_IF_ERROR(FlushBlock());
    std::string footer;
    PutVarint64(&footer, kPartFormatVersion);
    PutVarint64(&footer, info_.rows);
    PutVarint64(&footer, info_.customers);
    PutVarint64(&footer, ZigZag(info_.min_ts));
    PutVarint64(&footer, ZigZag(info_.max_ts));
    PutVarint64(&footer, columns_.size());
    for (const ColumnBuffer& c : columns_) {
      PutLengthPrefixed(&footer, c.name);
      footer.push_back(static_cast<char>(c.declared));
      const size_t dict_size = c.dict ? c.dict->size() : 0;
      PutVarint64(&footer, dict_size);
      for (size_t d = 1; d < dict_size; ++d) PutLengthPrefixed(&footer, c.dict->values()[d]);
    }
    PutVarint64(&footer, blocks_.size());
    for (const BlockMeta& b : blocks_) {
      PutVarint64(&footer, b.rows);
      PutVarint64(&footer, b.customers);
      PutFixed64(&footer, b.first_hash);
      PutFixed64(&footer, b.last_hash);
      PutVarint64(&footer, ZigZag(b.min_ts));
      PutVarint64(&footer, ZigZag(b.max_ts));
      PutVarint64(&footer, b.chunks.size());
      for (const ChunkRef& ch : b.chunks) {
        footer.push_back(static_cast<char>(ch.kind));
        PutVarint64(&footer, ch.offset);
        PutVarint64(&footer, ch.size);
        PutFixed32(&footer, ch.checksum);
      }
    }
    // Event-id hash set, sorted and unique, for idempotent loads.
    RadixSort(&event_id_hashes_);
    event_id_hashes_.erase(std::unique(event_id_hashes_.begin(), event_id_hashes_.end()), event_id_hashes_.end());
    std::string ids;
    ids.resize(event_id_hashes_.size() * 8);
    if (!event_id_hashes_.empty()) std::memcpy(ids.data(), event_id_hashes_.data(), ids.size());
    ChunkRef id_chunk;
    // Stored as they are (random hashes do not compress), so a load's
    // duplicate check streams them with pread (event_id_filter.cc, FindRepeatedIds).
    TP_RETURN_IF_ERROR(WriteChunk(ids, ColumnKind::kPlain, &id_chunk, /*compress=*/false));
    PutVarint64(&footer, event_id_hashes_.size());
    PutVarint64(&footer, id_chunk.offset);
    PutVarint64(&footer, id_chunk.size);
    PutFixed32(&footer, id_chunk.checksum);

    std::string compressed;
    TP_RETURN_IF_ERROR(Compress(footer, &compressed));
    std::string trailer;
    PutFixed32(&trailer, static_cast<uint32_t>(compressed.size()));
    PutFixed32(&trailer, Checksum(compressed));
    PutFixed64(&trailer, kPartMagic);
    compressed += trailer;
    TP_RETURN_IF_ERROR(Write(compressed));
    if (file_) TP_RETURN_IF_ERROR(file_->Sync());
    info_.bytes = offset_;
    *info = info_;
    return Status::OK();
  }

  struct ChunkRef {
    ColumnKind kind = ColumnKind::kPlain;
    uint64_t offset = 0;
    uint64_t size = 0;  // 0: every value absent in this block
    uint32_t checksum = 0;
  };
  struct BlockMeta {
    uint64_t rows = 0, customers = 0, first_hash = 0, last_hash = 0;
    int64_t min_ts = 0, max_ts = 0;
    std::vector<ChunkRef> chunks;
  };

  std::string TakeBytes() { return std::move(memory_); }

 private:
  Status Write(std::string_view bytes) {
    if (file_) {
      TP_RETURN_IF_ERROR(file_->Append(bytes));
    } else {
      memory_.append(bytes);
    }
    offset_ += bytes.size();
    return Status::OK();
  }

  static uint32_t Checksum(std::string_view bytes) { return static_cast<uint32_t>(Hash64(bytes)); }

  size_t PropertyColumnIndex(const std::string& name) {
    std::string stored = std::string(kPropertyPrefix) + name;
    // A map, not a scan of the columns: a part may have 100K of them.
    auto it = property_columns_.find(stored);
    if (it != property_columns_.end()) return it->second;
    property_columns_.emplace(stored, columns_.size());
    ColumnBuffer buf;
    buf.name = std::move(stored);
    buf.declared = ColumnKind::kDict;  // per block it may fall back to plain
    buf.dict = std::make_unique<PartDictionary>();
    buf.property_values.AppendEmpty(block_rows_);
    columns_.push_back(std::move(buf));
    return columns_.size() - 1;
  }

  // Adds one customer's rows, `rows[0..n)` of `batches`, in time order.
  void AddCustomer(const std::vector<const EventBatch*>& batches, const RowRef* rows, size_t n,
                   const std::vector<std::vector<size_t>>& prop_columns) {
    auto B = [&](size_t k) -> const EventBatch& { return *batches[rows[k].batch]; };
    auto R = [&](size_t k) -> size_t { return rows[k].row; };
    std::string_view id = B(0).customer_id.Get(R(0));
    const uint64_t hash = Hash64(id);
    PutFixed64(&customer_hashes_, hash);
    PutVarint64(&customer_runs_, n);
    PutLengthPrefixed(&customer_ids_, id);
    if (block_customers_ == 0) block_.first_hash = hash;
    block_.last_hash = hash;
    ++block_customers_;
    ++info_.customers;

    if (block_rows_ == 0) block_first_ts_ = B(0).timestamp_ms[R(0)];
    const int64_t first = B(0).timestamp_ms[R(0)];
    // Differences in unsigned arithmetic: wrapping, never overflowing.
    if (block_customers_ > 1) {
      ts_firsts_.push_back(ZigZag(static_cast<int64_t>(static_cast<uint64_t>(first) - static_cast<uint64_t>(prev_customer_first_ts_))));
    }
    prev_customer_first_ts_ = first;
    int64_t prev = first;
    for (size_t k = 0; k < n; ++k) {
      const int64_t t = B(k).timestamp_ms[R(k)];
      // Rows are in time order within a customer, so these are >= 0.
      if (k > 0) ts_inner_.push_back(static_cast<uint64_t>(t) - static_cast<uint64_t>(prev));
      prev = t;
      if (block_rows_ == 0 && k == 0) {
        block_.min_ts = block_.max_ts = t;
      } else {
        block_.min_ts = std::min(block_.min_ts, t);
        block_.max_ts = std::max(block_.max_ts, t);
      }
      if (info_.rows == 0 && k == 0) {
        info_.min_ts = info_.max_ts = t;
      } else {
        info_.min_ts = std::min(info_.min_ts, t);
        info_.max_ts = std::max(info_.max_ts, t);
      }
    }
    auto dict = [&](int col, StringColumn EventBatch::*member) {
      ColumnBuffer& c = columns_[col];
      // A customer's consecutive events mostly repeat a value: skip the lookup.
      std::string_view last;
      uint32_t last_code = 0;
      for (size_t k = 0; k < n; ++k) {
        std::string_view v = (B(k).*member).Get(R(k));
        if (k == 0 || v != last) {
          last = v;
          last_code = c.dict->Code(v);
        }
        c.codes.push_back(last_code);
      }
    };
    dict(kColEvent, &EventBatch::event);
    dict(kColChannel, &EventBatch::channel);
    dict(kColCampaign, &EventBatch::campaign);
    dict(kColPage, &EventBatch::page);
    dict(kColSurvey, &EventBatch::survey);
    dict(kColFeature, &EventBatch::feature);
    auto plain = [&](int col, StringColumn EventBatch::*member) {
      ColumnBuffer& c = columns_[col];
      for (size_t k = 0; k < n; ++k) {
        std::string_view v = (B(k).*member).Get(R(k));
        c.any_present |= !v.empty();
        PutLengthPrefixed(&c.bytes, v);
      }
    };
    plain(kColEventId, &EventBatch::event_id);
    plain(kColSessionId, &EventBatch::session_id);
    plain(kColComment, &EventBatch::comment);
    for (size_t k = 0; k < n; ++k) {
      std::string_view eid = B(k).event_id.Get(R(k));
      if (!eid.empty()) event_id_hashes_.push_back(Hash64(eid));
    }
    auto f64 = [&](int col, std::vector<double> EventBatch::*member) {
      ColumnBuffer& c = columns_[col];
      for (size_t k = 0; k < n; ++k) {
        const double v = (B(k).*member)[R(k)];
        c.any_present |= !std::isnan(v);
        PutFixed64(&c.bytes, std::bit_cast<uint64_t>(v));
      }
    };
    f64(kColRevenue, &EventBatch::revenue);
    f64(kColScore, &EventBatch::score);
    {
      ColumnBuffer& c = columns_[kColLoad];
      for (size_t k = 0; k < n; ++k) {
        uint64_t load = B(k).LoadId(R(k));
        if (load == 0) load = default_load_;
        if (load != last_load_) {
          last_load_ = load;
          last_load_code_ = c.dict->Code(load == 0 ? std::string() : std::to_string(load));
        }
        c.codes.push_back(last_load_code_);
      }
    }

    for (size_t k = 0; k < n; ++k) {
      const EventBatch& b = B(k);
      const std::vector<size_t>& map = prop_columns[rows[k].batch];
      for (size_t p = 0; p < map.size(); ++p) {
        std::string_view v = b.properties[p].values.Get(R(k));
        if (!v.empty()) columns_[map[p]].property_values.Append(v);
        else columns_[map[p]].property_values.AppendEmpty(1);
      }
      // Columns this row's batch lacks get an absent value.
      const size_t rows_now = block_rows_ + k + 1;
      for (size_t c = kFirstPropertyColumn; c < columns_.size(); ++c) {
        StringColumn& pv = columns_[c].property_values;
        if (pv.size() < rows_now) pv.AppendEmpty(rows_now - pv.size());
      }
    }
    block_rows_ += n;
    info_.rows += n;
  }

 public:
 private:
  Status Compress(std::string_view raw, std::string* out) {
    out->resize(ZSTD_compressBound(raw.size()));
    size_t n = ZSTD_compress2(zctx_, out->data(), out->size(), raw.data(), raw.size());
    if (ZSTD_isError(n)) return Status::IOError(std::string("zstd: ") + ZSTD_getErrorName(n));
    out->resize(n);
    return Status::OK();
  }

  Status WriteChunk(std::string_view raw, ColumnKind kind, ChunkRef* ref, bool compress = true) {
    // Bit-packed chunks are stored as they are: zstd would find little in
    // the timestamp deltas and cost a copy to read (part_columns.h).
    if (!compress || kind == ColumnKind::kTimestamp || kind == ColumnKind::kPackedDict ||
        kind == ColumnKind::kCustomerRuns) {
      scratch_.assign(raw);
    } else {
      TP_RETURN_IF_ERROR(Compress(raw, &scratch_));
    }
    ref->kind = kind;
    ref->offset = offset_;
    ref->size = scratch_.size();
    ref->checksum = Checksum(scratch_);
    return Write(scratch_);
  }

  Status FlushBlock() {
    block_.rows = block_rows_;
    block_.customers = block_customers_;
    block_.chunks.assign(columns_.size(), ChunkRef{});
    for (size_t c = 0; c < columns_.size(); ++c) {
      ColumnBuffer& col = columns_[c];
      std::string raw;
      ColumnKind kind = col.declared;
      bool present = true;
      if (c >= kFirstPropertyColumn) {
        present = !col.property_values.AllEmpty();
        if (present) kind = EncodeProperty(col, &raw);
      } else if (kind == ColumnKind::kDict) {
        present = std::any_of(col.codes.begin(), col.codes.end(), [](uint32_t x) { return x != 0; });
        if (present && c == kColEvent) {
          // Read by every analysis: bit-packed codes unpack several times
          // faster than zstd decodes them, for a few bytes more.
          kind = ColumnKind::kPackedDict;
          AppendPackedCodes(col.codes, col.dict->size(), &raw);
        } else if (present) {
          AppendCodes(col.codes, col.dict->size(), &raw);
        }
      } else if (kind == ColumnKind::kPlain || kind == ColumnKind::kF64) {
        present = col.any_present;
        raw = std::move(col.bytes);
      } else if (c == kColTimestamp) {
        EncodeTimestamps(&raw);
      } else if (c == kColCustomer) {
        kind = ColumnKind::kCustomerRuns;
        TP_RETURN_IF_ERROR(EncodeCustomers(&raw));
      } else {
        raw = std::move(col.bytes);
      }
      if (present) TP_RETURN_IF_ERROR(WriteChunk(raw, kind, &block_.chunks[c]));
      block_.chunks[c].kind = kind;
      col.codes.clear();
      col.bytes.clear();
      col.property_values.Clear();
      col.any_present = false;
    }
    blocks_.push_back(std::move(block_));
    block_ = BlockMeta{};
    block_rows_ = 0;
    block_customers_ = 0;
    prev_customer_first_ts_ = 0;
    ts_firsts_.clear();
    ts_inner_.clear();
    customer_hashes_.clear();
    customer_runs_.clear();
    customer_ids_.clear();
    return Status::OK();
  }

  // The block's customer chunk, version 5 (part_columns.h): the hashes and
  // run lengths as they are, then the ids in one zstd frame.
  Status EncodeCustomers(std::string* raw) {
    std::string ids;
    TP_RETURN_IF_ERROR(Compress(customer_ids_, &ids));
    raw->reserve(customer_hashes_.size() + customer_runs_.size() + ids.size());
    raw->append(customer_hashes_);
    raw->append(customer_runs_);
    raw->append(ids);
    return Status::OK();
  }

  // The block's timestamp chunk, version 3 (part_columns.h): the customers'
  // first timestamps as varints, the other rows' deltas bit-packed at the
  // width that minimises the chunk, wider deltas patched from a list.
  void EncodeTimestamps(std::string* raw) const {
    const size_t m = ts_inner_.size();
    size_t longer[65] = {};  // deltas by significant bits
    for (uint64_t d : ts_inner_) ++longer[64 - std::countl_zero(d)];
    // cost(b) in bits: m * b, plus per exception its index gap and high
    // part, and as much again for the two varints it costs to decode: a
    // width with fewer exceptions wins when the bytes are close.
    size_t width = 0, best = SIZE_MAX;
    for (size_t b = 0; b <= kMaxTimestampBits; ++b) {
      size_t bits = m * b;
      for (size_t l = b + 1; l <= 64; ++l) bits += longer[l] * 2 * 8 * (2 + (l - b + 6) / 7);
      if (bits < best) {
        best = bits;
        width = b;
      }
    }
    std::string patches;
    uint64_t exceptions = 0;
    size_t last = 0;
    for (size_t k = 0; k < m; ++k) {
      if ((ts_inner_[k] >> width) == 0) continue;
      PutVarint64(&patches, k - last);
      PutVarint64(&patches, ts_inner_[k] >> width);
      last = k;
      ++exceptions;
    }
    std::string firsts;
    for (uint64_t f : ts_firsts_) PutVarint64(&firsts, f);
    raw->push_back(static_cast<char>(width));
    PutFixed64(raw, static_cast<uint64_t>(block_first_ts_));
    PutVarint64(raw, exceptions);
    PutVarint64(raw, firsts.size());
    raw->append(firsts);
    raw->append(patches);
    AppendBits(ts_inner_, width, kTimestampPadding, raw);
  }

  // Dictionary-encodes a property block when its values are few, else plain.
  ColumnKind EncodeProperty(ColumnBuffer& col, std::string* raw) {
    const StringColumn& values = col.property_values;
    std::unordered_map<std::string_view, uint32_t> distinct;
    bool dict_ok = true;
    for (size_t r = 0; r < values.size() && dict_ok; ++r) {
      std::string_view v = values.Get(r);
      if (!v.empty()) distinct.emplace(v, 0);
      dict_ok = distinct.size() <= values.size() / 4 + 1 &&
                col.dict->size() + distinct.size() <= kMaxDictValues;
    }
    if (dict_ok) {
      std::vector<uint32_t> codes(values.size());
      for (size_t r = 0; r < values.size(); ++r) codes[r] = col.dict->Code(values.Get(r));
      AppendCodes(codes, col.dict->size(), raw);
      return ColumnKind::kDict;
    }
    for (size_t r = 0; r < values.size(); ++r) PutLengthPrefixed(raw, values.Get(r));
    return ColumnKind::kPlain;
  }

  std::optional<AppendFile> file_;  // absent: bytes go to memory_
  std::string memory_;
  ZSTD_CCtx* zctx_ = nullptr;
  std::vector<ColumnBuffer> columns_;
  std::vector<BlockMeta> blocks_;
  BlockMeta block_;
  size_t block_rows_ = 0;
  size_t block_customers_ = 0;
  int64_t prev_customer_first_ts_ = 0;
  // The block's timestamps as deltas: each customer's first row after the
  // block's first from the previous customer's first row (zigzag), every
  // other row from the row before it.
  std::vector<uint64_t> ts_firsts_;
  std::vector<uint64_t> ts_inner_;
  // The block's customer column (EncodeCustomers): fixed64 hashes, varint
  // run lengths, length-prefixed ids.
  std::string customer_hashes_, customer_runs_, customer_ids_;
  int64_t block_first_ts_ = 0;
  uint64_t offset_ = 0;
  PartInfo info_;
  std::vector<uint64_t> event_id_hashes_;
  std::string scratch_;
  std::unordered_map<std::string, size_t> property_columns_;  // "p:name" -> index into columns_
  uint64_t default_load_ = 0;  // for rows whose batch carries no load id
  uint64_t last_load_ = 0;
  uint32_t last_load_code_ = 0;
};

PartWriter::PartWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PartWriter::~PartWriter() = default;

Result<std::unique_ptr<PartWriter>> PartWriter::Create(const std::string& path) {
  TP_RETURN_IF_ERROR(RemoveFile(path));  // a leftover from a killed writer
  TP_ASSIGN_OR_RETURN(AppendFile file, AppendFile::Open(path));
  return std::unique_ptr<PartWriter>(new PartWriter(std::make_unique<Impl>(std::move(file))));
}

std::unique_ptr<PartWriter> PartWriter::CreateInMemory() {
  return std::unique_ptr<PartWriter>(new PartWriter(std::make_unique<Impl>(std::nullopt)));
}

std::string PartWriter::TakeBytes() { return impl_->TakeBytes(); }

Result<std::unique_ptr<PartReader>> PartWriter::WriteToMemory(const EventBatch& batch, std::string name) {
  std::unique_ptr<PartWriter> writer = CreateInMemory();
  TP_RETURN_IF_ERROR(writer->impl_->AddRows({&batch}, PartOrder({&batch})));
  PartInfo info;
  TP_RETURN_IF_ERROR(writer->Finish(&info));
  return PartReader::FromBuffer(writer->TakeBytes(), std::move(name));
}

Status PartWriter::AddRows(const std::vector<const EventBatch*>& batches, const std::vector<RowRef>& order) {
  return impl_->AddRows(batches, order);
}

Status PartWriter::AddMerged(const std::vector<const EventBatch*>& sorted_batches) {
  return impl_->AddRows(sorted_batches, MergeSortedRuns(sorted_batches));
}

void PartWriter::set_default_load(uint64_t load) { impl_->set_default_load(load); }
Status PartWriter::Finish(PartInfo* info) { return impl_->Finish(info); }

Status PartWriter::WriteSorted(const std::string& path, const std::vector<const EventBatch*>& batches,
                               PartInfo* info) {
  TP_ASSIGN_OR_RETURN(std::unique_ptr<PartWriter> writer, Create(path));
  TP_RETURN_IF_ERROR(writer->impl_->AddRows(batches, PartOrder(batches)));
  return writer->Finish(info);
}

Status PartWriter::WriteMerged(const std::string& path, const std::vector<const EventBatch*>& sorted_batches,
                               PartInfo* info) {
  TP_ASSIGN_OR_RETURN(std::unique_ptr<PartWriter> writer, Create(path));
  TP_RETURN_IF_ERROR(writer->AddMerged(sorted_batches));
  return writer->Finish(info);
}

}  // namespace touchpoint::store
