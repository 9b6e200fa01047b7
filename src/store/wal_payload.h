// The payload the store puts in each write-ahead log record (the logical
// record a WalWriter frames): a 1-byte kind, a varint load id, then a body
// whose meaning depends on the kind (docs/wal_format.md, "Record payload").
// Stateless and thread-safe.
#ifndef TOUCHPOINT_STORE_WAL_PAYLOAD_H_
#define TOUCHPOINT_STORE_WAL_PAYLOAD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace touchpoint::store {

// Serialized: never renumber; 0 is never written.
enum class WalPayloadKind : uint8_t {
  kBatch = 1,  // body: an EventBatch encoded by EncodeBatch (store/batch_codec.h)
};
inline constexpr uint8_t kWalMaxPayloadKind = static_cast<uint8_t>(WalPayloadKind::kBatch);

struct WalPayload {
  WalPayloadKind kind = WalPayloadKind::kBatch;
  uint64_t load_id = 0;   // the load (or append) the body belongs to
  std::string_view body;  // points into the decoded record
};

std::string EncodeWalPayload(WalPayloadKind kind, uint64_t load_id, std::string_view body);

// Corruption when the kind byte is 0 or the load id is malformed;
// NotSupported for a kind newer than this build knows. out->body views
// `record`, which must outlive it.
Status DecodeWalPayload(std::string_view record, WalPayload* out);

}  // namespace touchpoint::store

#endif  // TOUCHPOINT_STORE_WAL_PAYLOAD_H_
