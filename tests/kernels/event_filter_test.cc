// The --where language: parsing, errors that point at the problem, and
// SQL-style absent values.
#include "kernels/event_filter.h"

#include <gtest/gtest.h>

#include "scan/scan_spec.h"

namespace touchpoint::kernels {
namespace {

TEST(EventFilter, ParsesAndReportsWhatItReads) {
  auto f = EventFilter::Parse("channel IN ('web', \"app\") AND (revenue >= 10 OR NOT device = mobile)");
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_NE(f->columns() & scan::kColumnChannel, 0u);
  EXPECT_NE(f->columns() & scan::kColumnRevenue, 0u);
  EXPECT_EQ(f->properties(), std::vector<std::string>{"device"});
}

TEST(EventFilter, ErrorsSayWhereAndWhat) {
  auto f = EventFilter::Parse("channel = 'web' AND");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("expected a column or property name"), std::string::npos)
      << f.status().message();
  f = EventFilter::Parse("revenue > lots");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("'lots' is not a number"), std::string::npos);
  f = EventFilter::Parse("page > '/a'");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("ranges apply to"), std::string::npos);
  f = EventFilter::Parse("channel IN ('web'");
  ASSERT_FALSE(f.ok());
  f = EventFilter::Parse("comment = 'it''s fine' AND x = 'unterminated");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("unterminated quote"), std::string::npos);
}

TEST(EventFilter, BlankMeansEverything) {
  auto f = EventFilter::Parse("   ");
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(f->empty());
}

}  // namespace
}  // namespace touchpoint::kernels
