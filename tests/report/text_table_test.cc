// TextTable (report/text_table.h): alignment, bands when columns are wider
// than the terminal (the key column repeated), and a prose last column
// wrapped within the width.
#include "report/text_table.h"

#include <gtest/gtest.h>

#include <sstream>

namespace touchpoint::report {
namespace {

using Align = TextTable::Align;

size_t LongestLine(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  size_t longest = 0;
  while (std::getline(in, line)) longest = std::max(longest, DisplayWidth(line));
  return longest;
}

TEST(TextTable, AlignsNamesLeftAndNumbersRight) {
  TextTable t({{"name", Align::kLeft}, {"n"}});
  t.AddRow({"a", "1"});
  t.AddRow({"longer", "1,000"});
  EXPECT_EQ(t.Render(80), "name        n\na           1\nlonger  1,000\n");
}

TEST(TextTable, CutsWideTablesIntoBandsRepeatingTheKey) {
  TextTable t({{"k", Align::kLeft}, {"aaaaaaaaaa"}, {"bbbbbbbbbb"}, {"cccccccccc"}});
  t.AddRow({"x", "1", "2", "3"});
  const std::string out = t.Render(28);  // k + two columns fit, the third goes to a band
  EXPECT_EQ(out,
            "k  aaaaaaaaaa  bbbbbbbbbb\n"
            "x           1           2\n"
            "\n"
            "k  cccccccccc\n"
            "x           3\n");
  EXPECT_LE(LongestLine(out), 28u);
}

TEST(TextTable, WrapsProseInTheLastColumn) {
  TextTable t({{"measure", Align::kLeft}, {"value"}, {"verdict", Align::kLeft}});
  t.AddRow({"bounce_rate", "35.00%", "excellent: 35.0% is in the excellent band (26-41%)"});
  const std::string out = t.Render(50);
  EXPECT_LE(LongestLine(out), 50u);
  EXPECT_EQ(out,
            "measure       value  verdict\n"
            "bounce_rate  35.00%  excellent: 35.0% is in the\n"
            "                     excellent band (26-41%)\n");
}

TEST(TextTable, CountsCodePointsNotBytes) {
  EXPECT_EQ(DisplayWidth("caf\xc3\xa9"), 4u);
  TextTable t({{"name", Align::kLeft}, {"n"}});
  t.AddRow({"caf\xc3\xa9", "1"});
  EXPECT_EQ(t.Render(80), "name  n\ncaf\xc3\xa9  1\n");
}

}  // namespace
}  // namespace touchpoint::report
