// CSV: RFC 4180 quoting, embedded newlines, CRLF, BOM, blocks, mapping, and
// every malformed case ending as a rejected row with its line.
#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include "ingest/reader_test_util.h"

namespace touchpoint::ingest {
namespace {

using touchpoint::testing::TempDir;

TEST(CsvReader, QuotingEscapesAndEmbeddedNewlines) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "a.csv",
                           "timestamp,customer_id,event,comment\n"
                           "2024-01-01T00:00:00Z,c1,survey_response,\"a, b \"\"c\"\"\nline two\"\n"
                           "2024-01-01T00:00:01Z,\"c2\",page_view,\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows.comment.Get(0), "a, b \"c\"\nline two");
  EXPECT_EQ(r.rows.customer_id.Get(1), "c2");
  EXPECT_EQ(r.rows.comment.Get(1), "");
}

TEST(CsvReader, CrlfBomAndNoFinalNewline) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "a.csv",
                           "\xEF\xBB\xBFtimestamp,customer_id,event\r\n"
                           "2024-01-01T00:00:00Z,c1,page_view\r\n"
                           "2024-01-01T00:00:01Z,c2,click");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows.event.Get(0), "page_view");  // no stray \r
  EXPECT_EQ(r.rows.event.Get(1), "click");
}

TEST(CsvReader, OtherColumnsBecomeProperties) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "a.csv",
                           "timestamp,customer_id,event,device,plan\n"
                           "2024-01-01T00:00:00Z,c1,page_view,mobile,\n"
                           "2024-01-01T00:00:01Z,c2,page_view,,pro\n");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.Property("device", 0), "mobile");
  EXPECT_EQ(r.Property("plan", 0), "");
  EXPECT_EQ(r.Property("plan", 1), "pro");
}

TEST(CsvReader, MappingRenamesColumnsAndEvents) {
  TempDir dir;
  ReadOptions o;
  ASSERT_TRUE(o.mapping.AddRule("column:user=customer_id").ok());
  ASSERT_TRUE(o.mapping.AddRule("ts=timestamp").ok());
  ASSERT_TRUE(o.mapping.AddRule("event:order_completed=purchase").ok());
  ReadOutcome r = ReadText(dir, "a.csv", "ts,user,event\n2024-01-01T00:00:00Z,u9,order_completed\n", o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows.customer_id.Get(0), "u9");
  EXPECT_EQ(r.rows.event.Get(0), "purchase");
}

TEST(CsvReader, MissingRequiredColumnFailsTheFile) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "a.csv", "timestamp,event\n2024-01-01,x\n");
  ASSERT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("a.csv: line 1: the header has no 'customer_id' column"), std::string::npos)
      << r.status.message();
}

TEST(CsvReader, BadRowsAreRejectedWithLineColumnAndReason) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "a.csv",
                           "timestamp,customer_id,event,revenue,survey,score\n"
                           "2024-01-01T00:00:00Z,c1,purchase,12.5,,\n"   // line 2: good
                           "2024-13-01T00:00:00Z,c1,page_view,,,\n"      // 3: month 13
                           "2024-01-01T00:00:00Z,,page_view,,,\n"        // 4: no customer
                           "2024-01-01T00:00:00Z,c1,purchase,abc,,\n"    // 5: revenue
                           "2024-01-01T00:00:00Z,c1,survey_response,,nps,11\n"  // 6: nps 0-10
                           "2024-01-01T00:00:00Z,c1,survey_response,,ces,\n"    // 7: no score
                           "2024-01-01T00:00:00Z,c1\n"                   // 8: field count
                           "1800-01-01,c1,page_view,,,\n"                // 9: before 1970
                           "2024-01-01T00:00:00Z,c\xff,page_view,,,\n"   // 10: bad UTF-8
                           "2024-01-01T00:00:00Z,c1,survey_response,,csat,5\n");  // 11: good
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.rows.size(), 2u);
  ASSERT_EQ(r.rejected.size(), 8u);
  struct Want {
    uint64_t line;
    const char* column;
    const char* reason;
  };
  const Want want[] = {
      {3, "timestamp", "has month 13"}, {4, "customer_id", "is missing or empty"},
      {5, "revenue", "revenue 'abc' is not a number"}, {6, "score", "nps score 11 is outside 0-10"},
      {7, "score", "a ces answer needs a score"}, {8, "", "expected 6 fields"},
      {9, "timestamp", "outside 1970-2200"}, {10, "customer_id", "not valid UTF-8"},
  };
  for (size_t i = 0; i < 8; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(r.rejected[i].line, want[i].line);
    EXPECT_EQ(r.rejected[i].column, want[i].column);
    EXPECT_NE(r.rejected[i].reason.find(want[i].reason), std::string::npos) << r.rejected[i].reason;
    EXPECT_NE(r.rejected[i].source.find("a.csv"), std::string::npos);
  }
  EXPECT_EQ(r.stats.rows_accepted, 2u);
  EXPECT_EQ(r.stats.rows_rejected, 8u);
}

TEST(CsvReader, UnterminatedQuoteIsRejectedNotFatal) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "a.csv",
                           "timestamp,customer_id,event,comment\n"
                           "2024-01-01T00:00:00Z,c1,page_view,ok\n"
                           "2024-01-01T00:00:00Z,c2,page_view,\"never closed\n");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.rows.size(), 1u);
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].line, 3u);
  EXPECT_NE(r.rejected[0].reason.find("unterminated"), std::string::npos);
}

TEST(CsvReader, RecordsSpanningReadBlocksAndManyBatches) {
  TempDir dir;
  std::string text = "timestamp,customer_id,event,comment\n";
  const std::string long_comment(3000, 'x');
  for (int i = 0; i < 5000; ++i) {
    text += "2024-01-01T00:00:00Z,c" + std::to_string(i) + ",page_view,\"" + long_comment + "\n" +
            std::to_string(i) + "\"\n";
  }
  ReadOptions o;
  o.batch_rows = 777;
  ReadOutcome r = ReadText(dir, "big.csv", text, o);  // ~15 MB: several 4 MB reads
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.rows.size(), 5000u);
  EXPECT_EQ(r.rows.comment.Get(4999), long_comment + "\n4999");
  EXPECT_EQ(r.stats.bytes_read, text.size());
}

}  // namespace
}  // namespace touchpoint::ingest
