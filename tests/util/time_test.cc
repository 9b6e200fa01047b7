// Timestamps in every accepted form, zones and DST, and the errors.
#include "util/time.h"
#include "util/time_format.h"

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
  // moved forward by the gap, to 03:30 EDT, as java.time and zoneinfo do.
  EXPECT_EQ(P("2024-03-10T02:30:00", "America/New_York"), P("2024-03-10T07:30:00Z"));
  // 01:30 on 2024-11-03 happens twice: the earlier one (EDT).
  EXPECT_EQ(P("2024-11-03T01:30:00", "America/New_York"), P("2024-11-03T05:30:00Z"));
}

// Issue 11 item 8: 02:10, 02:30 and 02:59 on 2024-03-31 in Berlin all
// became 01:00Z; shifted forward by the gap they stay distinct (03:10,
// 03:30, 03:59 CEST = 01:10Z, 01:30Z, 01:59Z), as Python's zoneinfo gives
// with fold=0: datetime(2024,3,31,2,10,tzinfo=ZoneInfo("Europe/Berlin")).
TEST(Time, SpringForwardGapShiftsForwardAndKeepsTimesDistinct) {
  EXPECT_EQ(P("2024-03-31T02:10:00", "Europe/Berlin"), P("2024-03-31T01:10:00Z"));
  EXPECT_EQ(P("2024-03-31T02:30:00", "Europe/Berlin"), P("2024-03-31T01:30:00Z"));
  EXPECT_EQ(P("2024-03-31T02:59:00", "Europe/Berlin"), P("2024-03-31T01:59:00Z"));
  EXPECT_EQ(P("2024-03-31T01:59:00", "Europe/Berlin"), P("2024-03-31T00:59:00Z"));  // before the gap
  EXPECT_EQ(P("2024-03-31T03:00:00", "Europe/Berlin"), P("2024-03-31T01:00:00Z"));  // after it
  // The fall-back overlap keeps the earlier instant (CEST).
  EXPECT_EQ(P("2024-10-27T02:30:00", "Europe/Berlin"), P("2024-10-27T00:30:00Z"));
}

// Issue 11: ISO 8601 basic forms were read as Unix seconds (1970).
TEST(Time, Iso8601BasicForms) {
  EXPECT_EQ(P("20240301"), P("2024-03-01"));
  EXPECT_EQ(P("19970101"), 852076800000);  // CDNOW's dates; date -d 1997-01-01Z +%s
  EXPECT_EQ(P("20240301T101500Z"), P("2024-03-01T10:15:00Z"));
  EXPECT_EQ(P("20240301T1015"), P("2024-03-01T10:15:00Z"));
  EXPECT_EQ(P("20240301T101500.250+0100"), P("2024-03-01T09:15:00.250Z"));
  EXPECT_EQ(P("20240331T023000", "Europe/Berlin"), P("2024-03-31T01:30:00Z"));
  EXPECT_FALSE(ParseTimestamp("20241301", nullptr).ok());
  EXPECT_FALSE(ParseTimestamp("20240230", nullptr).ok());
  EXPECT_FALSE(ParseTimestamp("20240301T25", nullptr).ok());
}

// GA4's event_timestamp is in microseconds; nanoseconds too.
TEST(Time, EpochMicrosAndNanos) {
  EXPECT_EQ(P("1709287200123456"), 1709287200123);
  EXPECT_EQ(P("1709287200123456789"), 1709287200123);
  EXPECT_EQ(P("1709287200123"), 1709287200123);
  EXPECT_EQ(P("1709287200"), 1709287200000);
}

TEST(Time, StrftimeFormats) {
  auto F = [](const char* text, const char* format, const char* zone = "") {
    auto z = FindTimeZone(zone);
    auto r = ParseTimestampFormat(text, format, *z);
    EXPECT_TRUE(r.ok()) << text << " / " << format << ": " << r.status().ToString();
    return r.ok() ? *r : -1;
  };
  EXPECT_EQ(F("03/01/2024 10:15", "%m/%d/%Y %H:%M"), P("2024-03-01T10:15:00Z"));
  EXPECT_EQ(F("3/1/24 7:05:09 PM", "%m/%d/%y %I:%M:%S %p"), P("2024-03-01T19:05:09Z"));
  EXPECT_EQ(F("12/31/2023 12:00 am", "%m/%d/%Y %I:%M %p"), P("2023-12-31T00:00:00Z"));
  EXPECT_EQ(F("01 Mar 2024 10:15:30.25 +0200", "%d %b %Y %T.%f %z"), P("2024-03-01T08:15:30.250Z"));
  EXPECT_EQ(F("March 1, 2024", "%B %d, %Y"), P("2024-03-01"));
  EXPECT_EQ(F("2024-061", "%Y-%j"), P("2024-03-01"));
  EXPECT_EQ(F("2024-03-31 02:30", "%F %H:%M", "Europe/Berlin"), P("2024-03-31T01:30:00Z"));
  EXPECT_EQ(F("1709287200", "%s"), 1709287200000);
  EXPECT_FALSE(ParseTimestampFormat("13/01/2024", "%m/%d/%Y", nullptr).ok());
  EXPECT_FALSE(ParseTimestampFormat("02/30/2024", "%m/%d/%Y", nullptr).ok());
  EXPECT_FALSE(ParseTimestampFormat("03/01/2024 x", "%m/%d/%Y", nullptr).ok());
  EXPECT_FALSE(CheckTimestampFormat("%Q").ok());
  EXPECT_TRUE(CheckTimestampFormat("%m/%d/%Y %H:%M").ok());
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
