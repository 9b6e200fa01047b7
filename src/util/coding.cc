#include "util/coding.h"

namespace touchpoint {

void EncodeFixed32(char* dst, uint32_t value) {
  for (int i = 0; i < 4; ++i) dst[i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

void EncodeFixed64(char* dst, uint64_t value) {
  for (int i = 0; i < 8; ++i) dst[i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

uint32_t DecodeFixed32(const char* src) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(src[i])) << (8 * i);
  return v;
}

uint64_t DecodeFixed64(const char* src) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(src[i])) << (8 * i);
  return v;
}

void PutFixed32(std::string* dst, uint32_t value) {
  char buf[4];
  EncodeFixed32(buf, value);
  dst->append(buf, sizeof(buf));
}

void PutFixed64(std::string* dst, uint64_t value) {
  char buf[8];
  EncodeFixed64(buf, value);
  dst->append(buf, sizeof(buf));
}

void PutVarint64(std::string* dst, uint64_t value) {
  constexpr uint64_t kMore = 0x80;
  char buf[kMaxVarint64Bytes];
  size_t n = 0;
  while (value >= kMore) {
    buf[n++] = static_cast<char>((value & 0x7f) | kMore);
    value >>= 7;
  }
  buf[n++] = static_cast<char>(value);
  dst->append(buf, n);
}

void PutVarint32(std::string* dst, uint32_t value) { PutVarint64(dst, value); }

void PutVarintSigned64(std::string* dst, int64_t value) {
  // Arithmetic shift spreads the sign bit; computed in unsigned to avoid UB.
  const uint64_t u = static_cast<uint64_t>(value);
  PutVarint64(dst, (u << 1) ^ (value < 0 ? ~uint64_t{0} : uint64_t{0}));
}

void PutLengthPrefixed(std::string* dst, std::string_view value) {
  PutVarint64(dst, value.size());
  dst->append(value.data(), value.size());
}

bool GetFixed32(std::string_view* in, uint32_t* value) {
  if (in->size() < 4) return false;
  *value = DecodeFixed32(in->data());
  in->remove_prefix(4);
  return true;
}

bool GetFixed64(std::string_view* in, uint64_t* value) {
  if (in->size() < 8) return false;
  *value = DecodeFixed64(in->data());
  in->remove_prefix(8);
  return true;
}

bool GetVarint32(std::string_view* in, uint32_t* value) {
  std::string_view probe = *in;
  uint64_t v = 0;
  if (!GetVarint64(&probe, &v) || v > UINT32_MAX || in->size() - probe.size() > kMaxVarint32Bytes) return false;
  *value = static_cast<uint32_t>(v);
  *in = probe;
  return true;
}

bool GetVarintSigned64(std::string_view* in, int64_t* value) {
  uint64_t u = 0;
  if (!GetVarint64(in, &u)) return false;
  *value = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
  return true;
}

bool GetLengthPrefixed(std::string_view* in, std::string_view* value) {
  uint64_t len = 0;
  if (!GetVarint64(in, &len) || len > in->size()) return false;
  *value = in->substr(0, static_cast<size_t>(len));
  in->remove_prefix(static_cast<size_t>(len));
  return true;
}

size_t VarintLength(uint64_t value) {
  size_t n = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++n;
  }
  return n;
}

}  // namespace touchpoint
