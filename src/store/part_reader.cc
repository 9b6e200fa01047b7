#include "store/part_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <limits>
#include <utility>

#include "store/bit_unpack.h"
#include "store/part_columns.h"
#include "util/coding.h"
#include "util/hash.h"

namespace touchpoint::store {
namespace {

uint32_t Checksum(std::string_view bytes) { return static_cast<uint32_t>(Hash64(bytes)); }

bool GetZigZag(std::string_view* in, int64_t* v) {
  uint64_t raw;
  if (!GetVarint64(in, &raw)) return false;
  *v = UnZigZag(raw);
  return true;
}

}  // namespace

DecodeContext::DecodeContext() : dctx_(ZSTD_createDCtx()) {}
DecodeContext::~DecodeContext() { ZSTD_freeDCtx(static_cast<ZSTD_DCtx*>(dctx_)); }

Result<std::string_view> DecodeContext::Decompress(std::string_view compressed, size_t slot) {
  if (slot >= buffers_.size()) buffers_.resize(slot + 1);
  std::string& buf = buffers_[slot];
  unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > (1ULL << 34)) {
    return Status::Corruption("bad zstd frame header");
  }
  buf.resize(size);
  size_t n = ZSTD_decompressDCtx(static_cast<ZSTD_DCtx*>(dctx_), buf.data(), buf.size(), compressed.data(),
                                 compressed.size());
  if (ZSTD_isError(n) || n != size) return Status::Corruption(std::string("zstd: ") + ZSTD_getErrorName(n));
  return std::string_view(buf.data(), n);
}

Result<std::unique_ptr<PartReader>> PartReader::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::FromErrno("open", path, errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::FromErrno("stat", path, err);
  }
  std::unique_ptr<PartReader> r(new PartReader());
  r->name_ = path;
  r->size_ = static_cast<size_t>(st.st_size);
  if (r->size_ > 0) {
    void* m = ::mmap(nullptr, r->size_, PROT_READ, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) {
      int err = errno;
      ::close(fd);
      return Status::FromErrno("mmap", path, err);
    }
    r->mapping_ = m;
    r->data_ = static_cast<const char*>(m);
  }
  r->fd_ = fd;
  TP_RETURN_IF_ERROR(r->ParseFooter());
  return r;
}

Result<std::unique_ptr<PartReader>> PartReader::FromBuffer(std::string bytes, std::string name) {
  std::unique_ptr<PartReader> r(new PartReader());
  r->name_ = std::move(name);
  r->owned_ = std::move(bytes);
  r->data_ = r->owned_.data();
  r->size_ = r->owned_.size();
  TP_RETURN_IF_ERROR(r->ParseFooter());
  return r;
}

PartReader::~PartReader() {
  if (mapping_ != nullptr) ::munmap(mapping_, size_);
  if (fd_ >= 0) ::close(fd_);
}

std::string_view PartReader::Bytes(const ChunkInfo& ch, const DecodeContext* ctx) const {
  if (ctx != nullptr && ctx->span_owner_ == this && ch.offset >= ctx->span_begin_ &&
      ch.offset + ch.size <= ctx->span_end_) {
    return std::string_view(ctx->span_.data() + (ch.offset - ctx->span_begin_), ch.size);
  }
  return std::string_view(data_ + ch.offset, ch.size);
}

Status PartReader::ReadBlockChunks(size_t block, const std::vector<int>& columns, DecodeContext* ctx) const {
  ctx->span_owner_ = nullptr;
  if (fd_ < 0) return Status::OK();
  const BlockInfo& b = blocks_[block];
  // The chunks in file order; the read stops before a gap of more than
  // kMaxGap bytes (columns not asked for), leaving the rest to the mapping.
  constexpr uint64_t kMaxGap = 64 << 10;
  std::pair<uint64_t, uint64_t> ranges[64];
  size_t n = 0;
  for (int c : columns) {
    if (c < 0 || static_cast<size_t>(c) >= b.chunks.size() || n == 64) continue;
    const ChunkInfo& ch = b.chunks[static_cast<size_t>(c)];
    if (ch.size > 0) ranges[n++] = {ch.offset, ch.offset + ch.size};
  }
  if (n == 0) return Status::OK();
  std::sort(ranges, ranges + n);
  const uint64_t begin = ranges[0].first;
  uint64_t end = ranges[0].second;
  for (size_t i = 1; i < n && ranges[i].first <= end + kMaxGap; ++i) end = std::max(end, ranges[i].second);
  ctx->span_.resize(end - begin);
  for (uint64_t done = 0; done < end - begin;) {
    const ssize_t got = ::pread(fd_, ctx->span_.data() + done, end - begin - done, static_cast<off_t>(begin + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return Status::FromErrno("read", name_, errno);
    if (got == 0) return Status::Corruption(name_ + ": block " + std::to_string(block) + " ends past the file");
    done += static_cast<uint64_t>(got);
  }
  ctx->span_owner_ = this;
  ctx->span_begin_ = begin;
  ctx->span_end_ = end;
  return Status::OK();
}

int PartReader::FindColumn(std::string_view name) const {
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

Status PartReader::Corrupt(size_t block, int column, std::string_view what) const {
  std::string msg = name_ + ": block " + std::to_string(block);
  if (column >= 0 && static_cast<size_t>(column) < columns_.size()) msg += ", column " + columns_[column].name;
  msg += ": ";
  msg += what;
  return Status::Corruption(std::move(msg));
}

Status PartReader::ParseFooter() {
  auto bad = [&](std::string_view what) { return Status::Corruption(name_ + ": " + std::string(what)); };
  if (size_ < kPartTrailerSize) return bad("file too short to be a part (truncated write?)");
  std::string_view trailer(data_ + size_ - kPartTrailerSize, kPartTrailerSize);
  uint32_t footer_size = 0, footer_crc = 0;
  uint64_t magic = 0;
  GetFixed32(&trailer, &footer_size);
  GetFixed32(&trailer, &footer_crc);
  GetFixed64(&trailer, &magic);
  if (magic != kPartMagic) return bad("bad magic number (not a part file, or truncated)");
  if (footer_size > size_ - kPartTrailerSize) return bad("footer size out of range");
  std::string_view compressed(data_ + size_ - kPartTrailerSize - footer_size, footer_size);
  if (Checksum(compressed) != footer_crc) return bad("footer checksum mismatch");
  DecodeContext ctx;
  auto footer_or = ctx.Decompress(compressed, 0);
  if (!footer_or.ok()) return bad("footer: " + footer_or.status().message());
  std::string_view in = footer_or.value();

  uint64_t version = 0, ncols = 0, nblocks = 0;
  if (!GetVarint64(&in, &version)) return bad("footer truncated");
  if (version < kOldestReadablePartVersion || version > kPartFormatVersion) {
    return Status::NotSupported(name_ + ": part format version " + std::to_string(version) +
                                " is not supported (this build reads versions " +
                                std::to_string(kOldestReadablePartVersion) + " to " +
                                std::to_string(kPartFormatVersion) + ")");
  }
  version_ = version;
  if (!GetVarint64(&in, &rows_) || !GetVarint64(&in, &customers_) || !GetZigZag(&in, &min_ts_) ||
      !GetZigZag(&in, &max_ts_) || !GetVarint64(&in, &ncols) || ncols > (1u << 20)) {
    return bad("footer header truncated");
  }
  columns_.resize(ncols);
  for (PartColumn& c : columns_) {
    std::string_view name;
    uint64_t dict_size = 0;
    if (!GetLengthPrefixed(&in, &name) || in.empty()) return bad("column list truncated");
    c.name = std::string(name);
    c.kind = static_cast<ColumnKind>(in[0]);
    in.remove_prefix(1);
    if (!GetVarint64(&in, &dict_size) || dict_size > in.size() + 1) return bad("dictionary truncated");
    if (dict_size > 0) {
      c.dictionary.reserve(dict_size);
      c.dictionary.emplace_back();
      for (uint64_t d = 1; d < dict_size; ++d) {
        std::string_view v;
        if (!GetLengthPrefixed(&in, &v)) return bad("dictionary truncated");
        c.dictionary.emplace_back(v);
      }
    }
  }
  if (ncols < kWellKnownColumnCount) return bad("missing well-known columns");
  for (int i = 0; i < kWellKnownColumnCount; ++i) {
    if (columns_[i].name != kWellKnownColumns[i].name) return bad("unexpected column order");
  }
  first_property_ = kWellKnownColumnCount;
  if (version_ >= kFirstVersionWithLoads) {
    if (ncols <= static_cast<uint64_t>(kColLoad) || columns_[kColLoad].name != kLoadColumnName ||
        columns_[kColLoad].kind != ColumnKind::kDict) {
      return bad("no load column");
    }
    first_property_ = kColLoad + 1;
  }
  if (!GetVarint64(&in, &nblocks) || nblocks > rows_ + 1) return bad("block index truncated");
  blocks_.resize(nblocks);
  const uint64_t data_end = size_ - kPartTrailerSize - footer_size;
  for (BlockInfo& b : blocks_) {
    uint64_t nchunks = 0;
    if (!GetVarint64(&in, &b.rows) || !GetVarint64(&in, &b.customers) || !GetFixed64(&in, &b.first_hash) ||
        !GetFixed64(&in, &b.last_hash) || !GetZigZag(&in, &b.min_ts) || !GetZigZag(&in, &b.max_ts) ||
        !GetVarint64(&in, &nchunks) || nchunks != ncols) {
      return bad("block index truncated");
    }
    // Rows are indexed with 32 bits; writers cut blocks far below that.
    if (b.rows > std::numeric_limits<uint32_t>::max() || b.customers > b.rows) return bad("block row count out of range");
    b.chunks.resize(nchunks);
    for (ChunkInfo& ch : b.chunks) {
      if (in.empty()) return bad("block index truncated");
      ch.kind = static_cast<ColumnKind>(in[0]);
      in.remove_prefix(1);
      if (!GetVarint64(&in, &ch.offset) || !GetVarint64(&in, &ch.size) || !GetFixed32(&in, &ch.checksum)) {
        return bad("block index truncated");
      }
      if (ch.offset > data_end || ch.size > data_end - ch.offset) return bad("chunk out of range");
    }
  }
  if (!GetVarint64(&in, &event_id_count_) || !GetVarint64(&in, &event_ids_.offset) ||
      !GetVarint64(&in, &event_ids_.size) || !GetFixed32(&in, &event_ids_.checksum)) {
    return bad("event-id set truncated");
  }
  if (event_ids_.offset > data_end || event_ids_.size > data_end - event_ids_.offset) {
    return bad("event-id set out of range");
  }
  return Status::OK();
}

Result<std::string_view> PartReader::StoredChunk(size_t block, int column, const DecodeContext* ctx) const {
  const ChunkInfo& ch = blocks_[block].chunks[column];
  const std::string_view bytes = Bytes(ch, ctx);
  if (Checksum(bytes) != ch.checksum) return Corrupt(block, column, "checksum mismatch");
  return bytes;
}

Result<std::string_view> PartReader::Chunk(size_t block, int column, DecodeContext* ctx) const {
  TP_ASSIGN_OR_RETURN(const std::string_view compressed, StoredChunk(block, column, ctx));
  auto raw = ctx->Decompress(compressed, static_cast<size_t>(column));
  if (!raw.ok()) return Corrupt(block, column, raw.status().message());
  return raw.value();
}

Status PartReader::DecodeCustomers(size_t block, DecodeContext* ctx, CustomerRuns* out) const {
  TP_RETURN_IF_ERROR(DecodeCustomerRuns(block, ctx, out));
  return DecodeCustomerIds(block, ctx, out);
}

Status PartReader::DecodeCustomerRuns(size_t block, DecodeContext* ctx, CustomerRuns* out) const {
  const BlockInfo& b = blocks_[block];
  const bool split = b.chunks[kColCustomer].kind == ColumnKind::kCustomerRuns;
  // Version 5: hashes and runs read in place; up to 4, one zstd frame with the ids.
  std::string_view in;
  if (split) {
    TP_ASSIGN_OR_RETURN(in, StoredChunk(block, kColCustomer, ctx));
  } else {
    TP_ASSIGN_OR_RETURN(in, Chunk(block, kColCustomer, ctx));
  }
  out->hash.resize(b.customers);
  out->start.resize(b.customers + 1);
  if (split) {
    if (in.size() / 8 < b.customers) return Corrupt(block, kColCustomer, "customer hashes truncated");
    std::memcpy(out->hash.data(), in.data(), b.customers * 8);
    in.remove_prefix(b.customers * 8);
  } else {
    out->id.resize(b.customers);
  }
  uint64_t row = 0;
  for (uint64_t i = 0; i < b.customers; ++i) {
    uint64_t run = 0;
    if (split ? !GetVarint64(&in, &run)
              : !GetFixed64(&in, &out->hash[i]) || !GetVarint64(&in, &run) || !GetLengthPrefixed(&in, &out->id[i])) {
      return Corrupt(block, kColCustomer, "customer runs truncated");
    }
    // Every decoder indexes rows through these runs: they must stay inside the block.
    if (run > b.rows - row) return Corrupt(block, kColCustomer, "customer runs exceed the block's rows");
    out->start[i] = static_cast<uint32_t>(row);
    row += run;
  }
  out->start[b.customers] = row;
  if (row != b.rows) return Corrupt(block, kColCustomer, "customer runs do not add up to the block's rows");
  out->ids_frame = split ? in : std::string_view();
  out->ids_ready = !split;
  if (split) out->id.clear();
  return Status::OK();
}

Status PartReader::DecodeCustomerIds(size_t block, DecodeContext* ctx, CustomerRuns* runs) const {
  if (runs->ids_ready) return Status::OK();
  if (runs->hash.empty()) {
    runs->id.clear();
    runs->ids_ready = true;
    return Status::OK();
  }
  auto raw = ctx->Decompress(runs->ids_frame, static_cast<size_t>(kColCustomer));
  if (!raw.ok()) return Corrupt(block, kColCustomer, raw.status().message());
  std::string_view in = raw.value();
  const size_t customers = runs->hash.size();
  runs->id.resize(customers);
  for (size_t i = 0; i < customers; ++i) {
    if (!GetLengthPrefixed(&in, &runs->id[i])) return Corrupt(block, kColCustomer, "customer ids truncated");
  }
  if (!in.empty()) return Corrupt(block, kColCustomer, "customer ids have the wrong size");
  runs->ids_ready = true;
  return Status::OK();
}

Status PartReader::DecodeTimestamps(size_t block, const CustomerRuns& runs, DecodeContext* ctx,
                                    std::vector<int64_t>* out) const {
  const BlockInfo& b = blocks_[block];
  const size_t customers = runs.start.size() - 1;
  if (version_ >= 3) return DecodePackedTimestamps(block, runs, ctx, out);
  TP_ASSIGN_OR_RETURN(std::string_view in, Chunk(block, kColTimestamp, ctx));
  out->resize(b.rows);  // every entry is written below
  int64_t* ts = out->data();
  if (version_ >= 2) {
    // Fixed-width deltas (part_columns.h): independent of each other, only
    // the running sum is serial.
    if (in.size() < kTimestampHeaderBytes) return Corrupt(block, kColTimestamp, "timestamps truncated");
    const size_t width = static_cast<uint8_t>(in[0]);
    if (width < 1 || width > 8 || in.size() != kTimestampHeaderBytes + width * b.rows) {
      return Corrupt(block, kColTimestamp, "timestamps have the wrong size");
    }
    const auto first_ts = static_cast<int64_t>(DecodeFixed64(in.data() + 1));
    // Byte planes (part_columns.h): each delta gathered from its planes.
    const auto* planes = reinterpret_cast<const uint8_t*>(in.data() + kTimestampHeaderBytes);
    auto* deltas = reinterpret_cast<uint64_t*>(ts);
    GatherPlanes(planes, width, b.rows, deltas);
    auto delta = [&](size_t r) { return UnZigZag(deltas[r]); };
    int64_t prev_first = first_ts;
    for (size_t c = 0; c < customers; ++c) {
      int64_t prev = prev_first;
      for (uint32_t r = runs.start[c]; r < runs.start[c + 1]; ++r) {
        prev += delta(r);
        ts[r] = prev;
      }
      if (runs.start[c] < runs.start[c + 1]) prev_first = ts[runs.start[c]];
    }
    return Status::OK();
  }
  // Version 1: zigzag varints, the block's first customer from 0.
  const auto* p = reinterpret_cast<const uint8_t*>(in.data());
  const auto* end = p + in.size();
  int64_t prev_first = 0;
  for (size_t c = 0; c < customers; ++c) {
    int64_t prev = prev_first;
    for (uint32_t r = runs.start[c]; r < runs.start[c + 1]; ++r) {
      uint64_t raw;
      if (!GetVarint64Fast(&p, end, &raw)) return Corrupt(block, kColTimestamp, "timestamps truncated");
      prev += UnZigZag(raw);
      ts[r] = prev;
    }
    if (runs.start[c] < runs.start[c + 1]) prev_first = ts[runs.start[c]];
  }
  return Status::OK();
}

// Version 3 (part_columns.h): the chunk's sections, read in place (no
// decompression) and checked, shared by the block decoder below and the
// per-customer one (PrepareTimestamps).
Status PartReader::TimestampSections(size_t block, size_t customers, const DecodeContext* ctx,
                                     TimestampChunk* out) const {
  const BlockInfo& b = blocks_[block];
  TP_ASSIGN_OR_RETURN(const std::string_view chunk, StoredChunk(block, kColTimestamp, ctx));
  if (chunk.size() < kTimestampHeaderBytes || customers == 0) return Corrupt(block, kColTimestamp, "timestamps truncated");
  out->width = static_cast<uint8_t>(chunk[0]);
  if (out->width > kMaxTimestampBits) return Corrupt(block, kColTimestamp, "timestamp width out of range");
  out->first_ts = DecodeFixed64(chunk.data() + 1);
  const auto* p = reinterpret_cast<const uint8_t*>(chunk.data() + kTimestampHeaderBytes);
  const auto* end = reinterpret_cast<const uint8_t*>(chunk.data() + chunk.size());
  uint64_t firsts_bytes = 0;
  if (!GetVarint64Fast(&p, end, &out->exceptions) || !GetVarint64Fast(&p, end, &firsts_bytes)) {
    return Corrupt(block, kColTimestamp, "timestamps truncated");
  }
  out->inner = b.rows - customers;  // rows after each customer's first
  if (out->exceptions > out->inner) return Corrupt(block, kColTimestamp, "more exceptions than deltas");
  // The sections: firsts [p, patches), exceptions [patches, packed), packed.
  const size_t packed_bytes = (out->inner * out->width + 7) / 8 + kTimestampPadding;
  if (firsts_bytes > static_cast<size_t>(end - p) || packed_bytes > static_cast<size_t>(end - p) - firsts_bytes) {
    return Corrupt(block, kColTimestamp, "timestamps have the wrong size");
  }
  out->firsts = p;
  out->patches = p + firsts_bytes;
  out->packed = end - packed_bytes;
  return Status::OK();
}

// Calls fn(k, high) for each exception in order: the k-th inner delta has
// `high` above its `width` packed bits.
template <class Fn>
Status PartReader::ForEachException(size_t block, const TimestampChunk& t, Fn&& fn) const {
  const uint8_t* q = t.patches;
  uint64_t k = 0;
  for (uint64_t e = 0; e < t.exceptions; ++e) {
    uint64_t gap, high;
    if (!GetVarint64Fast(&q, t.packed, &gap) || !GetVarint64Fast(&q, t.packed, &high)) {
      return Corrupt(block, kColTimestamp, "timestamp exceptions truncated");
    }
    k += gap;
    if (k >= t.inner || (e > 0 && gap == 0)) return Corrupt(block, kColTimestamp, "timestamp exception out of range");
    fn(k, high);
  }
  if (q != t.packed) return Corrupt(block, kColTimestamp, "timestamp exceptions have the wrong size");
  return Status::OK();
}

// Calls fn(c, first) with each customer's first timestamp, after checking
// that the customer has rows.
template <class Fn>
Status PartReader::ForEachFirst(size_t block, const TimestampChunk& t, const CustomerRuns& runs, Fn&& fn) const {
  const size_t customers = runs.start.size() - 1;
  const uint8_t* firsts = t.firsts;
  uint64_t first = t.first_ts;  // unsigned: sums wrap as the writer's differences did
  for (size_t c = 0; c < customers; ++c) {
    if (c > 0) {
      uint64_t raw;
      if (!GetVarint64Fast(&firsts, t.patches, &raw)) return Corrupt(block, kColTimestamp, "first timestamps truncated");
      first += static_cast<uint64_t>(UnZigZag(raw));
    }
    if (runs.start[c] == runs.start[c + 1]) return Corrupt(block, kColTimestamp, "a customer without rows");
    fn(c, first);
  }
  if (firsts != t.patches) return Corrupt(block, kColTimestamp, "first timestamps have the wrong size");
  return Status::OK();
}

Status PartReader::DecodePackedTimestamps(size_t block, const CustomerRuns& runs, DecodeContext* ctx,
                                          std::vector<int64_t>* out) const {
  const BlockInfo& b = blocks_[block];
  const size_t customers = runs.start.size() - 1;
  if (b.rows == 0) {
    out->clear();
    return Status::OK();
  }
  TimestampChunk t;
  TP_RETURN_IF_ERROR(TimestampSections(block, customers, ctx, &t));
  out->resize(b.rows);  // every entry is written below
  int64_t* ts = out->data();
  // The deltas, unpacked into the tail of `out`: delta k goes to slot
  // customers + k, at or after the row it belongs to (row k + c + 1 for
  // customer c), so the running sum below reads each slot before any
  // write reaches it.
  auto* deltas = reinterpret_cast<uint64_t*>(ts + customers);
  UnpackBits(t.packed, t.width, t.inner, deltas);
  TP_RETURN_IF_ERROR(ForEachException(block, t, [&](uint64_t k, uint64_t high) { deltas[k] |= high << t.width; }));
  // Slot `begin` of a customer is free by now: the delta it held belongs to
  // an earlier customer.
  size_t slot = customers;
  return ForEachFirst(block, t, runs, [&](size_t c, uint64_t first) {
    const uint32_t begin = runs.start[c], stop = runs.start[c + 1];
    ts[begin] = static_cast<int64_t>(first);
    uint64_t time = first;
    for (uint32_t r = begin + 1; r < stop; ++r) {
      time += static_cast<uint64_t>(ts[slot++]);
      ts[r] = static_cast<int64_t>(time);
    }
  });
}

Status PartReader::PrepareTimestamps(size_t block, const CustomerRuns& runs, DecodeContext* ctx,
                                     PackedTimestamps* out) const {
  const size_t customers = runs.start.size() - 1;
  out->width = 0;
  out->packed = nullptr;
  out->first.clear();
  out->exception_at.clear();
  out->exception_high.clear();
  if (blocks_[block].rows == 0) return Status::OK();
  TimestampChunk t;
  TP_RETURN_IF_ERROR(TimestampSections(block, customers, ctx, &t));
  out->width = t.width;
  out->packed = t.packed;
  TP_RETURN_IF_ERROR(ForEachException(block, t, [&](uint64_t k, uint64_t high) {
    out->exception_at.push_back(k);
    out->exception_high.push_back(high);
  }));
  out->first.resize(customers);
  return ForEachFirst(block, t, runs,
                      [&](size_t c, uint64_t first) { out->first[c] = static_cast<int64_t>(first); });
}

void PackedTimestamps::Decode(size_t c, uint32_t begin, uint32_t stop, int64_t* out) const {
  out[begin] = first[c];
  if (stop - begin < 2) return;
  // Row r of customer c holds inner delta r - c - 1 (each customer's first row has none).
  const uint64_t k0 = begin - c, k1 = stop - c - 1;
  auto e = std::lower_bound(exception_at.begin(), exception_at.end(), k0);
  uint64_t time = static_cast<uint64_t>(first[c]);
  for (uint64_t k = k0; k < k1; ++k) {
    uint64_t delta = UnpackField(packed, width, k);
    if (e != exception_at.end() && *e == k) {
      delta |= exception_high[static_cast<size_t>(e - exception_at.begin())] << width;
      ++e;
    }
    time += delta;
    out[begin + 1 + (k - k0)] = static_cast<int64_t>(time);
  }
}

Status PartReader::DecodeCodes(size_t block, int column, DecodeContext* ctx, std::vector<uint32_t>* out,
                               const uint32_t* remap) const {
  const BlockInfo& b = blocks_[block];
  const ChunkInfo& ch = b.chunks[column];
  if (ch.size == 0) {
    out->assign(b.rows, remap != nullptr ? remap[0] : 0);
    return Status::OK();
  }
  out->resize(b.rows);  // every entry is written below
  uint32_t* dst = out->data();
  const size_t dict_size = columns_[column].dictionary.size();
  if (ch.kind == ColumnKind::kPackedDict) {
    // Read in place, no decompression (part_columns.h).
    TP_ASSIGN_OR_RETURN(const std::string_view chunk, StoredChunk(block, column, ctx));
    if (chunk.empty()) return Corrupt(block, column, "empty codes");
    const size_t width = static_cast<uint8_t>(chunk[0]);
    if (width > kMaxPackedCodeBits || chunk.size() != 1 + (b.rows * width + 7) / 8 + kPackedPadding) {
      return Corrupt(block, column, "codes have the wrong size");
    }
    const auto* packed = reinterpret_cast<const uint8_t*>(chunk.data() + 1);
    if (width <= kMaxTableCodeBits && dict_size < kBadCode) {
      uint32_t table[size_t{1} << kMaxTableCodeBits];
      const size_t values = size_t{1} << width;
      for (size_t code = 0; code < values; ++code) {
        table[code] = code >= dict_size ? kBadCode : remap != nullptr ? remap[code] : static_cast<uint32_t>(code);
      }
      if (UnpackCodesThroughTable(packed, width, b.rows, table, dst) &
          kBadCode) {
        return Corrupt(block, column, "code outside the dictionary");
      }
      return Status::OK();
    }
    UnpackCodes(packed, width, b.rows, dst);
    if (CheckAndRemap(dst, b.rows, static_cast<uint32_t>(dict_size), remap)) {
      return Corrupt(block, column, "code outside the dictionary");
    }
    return Status::OK();
  } else {
    if (ch.kind != ColumnKind::kDict) return Corrupt(block, column, "expected a dictionary-encoded chunk");
    TP_ASSIGN_OR_RETURN(std::string_view in, Chunk(block, column, ctx));
    if (in.empty()) return Corrupt(block, column, "empty codes");
    const size_t width = static_cast<uint8_t>(in[0]);
    in.remove_prefix(1);
    if ((width != 1 && width != 2 && width != 4) || in.size() != width * b.rows) {
      return Corrupt(block, column, "codes have the wrong size");
    }
    const unsigned char* p = reinterpret_cast<const unsigned char*>(in.data());
    if (width == 1) {
      for (size_t r = 0; r < b.rows; ++r) dst[r] = p[r];
    } else if (width == 2) {
      for (size_t r = 0; r < b.rows; ++r) dst[r] = static_cast<uint32_t>(p[2 * r] | (p[2 * r + 1] << 8));
    } else {
      std::memcpy(dst, p, 4 * b.rows);
    }
    if (CheckAndRemap(dst, b.rows, static_cast<uint32_t>(dict_size), remap)) {
      return Corrupt(block, column, "code outside the dictionary");
    }
  }
  return Status::OK();
}

Status PartReader::DecodeStrings(size_t block, int column, DecodeContext* ctx,
                                 std::vector<std::string_view>* out) const {
  const BlockInfo& b = blocks_[block];
  const ChunkInfo& ch = b.chunks[column];
  out->assign(b.rows, std::string_view());
  if (ch.size == 0) return Status::OK();
  if (ch.kind == ColumnKind::kDict || ch.kind == ColumnKind::kPackedDict) {
    std::vector<uint32_t> codes;
    TP_RETURN_IF_ERROR(DecodeCodes(block, column, ctx, &codes));
    const auto& dict = columns_[column].dictionary;
    for (size_t r = 0; r < b.rows; ++r) (*out)[r] = dict[codes[r]];
    return Status::OK();
  }
  if (ch.kind != ColumnKind::kPlain) return Corrupt(block, column, "not a string column");
  TP_ASSIGN_OR_RETURN(std::string_view in, Chunk(block, column, ctx));
  for (size_t r = 0; r < b.rows; ++r) {
    if (!GetLengthPrefixed(&in, &(*out)[r])) return Corrupt(block, column, "strings truncated");
  }
  return Status::OK();
}

Status PartReader::DecodeF64(size_t block, int column, DecodeContext* ctx, std::vector<double>* out) const {
  const BlockInfo& b = blocks_[block];
  const ChunkInfo& ch = b.chunks[column];
  if (ch.size == 0) {
    out->assign(b.rows, std::numeric_limits<double>::quiet_NaN());
    return Status::OK();
  }
  TP_ASSIGN_OR_RETURN(std::string_view in, Chunk(block, column, ctx));
  if (in.size() != 8 * b.rows) return Corrupt(block, column, "numbers have the wrong size");
  out->resize(b.rows);  // every entry is overwritten below: no fill first
  std::memcpy(out->data(), in.data(), in.size());
  return Status::OK();
}

Status PartReader::ReadEventIdHashes(DecodeContext* ctx, std::vector<uint64_t>* out) const {
  out->clear();
  if (version_ >= kFirstVersionWithLoads) {
    // Stored raw: read with pread, off the mapping (it would stay resident).
    if (event_ids_.size != event_id_count_ * 8) return Status::Corruption(name_ + ": event-id set size");
    out->resize(event_id_count_);
    TP_RETURN_IF_ERROR(ReadEventIdBytes(0, event_ids_.size, reinterpret_cast<char*>(out->data())));
    if (Checksum(std::string_view(reinterpret_cast<const char*>(out->data()), event_ids_.size)) !=
        event_ids_.checksum) {
      return Status::Corruption(name_ + ": event-id set checksum mismatch");
    }
    return Status::OK();
  }
  std::string_view compressed(data_ + event_ids_.offset, event_ids_.size);
  if (Checksum(compressed) != event_ids_.checksum) return Status::Corruption(name_ + ": event-id set checksum mismatch");
  auto raw = ctx->Decompress(compressed, 0);
  if (!raw.ok()) return Status::Corruption(name_ + ": event-id set: " + raw.status().message());
  if (raw.value().size() != event_id_count_ * 8) return Status::Corruption(name_ + ": event-id set size");
  out->resize(event_id_count_);
  if (event_id_count_ > 0) std::memcpy(out->data(), raw.value().data(), raw.value().size());
  return Status::OK();
}

Status PartReader::ReadEventIdBytes(uint64_t offset, size_t size, char* out) const {
  if (offset > event_ids_.size || size > event_ids_.size - offset) {
    return Status::Corruption(name_ + ": event-id set read out of range");
  }
  const uint64_t at = event_ids_.offset + offset;
  if (fd_ < 0) {
    std::memcpy(out, data_ + at, size);
    return Status::OK();
  }
  size_t done = 0;
  while (done < size) {
    const ssize_t got = ::pread(fd_, out + done, size - done, static_cast<off_t>(at + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return Status::IOError(name_ + ": reading the event-id set");
    done += static_cast<size_t>(got);
  }
  return Status::OK();
}

Status PartReader::VerifyChunks() const {
  for (size_t b = 0; b < blocks_.size(); ++b) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      const ChunkInfo& ch = blocks_[b].chunks[c];
      if (ch.size == 0) continue;
      TP_RETURN_IF_ERROR(StoredChunk(b, static_cast<int>(c), nullptr).status());
    }
  }
  return Status::OK();
}

Status PartReader::VerifyEventIds() const {
  DecodeContext ctx;
  std::vector<uint64_t> ids;
  TP_RETURN_IF_ERROR(ReadEventIdHashes(&ctx, &ids));
  for (size_t i = 1; i < ids.size(); ++i) {
    if (ids[i - 1] >= ids[i]) return Status::Corruption(name_ + ": event-id set is not sorted");
  }
  return Status::OK();
}

}  // namespace touchpoint::store
