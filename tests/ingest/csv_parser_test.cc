// CsvParser through ReadEvents: a stray quote costs its line only (issue 11
// item 7), CR-only line ends (item 12), whitespace-aligned fields.
#include "ingest/csv_parser.h"

#include <gtest/gtest.h>

#include "ingest/reader_test_util.h"

namespace touchpoint::ingest {
namespace {

using touchpoint::testing::TempDir;

// Issue 11 item 7: in a 1M-row file a stray quote at line 10 swallowed
// 1,200 rows. Here: 2,000 rows, a stray quote on line 10, and a quoted
// comment with a line end at line 1,500 (so the stray quote's field closes
// there, 1,490 lines later, into a malformed record).
TEST(CsvParser, AStrayQuoteCostsItsLineOnly) {
  TempDir dir;
  std::string text = "timestamp,customer_id,event,comment\n";
  for (int line = 2; line <= 2001; ++line) {
    const std::string ts = "2024-01-01T00:00:" + std::string(line % 60 < 10 ? "0" : "") + std::to_string(line % 60) + "Z";
    if (line == 10) {
      text += ts + ",c" + std::to_string(line) + ",page_view,\"he said hi\n";  // never closed on this line
    } else if (line == 1500) {
      text += ts + ",c" + std::to_string(line) + ",page_view,\"two\nlines\"\n";
      ++line;  // the quoted line end takes a physical line
    } else {
      text += ts + ",c" + std::to_string(line) + ",page_view,fine\n";
    }
  }
  ReadOutcome r = ReadText(dir, "a.csv", text);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  // Lines 2..2001 hold 1,999 records (1500-1501 is one); line 10 is lost.
  EXPECT_EQ(r.stats.rows_accepted, 1998u);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].line, 10u);
  EXPECT_NE(r.rejected[0].reason.find("stray quote"), std::string::npos) << r.rejected[0].reason;
  EXPECT_EQ(r.rejected[0].raw, "2024-01-01T00:00:10Z,c10,page_view,\"he said hi");
  bool two_lines = false;
  for (size_t i = 0; i < r.rows.size(); ++i) two_lines |= r.rows.comment.Get(i) == "two\nlines";
  EXPECT_TRUE(two_lines);
}

// A quote that is never closed at all: its line goes, the rest stay.
TEST(CsvParser, AQuoteNeverClosedCostsItsLineOnly) {
  TempDir dir;
  std::string text = "timestamp,customer_id,event\n2024-01-01,\"c1,page_view\n";
  for (int i = 0; i < 100; ++i) text += "2024-01-02,c" + std::to_string(i) + ",page_view\n";
  ReadOutcome r = ReadText(dir, "a.csv", text);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.stats.rows_accepted, 100u);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].line, 2u);
}

// A rejected row's raw text is kept whole up to 1 MiB (it was cut at 1 KiB).
TEST(CsvParser, ARejectedRowKeepsItsWholeText) {
  TempDir dir;
  const std::string big(5000, 'x');
  ReadOutcome r = ReadText(dir, "a.csv", "timestamp,customer_id,event,note\nnot-a-time,c1,page_view," + big + "\n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].raw, "not-a-time,c1,page_view," + big);
  EXPECT_EQ(r.rejected[0].customer_id, "c1");
}

// Issue 11 item 12: CR-only line ends said "column 12 has no name".
TEST(CsvParser, CrOnlyLineEnds) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "mac.csv",
                           "timestamp,customer_id,event,comment\r2024-01-01,c1,page_view,\"a\rb\"\r"
                           "2024-01-02,c2,click,\r");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows.comment.Get(0), "a\rb");
  EXPECT_EQ(r.rows.customer_id.Get(1), "c2");
  EXPECT_TRUE(r.rejected.empty());
}

TEST(CsvParser, WhitespaceFieldsIgnoreLeadingTrailingAndRunsOfSpaces) {
  TempDir dir;
  ReadOptions o;
  o.delimiter = Delimiter::kWhitespace;
  ReadOutcome r = ReadText(dir, "w.txt",
                           " customer_id  timestamp event   note\r\n"
                           " 00001 20240101  page_view   \"a b\"  \r\n"
                           "   \r\n"
                           "00002\t20240102\tclick x\r\n",
                           o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows.customer_id.Get(0), "00001");
  EXPECT_EQ(r.Property("note", 0), "a b");
  EXPECT_EQ(r.Property("note", 1), "x");
  EXPECT_EQ(r.rows.timestamp_ms[1], 1704153600000);  // 2024-01-02
}

}  // namespace
}  // namespace touchpoint::ingest
