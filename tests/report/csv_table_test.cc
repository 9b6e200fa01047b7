// CsvTable and TidyCsv (report/csv_table.h): RFC 4180 quoting, integers as
// integers, doubles that read back the same, missing values as empty
// fields, and the tidy layout every analysis's CSV shares.
#include "report/csv_table.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kernels/group_column.h"

namespace touchpoint::report {
namespace {

TEST(CsvField, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField(""), "");
}

TEST(CsvTable, TypedCells) {
  CsvTable t({"name", "n", "x", "missing"});
  t.Add({std::string("a,b"), int64_t{42}, 0.1, CsvCell{}});
  t.Add({std::string("c"), int64_t{-7}, std::numeric_limits<double>::quiet_NaN(), 3.0});
  // 0.1 prints as the shortest text that reads back as 0.1; 3.0 as 3.
  EXPECT_EQ(t.Render(), "name,n,x,missing\n\"a,b\",42,0.1,\nc,-7,,3\n");
}

TEST(TidyCsv, ByColumnsDimensionsAndMeasures) {
  TidyCsv csv({"channel", "campaign"}, {"period"});
  const std::string web_spring = std::string("web") + kernels::kGroupKeySeparator + "spring";
  const std::string none = std::string("") + kernels::kGroupKeySeparator + "spring";
  csv.Add(nullptr, {std::string("all")}, {"customers", CsvInt(10), "customers"});
  csv.Add(&web_spring, {std::string("2024-03")},
          {"conversion_rate", 12.5, "%", {{10.25, 15.0}}, {{5.0, 40.0}}});
  csv.Add(&none, {std::string("all")}, {"customers", CsvInt(3), "customers"});
  EXPECT_EQ(csv.Render(),
            "channel,campaign,period,measure,value,unit,ci95_low,ci95_high,numerator,denominator\n"
            ",,all,customers,10,customers,,,,\n"
            "web,spring,2024-03,conversion_rate,12.5,%,10.25,15,5,40\n"
            "(none),spring,all,customers,3,customers,,,,\n");
}

}  // namespace
}  // namespace touchpoint::report
