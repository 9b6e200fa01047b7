// The table formatting helpers (report/format.h).
#include "report/format.h"

#include <gtest/gtest.h>

#include <limits>

#include "kernels/group_column.h"

namespace touchpoint::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(Format, Numbers) {
  EXPECT_EQ(Fixed(3.14159, 2), "3.14");
  EXPECT_EQ(Fixed(-0.001, 2), "0.00");  // no "-0.00"
  EXPECT_EQ(Fixed(kNaN, 2), "-");
  EXPECT_EQ(Percent(12.345), "12.35%");
  EXPECT_EQ(Percent(kNaN), "-");
  EXPECT_EQ(Thousands(0), "0");
  EXPECT_EQ(Thousands(1234567), "1,234,567");
  EXPECT_EQ(Bytes(512), "512 B");
  EXPECT_EQ(Bytes(1536), "1.5 KiB");
  EXPECT_EQ(Interval(1.2, 3.456, 2), "[1.20, 3.46]");
  EXPECT_EQ(Interval(kNaN, 3, 2), "");
}

// Issue 10: funnel times printed as raw seconds (`median s 4665600`).
TEST(Format, DurationsForPeople) {
  EXPECT_EQ(HumanDuration(0.25), "0.2 s");
  EXPECT_EQ(HumanDuration(45), "45 s");
  EXPECT_EQ(HumanDuration(125), "2 m 05 s");
  EXPECT_EQ(HumanDuration(2 * 3600 + 14 * 60), "2 h 14 m");
  EXPECT_EQ(HumanDuration(7 * 86400), "7 d");
  EXPECT_EQ(HumanDuration(4665600), "54 d");
  EXPECT_EQ(HumanDuration(3 * 86400 + 4 * 3600), "3 d 4 h");
  EXPECT_EQ(HumanDuration(kNaN), "-");
}

TEST(Format, LocalTimes) {
  EXPECT_EQ(LocalTime(1709251200000, "UTC"), "2024-03-01");                 // midnight
  EXPECT_EQ(LocalTime(1709251200000, "Europe/Berlin"), "2024-03-01 01:00");
  EXPECT_EQ(LocalTime(1709247600000, "Europe/Berlin"), "2024-03-01");       // Berlin's midnight
  EXPECT_EQ(LocalTime(1709251230500, ""), "2024-03-01 00:00:30.500");
}

TEST(Format, GroupKeys) {
  EXPECT_EQ(DisplayKey("web"), "web");
  EXPECT_EQ(DisplayKey(""), "(none)");
  EXPECT_EQ(DisplayKey(std::string("web") + kernels::kGroupKeySeparator + "spring"), "web / spring");
  EXPECT_EQ(DisplayKey(std::string("web") + kernels::kGroupKeySeparator), "web / (none)");
}

}  // namespace
}  // namespace touchpoint::report
