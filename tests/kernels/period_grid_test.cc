// Calendar buckets: ISO weeks, months, and a time zone with DST.
#include "kernels/period_grid.h"

#include <gtest/gtest.h>

#include "util/time.h"

namespace touchpoint::kernels {
namespace {

int64_t T(const char* iso) { return ParseTimestamp(iso, nullptr).value(); }

TEST(PeriodGrid, IsoWeeksStartOnMondayAndCrossYears) {
  // 2024-12-30 is a Monday in ISO week 2025-W01.
  PeriodGrid g = PeriodGrid::Make(Interval::kWeek, T("2024-12-25T00:00:00Z"), T("2025-01-10T00:00:00Z"), nullptr);
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g.label(0), "2024-W52");
  EXPECT_EQ(g.start(0), T("2024-12-23T00:00:00Z"));
  EXPECT_EQ(g.label(1), "2025-W01");
  EXPECT_EQ(g.start(1), T("2024-12-30T00:00:00Z"));
  EXPECT_EQ(g.label(2), "2025-W02");
  EXPECT_EQ(g.Index(T("2024-12-29T23:59:59.999Z")), 0);
  EXPECT_EQ(g.Index(T("2024-12-30T00:00:00Z")), 1);
  EXPECT_EQ(g.Index(T("2025-01-10T00:00:00Z")), -1);  // `to` is exclusive
}

TEST(PeriodGrid, MonthsInAZoneFollowLocalMidnight) {
  auto zone = FindTimeZone("America/New_York");
  ASSERT_TRUE(zone.ok());
  PeriodGrid g = PeriodGrid::Make(Interval::kMonth, T("2024-03-01T05:00:00Z"), T("2024-05-01T04:00:00Z"), *zone);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g.label(0), "2024-03");
  EXPECT_EQ(g.start(0), T("2024-03-01T05:00:00Z"));  // EST, UTC-5
  EXPECT_EQ(g.start(1), T("2024-04-01T04:00:00Z"));  // EDT, UTC-4
  // 2024-03-31 23:30 local is still March.
  EXPECT_EQ(g.Index(T("2024-04-01T03:30:00Z")), 0);
  EXPECT_EQ(g.end(0) - g.start(0), (31 * 24 - 1) * 3600 * 1000LL);  // the DST night is an hour short
}

TEST(PeriodGrid, DaysAndTheMonthBefore) {
  PeriodGrid m = MonthsWithPrevious(T("2024-03-15T00:00:00Z"), T("2024-05-01T00:00:00Z"), nullptr);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m.label(0), "2024-02");
  EXPECT_EQ(m.label(2), "2024-04");
  PeriodGrid d = PeriodGrid::Make(Interval::kDay, T("2024-02-28T12:00:00Z"), T("2024-03-01T00:00:01Z"), nullptr);
  ASSERT_EQ(d.size(), 3u);  // Feb 28, Feb 29 (leap day), Mar 1
  EXPECT_EQ(d.label(1), "2024-02-29");
}

}  // namespace
}  // namespace touchpoint::kernels
