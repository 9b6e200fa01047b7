// ParseRequestTime (engine/request_dates.h): the --from / --to forms, read
// in the reporting zone, with the wall clock pinned.
#include "engine/request_dates.h"

#include <gtest/gtest.h>

#include "util/time.h"

namespace touchpoint::engine {
namespace {

// 2024-03-13T15:30:00Z, a Wednesday.
constexpr int64_t kNow = 1710343800000;

int64_t At(const char* iso) { return *ParseTimestamp(iso, nullptr); }

const date::time_zone* Zone(const char* name) { return *FindTimeZone(name); }

TEST(ParseRequestTime, IsoFormsYearsAndMonths) {
  EXPECT_EQ(*ParseRequestTime("--from", "2024-03-05T10:15:00Z", nullptr, kNow), At("2024-03-05T10:15:00Z"));
  EXPECT_EQ(*ParseRequestTime("--from", "2024-03-05", nullptr, kNow), At("2024-03-05T00:00:00Z"));
  EXPECT_EQ(*ParseRequestTime("--from", "2024-03", nullptr, kNow), At("2024-03-01T00:00:00Z"));
  EXPECT_EQ(*ParseRequestTime("--from", "2024", nullptr, kNow), At("2024-01-01T00:00:00Z"));
}

// Issue 10: the same --from is the same instant everywhere: local midnight
// in the reporting zone (Berlin is UTC+1 in March before the DST change).
TEST(ParseRequestTime, ReadInTheReportingZone) {
  const auto* berlin = Zone("Europe/Berlin");
  EXPECT_EQ(*ParseRequestTime("--from", "2024-03", berlin, kNow), At("2024-02-29T23:00:00Z"));
  EXPECT_EQ(*ParseRequestTime("--from", "2024-03-05 10:00", berlin, kNow), At("2024-03-05T09:00:00Z"));
  EXPECT_EQ(*ParseRequestTime("--from", "2024-07-01", berlin, kNow), At("2024-06-30T22:00:00Z"));  // summer time
}

TEST(ParseRequestTime, RelativeToTheWallClock) {
  EXPECT_EQ(*ParseRequestTime("--to", "now", nullptr, kNow), kNow);
  EXPECT_EQ(*ParseRequestTime("--to", "today", nullptr, kNow), At("2024-03-13T00:00:00Z"));
  EXPECT_EQ(*ParseRequestTime("--to", "yesterday", nullptr, kNow), At("2024-03-12T00:00:00Z"));
  EXPECT_EQ(*ParseRequestTime("--from", "-30d", nullptr, kNow), At("2024-02-12T00:00:00Z"));
  EXPECT_EQ(*ParseRequestTime("--from", "-2w", nullptr, kNow), At("2024-02-28T00:00:00Z"));
  EXPECT_EQ(*ParseRequestTime("--from", "-1m", nullptr, kNow), At("2024-02-13T00:00:00Z"));
  EXPECT_EQ(*ParseRequestTime("--from", "-1y", nullptr, kNow), At("2023-03-13T00:00:00Z"));
  // Today in Tokyo (UTC+9) is already 2024-03-14 at 15:30 UTC.
  EXPECT_EQ(*ParseRequestTime("--to", "today", Zone("Asia/Tokyo"), kNow), At("2024-03-13T15:00:00Z"));
}

TEST(ParseRequestTime, MonthEndsClampWhenStepping) {
  constexpr int64_t kMarch31 = 1711886400000;  // 2024-03-31T12:00:00Z
  EXPECT_EQ(*ParseRequestTime("--from", "-1m", nullptr, kMarch31), At("2024-02-29T00:00:00Z"));
}

TEST(ParseRequestTime, ErrorsAreUsageErrorsNamingTheFlag) {
  for (const char* bad : {"", "soon", "-3x", "-d", "2024-13", "2024-02-30", "-1.5d"}) {
    auto r = ParseRequestTime("--from", bad, nullptr, kNow);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), Status::Code::kUsage) << bad;
    EXPECT_EQ(r.status().message().substr(0, 6), "--from") << r.status().message();
  }
}

}  // namespace
}  // namespace touchpoint::engine
