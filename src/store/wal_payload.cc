#include "store/wal_payload.h"

#include "util/coding.h"

namespace touchpoint::store {

std::string EncodeWalPayload(WalPayloadKind kind, uint64_t load_id, std::string_view body) {
  std::string out;
  out.reserve(1 + kMaxVarint64Bytes + body.size());
  out.push_back(static_cast<char>(kind));
  PutVarint64(&out, load_id);
  out.append(body);
  return out;
}

Status DecodeWalPayload(std::string_view record, WalPayload* out) {
  if (record.empty()) return Status::Corruption("log record payload is empty");
  const auto kind = static_cast<uint8_t>(record[0]);
  if (kind == 0) return Status::Corruption("log record payload of kind 0");
  if (kind > kWalMaxPayloadKind) {
    return Status::NotSupported("log record payload of unknown kind " + std::to_string(kind));
  }
  record.remove_prefix(1);
  uint64_t load_id = 0;
  if (!GetVarint64(&record, &load_id)) return Status::Corruption("log record payload: bad load id");
  out->kind = static_cast<WalPayloadKind>(kind);
  out->load_id = load_id;
  out->body = record;
  return Status::OK();
}

}  // namespace touchpoint::store
