#include "event/event_batch.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace touchpoint {
namespace {

// Every column of a batch holds exactly size() values.
void ExpectConsistent(const EventBatch& b) {
  for (const auto& p : b.properties) EXPECT_EQ(p.values.size(), b.size()) << p.name;
  EXPECT_EQ(b.customer_id.size(), b.size());
  EXPECT_EQ(b.revenue.size(), b.size());
}

EventBatch WithProperty(const std::string& customer, const std::string& name, const std::string& value) {
  EventBatch b;
  EventRow row;
  row.customer_id = customer;
  row.event = "page_view";
  row.timestamp_ms = 1;
  row.properties.emplace_back(b.PropertyIndex(name), value);
  b.Append(row);
  return b;
}

// The server's group commit joins batches whose properties differ; a
// property new to the joined batch was once back-filled one row too many
// per appended row, and the log record it made could not be read back.
TEST(EventBatch, AppendRowsWithPropertiesNewToTheTarget) {
  EventBatch all;
  all.AppendRows(WithProperty("a", "device", "mobile"));
  ExpectConsistent(all);
  all.AppendRows(WithProperty("b", "country", "DE"));
  ExpectConsistent(all);
  all.AppendRows(WithProperty("c", "device", "desktop"));
  ExpectConsistent(all);
  ASSERT_EQ(all.size(), 3u);
  ASSERT_EQ(all.properties.size(), 2u);
  EXPECT_EQ(all.properties[0].values.Get(0), "mobile");
  EXPECT_EQ(all.properties[0].values.Get(1), "");
  EXPECT_EQ(all.properties[0].values.Get(2), "desktop");
  EXPECT_EQ(all.properties[1].values.Get(0), "");
  EXPECT_EQ(all.properties[1].values.Get(1), "DE");
  EXPECT_EQ(all.properties[1].values.Get(2), "");
}

TEST(EventBatch, AppendRowsKeepingSomeRows) {
  EventBatch two = WithProperty("a", "device", "mobile");
  two.AppendRows(WithProperty("b", "device", "tablet"));
  EventBatch all = WithProperty("z", "country", "FR");
  const std::vector<bool> keep = {false, true};
  all.AppendRows(two, &keep);
  ExpectConsistent(all);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all.customer_id.Get(1), "b");
  EXPECT_EQ(all.properties[1].values.Get(1), "tablet");
  EXPECT_EQ(all.properties[1].values.Get(0), "");
}

}  // namespace
}  // namespace touchpoint
