#include "util/crc32c.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace touchpoint::crc32c {
namespace {

// Vectors from RFC 3720 (iSCSI), appendix B.4, and the common check value.
TEST(Crc32c, StandardVectors) {
  EXPECT_EQ(Value("123456789"), 0xe3069283u);
  EXPECT_EQ(Value(""), 0u);

  std::string buf(32, '\0');
  EXPECT_EQ(Value(buf), 0x8a9136aau);
  buf.assign(32, '\xff');
  EXPECT_EQ(Value(buf), 0x62a8ab43u);
  for (int i = 0; i < 32; ++i) buf[i] = static_cast<char>(i);
  EXPECT_EQ(Value(buf), 0x46dd794eu);
  for (int i = 0; i < 32; ++i) buf[i] = static_cast<char>(31 - i);
  EXPECT_EQ(Value(buf), 0x113fdb5cu);

  const unsigned char iscsi_read[48] = {
      0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18,
      0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  };
  EXPECT_EQ(Value(reinterpret_cast<const char*>(iscsi_read), sizeof(iscsi_read)), 0xd9963a56u);
}

TEST(Crc32c, PortableMatchesStandardVector) {
  const std::string s = "123456789";
  EXPECT_EQ(ExtendPortable(0, s.data(), s.size()), 0xe3069283u);
}

TEST(Crc32c, ExtendEqualsWholeValue) {
  const std::string s = "hello world, this is a longer string to split";
  for (size_t cut = 0; cut <= s.size(); ++cut) {
    EXPECT_EQ(Extend(Value(s.data(), cut), s.data() + cut, s.size() - cut), Value(s)) << cut;
  }
}

TEST(Crc32c, HardwareAndPortablePathsAgree) {
  std::mt19937 rng(42);
  std::string data(4096 + 64, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  // Every small length at every alignment, then a few long ones.
  for (size_t start = 0; start < 16; ++start) {
    for (size_t n = 0; n < 80; ++n) {
      ASSERT_EQ(Extend(7, data.data() + start, n), ExtendPortable(7, data.data() + start, n)) << start << " " << n;
    }
  }
  for (size_t n : {size_t{1000}, size_t{4096}, size_t{4099}}) {
    EXPECT_EQ(Value(data.data() + 3, n), ExtendPortable(0, data.data() + 3, n));
  }
}

TEST(Crc32c, MaskRoundTripsAndChangesValue) {
  for (uint32_t crc : {0u, 1u, 0xe3069283u, 0xffffffffu}) {
    EXPECT_NE(Mask(crc), crc);
    EXPECT_NE(Mask(Mask(crc)), crc);
    EXPECT_EQ(Unmask(Mask(crc)), crc);
    EXPECT_EQ(Unmask(Unmask(Mask(Mask(crc)))), crc);
  }
}

TEST(Crc32c, DifferentInputsDiffer) {
  EXPECT_NE(Value("a"), Value("foo"));
  EXPECT_NE(Value("foo"), Value("fop"));
}

}  // namespace
}  // namespace touchpoint::crc32c
