// NDJSON: value types, nesting, numbers as strings, bad lines as rejected rows.
#include "ingest/ndjson_reader.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ingest/reader_test_util.h"

namespace touchpoint::ingest {
namespace {

using touchpoint::testing::TempDir;

TEST(NdjsonReader, ValueTypesAndNesting) {
  TempDir dir;
  ReadOutcome r = ReadText(
      dir, "a.ndjson",
      "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"customer_id\":42,\"event\":\"purchase\",\"revenue\":\"12.5\","
      "\"vip\":true,\"cart\":{\"items\":[1, 2]},\"coupon\":null}\n"
      "\n"
      "{\"timestamp\":1704067200123,\"customer_id\":\"c2\",\"event\":\"survey_response\",\"survey\":\"nps\","
      "\"score\":9,\"comment\":\"line\\nbreak \\u00e9\"}\r\n");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows.customer_id.Get(0), "42");
  EXPECT_DOUBLE_EQ(r.rows.revenue[0], 12.5);
  EXPECT_EQ(r.Property("vip", 0), "true");
  EXPECT_EQ(r.Property("cart", 0), "{\"items\":[1,2]}");
  EXPECT_EQ(r.Property("coupon", 0), "");
  EXPECT_EQ(r.rows.timestamp_ms[1], 1704067200123);
  EXPECT_EQ(r.rows.score[1], 9);
  EXPECT_EQ(r.rows.comment.Get(1), "line\nbreak \xc3\xa9");
}

TEST(NdjsonReader, BadLinesAreRejectedWithTheirLine) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "a.jsonl",
                           "{\"timestamp\":\"2024-01-01\",\"customer_id\":\"c1\",\"event\":\"click\"}\n"
                           "{\"timestamp\":\"2024-01-01\",\"customer_id\":\"c1\"\n"
                           "[1,2,3]\n"
                           "{\"timestamp\":\"2024-01-01\",\"event\":\"click\"}\n"
                           "{\"timestamp\":\"2024-01-01\",\"customer_id\":\"c1\",\"event\":\"click\",\"score\":\"x\"}\n");
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(r.rows.size(), 1u);
  ASSERT_EQ(r.rejected.size(), 4u);
  EXPECT_EQ(r.rejected[0].line, 2u);
  EXPECT_NE(r.rejected[0].reason.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(r.rejected[1].line, 3u);
  EXPECT_NE(r.rejected[1].reason.find("not a JSON object"), std::string::npos);
  EXPECT_EQ(r.rejected[2].column, "customer_id");
  EXPECT_EQ(r.rejected[3].column, "score");
}

TEST(NdjsonReader, RepeatedKeysKeepTheLast) {
  TempDir dir;
  ReadOutcome r = ReadText(dir, "a.ndjson",
                           "{\"timestamp\":\"2024-01-01\",\"customer_id\":\"a\",\"customer_id\":\"b\",\"event\":\"x\"}\n");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows.customer_id.Get(0), "b");
}

}  // namespace
}  // namespace touchpoint::ingest
