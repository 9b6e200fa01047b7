// ParseDurationMs (engine/duration.h): units, truncation, and the bounds
// that keep a window or half-life far from int64 overflow.
#include "engine/duration.h"

#include <gtest/gtest.h>

namespace touchpoint::engine {
namespace {

TEST(ParseDurationMs, Units) {
  EXPECT_EQ(ParseDurationMs("3600s").value(), 3600 * 1000);
  EXPECT_EQ(ParseDurationMs("45s").value(), 45 * 1000);
  EXPECT_EQ(ParseDurationMs("30m").value(), 30 * 60 * 1000);    // 1,800,000
  EXPECT_EQ(ParseDurationMs("5min").value(), 5 * 60 * 1000);
  EXPECT_EQ(ParseDurationMs("2h").value(), 2 * 3600 * 1000);    // 7,200,000
  EXPECT_EQ(ParseDurationMs("7d").value(), 7 * 86400 * 1000LL);  // 604,800,000
  EXPECT_EQ(ParseDurationMs("1w").value(), 7 * 86400 * 1000LL);
  EXPECT_EQ(ParseDurationMs("0s").value(), 0);
}

// `--window 7` could mean 7 seconds or 7 days: a bare number is a usage
// error that says a unit is needed (issue 10).
TEST(ParseDurationMs, BareNumberNeedsAUnit) {
  for (const char* text : {"7", "0", "3600", "1.5"}) {
    auto r = ParseDurationMs(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), Status::Code::kUsage);
    EXPECT_NE(r.status().message().find("has no unit"), std::string::npos) << r.status().ToString();
  }
}

TEST(ParseDurationMs, FractionsTruncateToMilliseconds) {
  EXPECT_EQ(ParseDurationMs("1.5s").value(), 1500);
  EXPECT_EQ(ParseDurationMs("0.5d").value(), 43200 * 1000);  // 12 h
  EXPECT_EQ(ParseDurationMs("0.0019s").value(), 1);          // 1.9 ms -> 1
}

TEST(ParseDurationMs, HundredYearsIsTheLimit) {
  // 100 years of 365.25 days = 36525 d = 36525 * 86,400,000 ms.
  EXPECT_EQ(ParseDurationMs("36525d").value(), 3155760000000LL);
  EXPECT_EQ(kMaxDurationMs, 3155760000000LL);
  EXPECT_FALSE(ParseDurationMs("36526d").ok());
  EXPECT_FALSE(ParseDurationMs("5300w").ok());  // 37,100 days
}

TEST(ParseDurationMs, HugeValuesAreRefusedNotOverflowed) {
  auto r = ParseDurationMs("1e30d");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUsage);
  EXPECT_NE(r.status().message().find("at most 100 years"), std::string::npos) << r.status().ToString();
  EXPECT_FALSE(ParseDurationMs("1e300").ok());
  EXPECT_FALSE(ParseDurationMs("inf").ok());
  EXPECT_FALSE(ParseDurationMs("nan").ok());
  EXPECT_FALSE(ParseDurationMs("nand").ok());
}

TEST(ParseDurationMs, BadTextIsAClearError) {
  for (const char* text : {"", "d", "-1d", "7 parsecs", "7y", "1dd", "abc"}) {
    auto r = ParseDurationMs(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.status().message().find(std::string("'") + text + "'"), std::string::npos) << r.status().ToString();
  }
  EXPECT_NE(ParseDurationMs("7y").status().message().find("unknown unit 'y'"), std::string::npos);
}

}  // namespace
}  // namespace touchpoint::engine
