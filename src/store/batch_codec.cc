#include "store/batch_codec.h"

#include <bit>
#include <cassert>
#include <cmath>
#include <utility>

#include "util/coding.h"

namespace touchpoint::store {
namespace {

// Mode byte of a number column. Serialized: never renumber.
enum class NumberMode : uint8_t {
  kAllAbsent = 0,  // every value NaN: nothing follows
  kRaw = 1,        // one fixed64 (the IEEE-754 bits) per row
};

// A string column: varint total bytes; if non-zero, a varint length per row
// and then the concatenated bytes. A column of empty (absent) values, the
// usual case for optional columns, costs one byte.
void PutStrings(std::string* dst, const StringColumn& column) {
  PutVarint64(dst, column.byte_size());
  if (column.byte_size() == 0) return;
  for (size_t r = 0; r < column.size(); ++r) PutVarint64(dst, column.Get(r).size());
  for (size_t r = 0; r < column.size(); ++r) dst->append(column.Get(r));
}

void PutNumbers(std::string* dst, const std::vector<double>& values) {
  bool all_absent = true;
  for (double v : values) all_absent = all_absent && std::isnan(v);
  if (all_absent) {
    dst->push_back(static_cast<char>(NumberMode::kAllAbsent));
    return;
  }
  dst->push_back(static_cast<char>(NumberMode::kRaw));
  for (double v : values) PutFixed64(dst, std::bit_cast<uint64_t>(v));
}

Status Bad(std::string_view what) { return Status::Corruption("event batch encoding: " + std::string(what)); }

Status GetStrings(std::string_view* in, size_t rows, std::string_view what, StringColumn* out) {
  uint64_t total = 0;
  if (!GetVarint64(in, &total)) return Bad(std::string(what) + " truncated");
  if (total == 0) {
    out->AppendEmpty(rows);
    return Status::OK();
  }
  // Each row's length takes at least one byte before the payload.
  if (total > in->size() || rows > in->size() - total) return Bad(std::string(what) + " longer than the input");
  // First pass: check the lengths add up, so the second can trust them.
  std::string_view rest = *in;
  uint64_t sum = 0;
  for (size_t r = 0; r < rows; ++r) {
    uint64_t len = 0;
    if (!GetVarint64(&rest, &len) || len > total - sum) return Bad(std::string(what) + " bad lengths");
    sum += len;
  }
  if (sum != total || total > rest.size()) return Bad(std::string(what) + " bad lengths");
  std::string_view lengths = *in;
  std::string_view bytes = rest.substr(0, total);
  *in = rest.substr(total);
  out->Reserve(rows, total);
  for (size_t r = 0; r < rows; ++r) {
    uint64_t len = 0;
    (void)GetVarint64(&lengths, &len);  // cannot fail: the first pass read the same bytes
    out->Append(bytes.substr(0, len));
    bytes.remove_prefix(len);
  }
  return Status::OK();
}

Status GetNumbers(std::string_view* in, size_t rows, std::string_view what, std::vector<double>* out) {
  if (in->empty()) return Bad(std::string(what) + " truncated");
  const auto mode = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  if (mode == static_cast<uint8_t>(NumberMode::kAllAbsent)) {
    out->assign(rows, kAbsent);
    return Status::OK();
  }
  if (mode != static_cast<uint8_t>(NumberMode::kRaw)) return Bad(std::string(what) + " unknown mode");
  if (rows > in->size() / sizeof(uint64_t)) return Bad(std::string(what) + " truncated");
  out->resize(rows);
  for (size_t r = 0; r < rows; ++r) {
    uint64_t bits = 0;
    if (!GetFixed64(in, &bits)) return Bad(std::string(what) + " truncated");
    (*out)[r] = std::bit_cast<double>(bits);
  }
  return Status::OK();
}

Status DecodeInto(std::string_view in, EventBatch* b) {
  uint64_t version = 0;
  uint64_t rows64 = 0;
  if (!GetVarint64(&in, &version)) return Bad("missing version");
  if (version == 0) return Bad("version 0");
  if (version > kBatchCodecVersion) {
    return Status::NotSupported("event batch encoding version " + std::to_string(version) + " is newer than " +
                                std::to_string(kBatchCodecVersion));
  }
  // Each row's timestamp takes at least one byte: bounds the allocations.
  if (!GetVarint64(&in, &rows64) || rows64 > in.size()) return Bad("bad row count");
  const auto rows = static_cast<size_t>(rows64);
  b->timestamp_ms.resize(rows);
  uint64_t prev = 0;
  for (size_t r = 0; r < rows; ++r) {
    int64_t delta = 0;
    if (!GetVarintSigned64(&in, &delta)) return Bad("timestamps truncated");
    prev += static_cast<uint64_t>(delta);  // unsigned: wraps instead of overflowing
    b->timestamp_ms[r] = static_cast<int64_t>(prev);
  }
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "customer_id", &b->customer_id));
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "event", &b->event));
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "event_id", &b->event_id));
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "session_id", &b->session_id));
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "channel", &b->channel));
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "campaign", &b->campaign));
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "page", &b->page));
  TP_RETURN_IF_ERROR(GetNumbers(&in, rows, "revenue", &b->revenue));
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "survey", &b->survey));
  TP_RETURN_IF_ERROR(GetNumbers(&in, rows, "score", &b->score));
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "comment", &b->comment));
  TP_RETURN_IF_ERROR(GetStrings(&in, rows, "feature", &b->feature));
  uint64_t nprops = 0;
  // A property takes at least two bytes (name length, column total).
  if (!GetVarint64(&in, &nprops) || nprops > in.size() / 2) return Bad("bad property count");
  b->properties.resize(static_cast<size_t>(nprops));
  for (PropertyColumn& p : b->properties) {
    std::string_view name;
    if (!GetLengthPrefixed(&in, &name)) return Bad("property name truncated");
    p.name = std::string(name);
    TP_RETURN_IF_ERROR(GetStrings(&in, rows, "property " + p.name, &p.values));
  }
  if (!in.empty()) return Bad(std::to_string(in.size()) + " trailing bytes");
  return Status::OK();
}

}  // namespace

std::string EncodeBatch(const EventBatch& b) {
  const size_t rows = b.size();
  std::string out;
  out.reserve(rows * 16 + b.customer_id.byte_size() + b.event.byte_size() + 64);
  PutVarint64(&out, kBatchCodecVersion);
  PutVarint64(&out, rows);
  uint64_t prev = 0;
  for (int64_t ts : b.timestamp_ms) {
    const auto cur = static_cast<uint64_t>(ts);
    PutVarintSigned64(&out, static_cast<int64_t>(cur - prev));
    prev = cur;
  }
  PutStrings(&out, b.customer_id);
  PutStrings(&out, b.event);
  PutStrings(&out, b.event_id);
  PutStrings(&out, b.session_id);
  PutStrings(&out, b.channel);
  PutStrings(&out, b.campaign);
  PutStrings(&out, b.page);
  PutNumbers(&out, b.revenue);
  PutStrings(&out, b.survey);
  PutNumbers(&out, b.score);
  PutStrings(&out, b.comment);
  PutStrings(&out, b.feature);
  PutVarint64(&out, b.properties.size());
  for (const PropertyColumn& p : b.properties) {
    assert(p.values.size() == rows);
    PutLengthPrefixed(&out, p.name);
    PutStrings(&out, p.values);
  }
  return out;
}

Status DecodeBatch(std::string_view bytes, EventBatch* out) {
  EventBatch batch;
  Status s = DecodeInto(bytes, &batch);
  if (!s.ok()) {
    out->Clear();
    return s;
  }
  *out = std::move(batch);
  return Status::OK();
}

}  // namespace touchpoint::store
