// Timestamps in every accepted form, zones and DST, and the errors.
#include "util/time.h"

#include <gtest/gtest.h>

namespace touchpoint {
namespace {

int64_t P(const char* s, const char* zone = "") {
  auto z = FindTimeZone(zone);
  EXPECT_TRUE(z.ok());
  auto r = ParseTimestamp(s, *z);
  EXPECT_TRUE(r.ok()) << s << ": " << r.status().ToString();
  return r.ok() ? *r : -1;
}

TEST(Time, Iso8601Forms) {
  // 2024-03-05T10:15:30Z = 1709633730 s (date -d ... +%s).
  EXPECT_EQ(P("2024-03-05T10:15:30Z"), 1709633730000);
  EXPECT_EQ(P("2024-03-05T10:15:30.250Z"), 1709633730250);
  EXPECT_EQ(P("2024-03-05T10:15:30.2509Z"), 1709633730250);  // truncated to ms
  EXPECT_EQ(P("2024-03-05 10:15:30+01:00"), 1709633730000 - 3600000);
  EXPECT_EQ(P("2024-03-05T10:15:30-0530"), 1709633730000 + 5 * 3600000 + 30 * 60000);
  EXPECT_EQ(P("2024-03-05T10:15"), 1709633700000);
  EXPECT_EQ(P("2024-03-05"), 1709596800000);
  EXPECT_EQ(P("2024-02-29"), 1709164800000);
}

TEST(Time, PlainNumbersAreSecondsOrMilliseconds) {
  EXPECT_EQ(P("1709633730"), 1709633730000);      // below 1e11: seconds
  EXPECT_EQ(P("1709633730250"), 1709633730250);   // above: milliseconds
  EXPECT_EQ(P("1709633730.5"), 1709633730500);
  EXPECT_EQ(P("99999999999"), 99999999999000);    // exactly below the threshold: seconds
}

TEST(Time, ZonesApplyOnlyWithoutAnOffset) {
  EXPECT_EQ(P("2024-07-01T12:00:00", "Europe/Berlin"), P("2024-07-01T10:00:00Z"));
  EXPECT_EQ(P("2024-07-01T12:00:00Z", "Europe/Berlin"), P("2024-07-01T12:00:00Z"));
  EXPECT_EQ(P("2024-01-15", "America/New_York"), P("2024-01-15T05:00:00Z"));
  // 02:30 on 2024-03-10 does not exist in New York (clocks jump 02:00 -> 03:00):
  // the earliest instant after the gap.
  EXPECT_EQ(P("2024-03-10T02:30:00", "America/New_York"), P("2024-03-10T07:00:00Z"));
  // 01:30 on 2024-11-03 happens twice: the earlier one (EDT).
  EXPECT_EQ(P("2024-11-03T01:30:00", "America/New_York"), P("2024-11-03T05:30:00Z"));
}

TEST(Time, ErrorsNameTheProblem) {
  for (const char* bad : {"2024-13-01", "2024-02-30", "2024-01-01T25:00", "2024-01-01T10:00:00+25:00", "yesterday",
                          "2024-01-01T10:00:00Zjunk", ""}) {
    auto r = ParseTimestamp(bad, nullptr);
    EXPECT_FALSE(r.ok()) << bad;
  }
  EXPECT_NE(ParseTimestamp("2024-13-01", nullptr).status().message().find("month 13"), std::string::npos);
  EXPECT_FALSE(FindTimeZone("Mars/Olympus").ok());
}

TEST(Time, FormatRoundTrips) {
  EXPECT_EQ(FormatTimestamp(1709633730250), "2024-03-05T10:15:30.250Z");
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(P(FormatTimestamp(1709633730250).c_str()), 1709633730250);
}

}  // namespace
}  // namespace touchpoint
