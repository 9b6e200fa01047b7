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
                           "1800-01-01,c1,page_view,,,\n"                // 9: before 1990
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
      {3, "timestamp", "has month 13"}, {4, "customer_id", "is missing, empty or blank"},
      {5, "revenue", "revenue 'abc' is not a number"}, {6, "score", "nps score 11 is outside 0-10"},
      {7, "score", "a ces answer needs a score"}, {8, "", "expected 6 fields"},
      {9, "timestamp", "is before 1990-01-01"}, {10, "customer_id", "not valid UTF-8"},
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
  EXPECT_NE(r.rejected[0].reason.find("not closed before the end of the input"), std::string::npos)
      << r.rejected[0].reason;
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

namespace touchpoint::ingest {
namespace {

// Issue 11, "Real exports": a ';' header said "the header has no 'timestamp'
// column"; now the delimiter is sniffed from the header.
TEST(CsvReaderExports, SniffsTheDelimiterFromTheHeader) {
  touchpoint::testing::TempDir dir;
  for (const char* sep : {";", "\t", "|"}) {
    std::string text = std::string("timestamp") + sep + "customer_id" + sep + "event" + sep + "page\n" + "2024-01-01" +
                       sep + "c1" + sep + "page_view" + sep + "/a,b\n";
    ReadOutcome r = ReadText(dir, "a.csv", text);
    ASSERT_TRUE(r.status.ok()) << sep << ": " << r.status.ToString();
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(r.rows.page.Get(0), "/a,b");
  }
  ReadOptions o;
  o.delimiter = Delimiter::kPipe;
  ReadOutcome forced = ReadText(dir, "b.csv", "timestamp|customer_id|event\n2024-01-01|c1|x\n", o);
  ASSERT_TRUE(forced.status.ok());
  EXPECT_EQ(forced.rows.size(), 1u);
}

TEST(CsvReaderExports, HeaderlessFilesWithColumnsAndConstantColumns) {
  touchpoint::testing::TempDir dir;
  ReadOptions o;
  o.has_header = false;
  o.columns = {"customer_id", "timestamp", "revenue"};
  o.constants = {{"event", "purchase"}, {"shop", "berlin"}};
  ReadOutcome r = ReadText(dir, "p.csv", "c1,2024-01-01,9.5\nc2,2024-01-02,1\n", o);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows.event.Get(0), "purchase");
  EXPECT_EQ(r.rows.event.Get(1), "purchase");
  EXPECT_DOUBLE_EQ(r.rows.revenue[0], 9.5);
  EXPECT_EQ(r.Property("shop", 1), "berlin");
  // --set replaces an input column of the same name, with a warning.
  ReadOptions o2;
  o2.constants = {{"event", "purchase"}};
  ReadOutcome r2 = ReadText(dir, "q.csv", "timestamp,customer_id,event\n2024-01-01,c1,view\n", o2);
  ASSERT_TRUE(r2.status.ok());
  EXPECT_EQ(r2.rows.event.Get(0), "purchase");
  ASSERT_EQ(r2.warnings.size(), 1u);
  EXPECT_NE(r2.warnings[0].find("replaces"), std::string::npos);
  ReadOptions bad;
  bad.has_header = false;
  EXPECT_FALSE(ReadText(dir, "r.csv", "c1,2024-01-01\n", bad).status.ok());  // --no-header without --columns
}

TEST(CsvReaderExports, TimestampFormatsAndBasicForms) {
  touchpoint::testing::TempDir dir;
  ReadOptions o;
  o.timestamp_format = "%m/%d/%Y %H:%M";
  ReadOutcome r = ReadText(dir, "a.csv", "timestamp,customer_id,event\n03/01/2024 10:15,c1,x\n2024-03-01,c2,x\n", o);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows.timestamp_ms[0], 1709288100000);  // date -d '2024-03-01 10:15Z' +%s
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_NE(r.rejected[0].reason.find("does not match"), std::string::npos);
  ReadOutcome basic = ReadText(dir, "b.csv", "timestamp,customer_id,event\n20240301,c1,x\n20240301T101500Z,c2,x\n");
  ASSERT_EQ(basic.rows.size(), 2u);
  EXPECT_EQ(basic.rows.timestamp_ms[0], 1709251200000);
  EXPECT_EQ(basic.rows.timestamp_ms[1], 1709288100000);
  ReadOutcome micros = ReadText(dir, "c.csv", "event_timestamp,user_pseudo_id,event_name\n1709288100123456,u1,x\n",
                                [] {
                                  ReadOptions m;
                                  (void)m.mapping.AddRule("column:event_timestamp=timestamp");
                                  (void)m.mapping.AddRule("column:user_pseudo_id=customer_id");
                                  (void)m.mapping.AddRule("column:event_name=event");
                                  return m;
                                }());
  ASSERT_EQ(micros.rows.size(), 1u);
  EXPECT_EQ(micros.rows.timestamp_ms[0], 1709288100123);
}

// pandas' to_csv writes its index as an unnamed first column: skipped.
TEST(CsvReaderExports, AnUnnamedFirstColumnIsSkipped) {
  touchpoint::testing::TempDir dir;
  ReadOutcome r = ReadText(dir, "pd.csv", ",timestamp,customer_id,event\n0,2024-01-01,c1,x\n1,2024-01-02,c2,y\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_TRUE(r.rows.properties.empty());
  EXPECT_FALSE(ReadText(dir, "bad.csv", "timestamp,,customer_id,event\n").status.ok());  // not first: an error
}

TEST(CsvReaderExports, MapRulesTheInputNeverUsesAreWarnedAbout) {
  touchpoint::testing::TempDir dir;
  ReadOptions o;
  ASSERT_TRUE(o.mapping.AddRule("column:user=customer_id").ok());
  ASSERT_TRUE(o.mapping.AddRule("column:when=timestamp").ok());
  ASSERT_TRUE(o.mapping.AddRule("event:order_completed=purchase").ok());
  ASSERT_TRUE(o.mapping.AddRule("event:Signed Up=signup").ok());
  ReadOutcome r = ReadText(dir, "a.csv", "when,user,event\n2024-01-01,u1,order_completed\n", o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.rows.event.Get(0), "purchase");
  ASSERT_EQ(r.warnings.size(), 1u) << r.warnings.size();
  EXPECT_NE(r.warnings[0].find("Signed Up"), std::string::npos) << r.warnings[0];
  ReadOptions cols;
  ASSERT_TRUE(cols.mapping.AddRule("column:usr=customer_id").ok());
  ReadOutcome typo = ReadText(dir, "b.csv", "timestamp,customer_id,event\n2024-01-01,u1,x\n", cols);
  ASSERT_EQ(typo.warnings.size(), 1u);
  EXPECT_NE(typo.warnings[0].find("usr"), std::string::npos);
}

// Issue 11 item 12, the smaller things.
TEST(CsvReaderExports, BlankIdsBadHeaderNamesAndNamedPropertyColumns) {
  touchpoint::testing::TempDir dir;
  ReadOutcome blank = ReadText(dir, "a.csv", "timestamp,customer_id,event\n2024-01-01,   ,x\n2024-01-01,c1,x\n");
  ASSERT_EQ(blank.rejected.size(), 1u);
  EXPECT_EQ(blank.rejected[0].column, "customer_id");
  for (std::string bad_name : {std::string("na\xffme"), std::string("na\0me", 5), std::string("tab\there")}) {
    ReadOutcome r = ReadText(dir, "b.csv", "timestamp,customer_id,event," + bad_name + "\n2024-01-01,c1,x,v\n");
    ASSERT_FALSE(r.status.ok()) << bad_name;
    EXPECT_NE(r.status.message().find("column 4"), std::string::npos) << r.status.message();
  }
  ReadOutcome prop = ReadText(dir, "c.csv", "timestamp,customer_id,event,device\n2024-01-01,c1,x,mo\xffile\n");
  ASSERT_EQ(prop.rejected.size(), 1u);
  EXPECT_EQ(prop.rejected[0].column, "device");
  EXPECT_NE(prop.rejected[0].reason.find("UTF-8"), std::string::npos);
}

// Issue 11 item 5: one row at epoch 0 (1970) made the period grids huge.
TEST(CsvReaderExports, ImplausibleTimesAreRejected) {
  touchpoint::testing::TempDir dir;
  ReadOptions o;
  o.now_ms = 1735689600000;  // 2025-01-01
  ReadOutcome r = ReadText(dir, "a.csv",
                           "timestamp,customer_id,event\n0,c1,x\n1989-12-31T23:59:59Z,c1,x\n1990-01-01,c1,x\n"
                           "2025-01-01T23:59:59Z,c1,x\n2025-01-02T00:00:01Z,c1,x\n",
                           o);
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.rows.size(), 2u);
  ASSERT_EQ(r.rejected.size(), 3u);
  EXPECT_NE(r.rejected[0].reason.find("before 1990-01-01"), std::string::npos) << r.rejected[0].reason;
  EXPECT_NE(r.rejected[2].reason.find("future"), std::string::npos) << r.rejected[2].reason;
  o.min_timestamp_ms = 0;  // [ingest] min_timestamp = "1970-01-01"
  EXPECT_EQ(ReadText(dir, "b.csv", "timestamp,customer_id,event\n0,c1,x\n", o).rows.size(), 1u);
}

}  // namespace
}  // namespace touchpoint::ingest
