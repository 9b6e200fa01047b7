#include "util/coding.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace touchpoint {
namespace {

TEST(Coding, Fixed32IsLittleEndian) {
  std::string s;
  PutFixed32(&s, 0x04030201);
  EXPECT_EQ(s, std::string("\x01\x02\x03\x04", 4));
  std::string_view in = s;
  uint32_t v = 0;
  ASSERT_TRUE(GetFixed32(&in, &v));
  EXPECT_EQ(v, 0x04030201u);
  EXPECT_TRUE(in.empty());
}

TEST(Coding, Fixed64IsLittleEndian) {
  std::string s;
  PutFixed64(&s, 0x0807060504030201ull);
  EXPECT_EQ(s, std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  std::string_view in = s;
  uint64_t v = 0;
  ASSERT_TRUE(GetFixed64(&in, &v));
  EXPECT_EQ(v, 0x0807060504030201ull);
  EXPECT_EQ(DecodeFixed64("\xff\xff\xff\xff\xff\xff\xff\xff"), std::numeric_limits<uint64_t>::max());
}

TEST(Coding, FixedTruncatedFails) {
  std::string_view in("\x01\x02\x03", 3);
  uint32_t v32 = 0;
  uint64_t v64 = 0;
  EXPECT_FALSE(GetFixed32(&in, &v32));
  EXPECT_FALSE(GetFixed64(&in, &v64));
}

TEST(Coding, VarintKnownEncodings) {
  auto enc = [](uint64_t v) {
    std::string s;
    PutVarint64(&s, v);
    return s;
  };
  EXPECT_EQ(enc(0), std::string("\x00", 1));
  EXPECT_EQ(enc(1), "\x01");
  EXPECT_EQ(enc(127), "\x7f");
  EXPECT_EQ(enc(128), "\x80\x01");
  EXPECT_EQ(enc(300), "\xac\x02");  // 300 = 0b10'0101100
  EXPECT_EQ(enc(16384), std::string("\x80\x80\x01", 3));
  EXPECT_EQ(enc(std::numeric_limits<uint64_t>::max()), "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01");
}

TEST(Coding, VarintRoundTripAndLength) {
  std::vector<uint64_t> values;
  for (int bit = 0; bit < 64; ++bit) {
    const uint64_t p = uint64_t{1} << bit;
    values.insert(values.end(), {p - 1, p, p + 1});
  }
  values.push_back(std::numeric_limits<uint64_t>::max());
  std::string s;
  for (uint64_t v : values) PutVarint64(&s, v);
  std::string_view in = s;
  for (uint64_t v : values) {
    const size_t before = in.size();
    uint64_t got = 0;
    ASSERT_TRUE(GetVarint64(&in, &got));
    EXPECT_EQ(got, v);
    EXPECT_EQ(before - in.size(), VarintLength(v));
  }
  EXPECT_TRUE(in.empty());
  EXPECT_EQ(VarintLength(0), 1u);
  EXPECT_EQ(VarintLength(127), 1u);
  EXPECT_EQ(VarintLength(128), 2u);
  EXPECT_EQ(VarintLength(std::numeric_limits<uint64_t>::max()), 10u);
}

TEST(Coding, FastVarintMatchesTheCheckedDecoder) {
  // Values of every encoded length 1..10, packed back to back so the word
  // read sees the next varint's bytes, then the tail (fewer than 8 bytes
  // left) on the checked path.
  std::vector<uint64_t> values;
  for (int bits = 0; bits <= 64; ++bits) {
    const uint64_t v = bits == 0 ? 0 : bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
    values.push_back(v);
    values.push_back(v / 3);
  }
  std::string buf;
  for (uint64_t v : values) PutVarint64(&buf, v);
  const auto* p = reinterpret_cast<const uint8_t*>(buf.data());
  const auto* end = p + buf.size();
  for (uint64_t v : values) {
    uint64_t got = 0;
    ASSERT_TRUE(GetVarint64Fast(&p, end, &got));
    EXPECT_EQ(got, v);
  }
  EXPECT_EQ(p, end);
  // Truncated: a continuation byte with nothing after it, and 8 continuation bytes.
  const std::string cut = "\x80";
  p = reinterpret_cast<const uint8_t*>(cut.data());
  uint64_t v = 0;
  EXPECT_FALSE(GetVarint64Fast(&p, p + cut.size(), &v));
  const std::string endless(12, '\x80');
  p = reinterpret_cast<const uint8_t*>(endless.data());
  EXPECT_FALSE(GetVarint64Fast(&p, p + endless.size(), &v));
}

TEST(Coding, VarintTruncatedFails) {
  std::string_view in("\x80\x80", 2);
  uint64_t v = 0;
  EXPECT_FALSE(GetVarint64(&in, &v));
  std::string_view empty;
  EXPECT_FALSE(GetVarint64(&empty, &v));
}

TEST(Coding, VarintOverflowFails) {
  uint64_t v = 0;
  // Ten bytes whose last holds more than bit 63.
  std::string_view ten("\xff\xff\xff\xff\xff\xff\xff\xff\xff\x02", 10);
  EXPECT_FALSE(GetVarint64(&ten, &v));
  // Eleven bytes.
  std::string_view eleven("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00", 11);
  EXPECT_FALSE(GetVarint64(&eleven, &v));
}

TEST(Coding, Varint32RejectsValuesAbove32Bits) {
  std::string s;
  PutVarint32(&s, std::numeric_limits<uint32_t>::max());
  EXPECT_EQ(s, "\xff\xff\xff\xff\x0f");
  PutVarint64(&s, uint64_t{1} << 32);
  std::string_view in = s;
  uint32_t v = 0;
  ASSERT_TRUE(GetVarint32(&in, &v));
  EXPECT_EQ(v, std::numeric_limits<uint32_t>::max());
  EXPECT_FALSE(GetVarint32(&in, &v));
}

TEST(Coding, SignedVarintUsesZigZag) {
  auto enc = [](int64_t v) {
    std::string s;
    PutVarintSigned64(&s, v);
    return s;
  };
  EXPECT_EQ(enc(0), std::string("\x00", 1));
  EXPECT_EQ(enc(-1), "\x01");
  EXPECT_EQ(enc(1), "\x02");
  EXPECT_EQ(enc(-2), "\x03");
  EXPECT_EQ(enc(-64), "\x7f");
  EXPECT_EQ(enc(64), "\x80\x01");
  for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{1}, int64_t{1700000000000}, int64_t{-1700000000000},
                    std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    std::string s = enc(v);
    std::string_view in = s;
    int64_t got = 0;
    ASSERT_TRUE(GetVarintSigned64(&in, &got));
    EXPECT_EQ(got, v);
    EXPECT_TRUE(in.empty());
  }
  EXPECT_EQ(enc(std::numeric_limits<int64_t>::min()).size(), 10u);
}

TEST(Coding, LengthPrefixedRoundTrip) {
  std::string s;
  PutLengthPrefixed(&s, "");
  PutLengthPrefixed(&s, "abc");
  PutLengthPrefixed(&s, std::string(200, 'z'));
  EXPECT_EQ(s.substr(0, 5), std::string("\x00\x03"
                                        "abc",
                                        5));
  std::string_view in = s;
  std::string_view v;
  ASSERT_TRUE(GetLengthPrefixed(&in, &v));
  EXPECT_EQ(v, "");
  ASSERT_TRUE(GetLengthPrefixed(&in, &v));
  EXPECT_EQ(v, "abc");
  ASSERT_TRUE(GetLengthPrefixed(&in, &v));
  EXPECT_EQ(v, std::string(200, 'z'));
  EXPECT_TRUE(in.empty());
}

TEST(Coding, LengthPrefixedLongerThanInputFails) {
  std::string_view in(
      "\x05"
      "abcd",
      5);
  std::string_view v;
  EXPECT_FALSE(GetLengthPrefixed(&in, &v));
}

}  // namespace
}  // namespace touchpoint
