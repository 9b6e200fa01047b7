#include "store/wal_payload.h"

#include <gtest/gtest.h>

#include <string>

namespace touchpoint::store {
namespace {

TEST(WalPayload, RoundTrip) {
  const std::string rec = EncodeWalPayload(WalPayloadKind::kBatch, 300, "body bytes");
  EXPECT_EQ(rec, std::string("\x01\xac\x02"
                             "body bytes"));
  WalPayload p;
  ASSERT_TRUE(DecodeWalPayload(rec, &p).ok());
  EXPECT_EQ(p.kind, WalPayloadKind::kBatch);
  EXPECT_EQ(p.load_id, 300u);
  EXPECT_EQ(p.body, "body bytes");
}

TEST(WalPayload, EmptyBody) {
  const std::string rec = EncodeWalPayload(WalPayloadKind::kBatch, 0, "");
  EXPECT_EQ(rec, std::string("\x01\x00", 2));
  WalPayload p;
  ASSERT_TRUE(DecodeWalPayload(rec, &p).ok());
  EXPECT_EQ(p.load_id, 0u);
  EXPECT_TRUE(p.body.empty());
}

TEST(WalPayload, BadInputIsRejected) {
  WalPayload p;
  EXPECT_EQ(DecodeWalPayload("", &p).code(), Status::Code::kCorruption);
  EXPECT_EQ(DecodeWalPayload(std::string("\x00\x01", 2), &p).code(), Status::Code::kCorruption);
  EXPECT_EQ(DecodeWalPayload("\x01", &p).code(), Status::Code::kCorruption);      // no load id
  EXPECT_EQ(DecodeWalPayload("\x01\x80", &p).code(), Status::Code::kCorruption);  // truncated varint
  EXPECT_EQ(DecodeWalPayload("\x07\x01", &p).code(), Status::Code::kNotSupported);
}

}  // namespace
}  // namespace touchpoint::store
