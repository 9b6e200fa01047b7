#include "demo/row_formatter.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "demo/comment_templates.h"
#include "demo/demo_test_util.h"

namespace touchpoint::demo {
namespace {

constexpr int64_t kMar5 = 1709633730250;  // 2024-03-05T10:15:30.250Z

CustomerTraits MobileGerman() {
  CustomerTraits who;
  who.device = Device::kMobile;
  who.country = 1;  // DE
  return who;
}

DemoEvent Purchase() {
  DemoEvent e;
  e.timestamp_ms = kMar5;
  e.customer = 42;
  e.event = EventType::kPurchase;
  e.channel = Channel::kWeb;
  e.page = page::kOrderConfirmation;
  e.revenue_cents = 4512;
  return e;
}

std::string Row(DemoFormat format, const DemoEvent& e, uint64_t row = 255) {
  RowFormatter f(format, 0x2a);
  std::string out;
  f.AppendRow(e, row, MobileGerman(), &out);
  return out;
}

TEST(RowFormatter, CsvHeader) {
  std::string out;
  RowFormatter(DemoFormat::kCsv, 1).AppendHeader(&out);
  EXPECT_EQ(out,
            "timestamp,customer_id,event,event_id,session_id,channel,campaign,page,revenue,survey,score,comment,"
            "feature,device,country\n");
  out.clear();
  RowFormatter(DemoFormat::kNdjson, 1).AppendHeader(&out);
  EXPECT_EQ(out, "");
}

TEST(RowFormatter, CsvPurchaseRow) {
  EXPECT_EQ(Row(DemoFormat::kCsv, Purchase()),
            "2024-03-05T10:15:30.250Z,c0000042,purchase,e2a-ff,,web,,/order/confirmation,45.12,,,,,mobile,DE\n");
}

TEST(RowFormatter, NdjsonPurchaseRowLeavesAbsentKeysOut) {
  EXPECT_EQ(Row(DemoFormat::kNdjson, Purchase()),
            "{\"timestamp\":\"2024-03-05T10:15:30.250Z\",\"customer_id\":\"c0000042\",\"event\":\"purchase\","
            "\"event_id\":\"e2a-ff\",\"channel\":\"web\",\"page\":\"/order/confirmation\",\"revenue\":45.12,"
            "\"device\":\"mobile\",\"country\":\"DE\"}\n");
}

TEST(RowFormatter, SmallAndRoundRevenues) {
  DemoEvent e = Purchase();
  e.revenue_cents = 5;
  EXPECT_NE(Row(DemoFormat::kCsv, e).find(",0.05,"), std::string::npos);
  e.revenue_cents = 1900;
  EXPECT_NE(Row(DemoFormat::kNdjson, e).find("\"revenue\":19.00,"), std::string::npos);
}

TEST(RowFormatter, TimestampsAcrossDaysLeapDayAndYearEnd) {
  RowFormatter f(DemoFormat::kCsv, 1);
  CustomerTraits who = MobileGerman();
  std::string out;
  DemoEvent e = Purchase();
  e.timestamp_ms = 1709164800000;  // 2024-02-29T00:00:00.000Z
  f.AppendRow(e, 0, who, &out);
  e.timestamp_ms = 1704067199999;  // 2023-12-31T23:59:59.999Z
  f.AppendRow(e, 1, who, &out);
  e.timestamp_ms = kMar5;
  f.AppendRow(e, 2, who, &out);
  EXPECT_EQ(out.substr(0, 25), "2024-02-29T00:00:00.000Z,");
  EXPECT_NE(out.find("\n2023-12-31T23:59:59.999Z,c0000042,purchase,e1-1,"), std::string::npos);
  EXPECT_NE(out.find("\n2024-03-05T10:15:30.250Z,c0000042,purchase,e1-2,"), std::string::npos);
}

TEST(RowFormatter, SurveyRowWithSessionScoreAndQuotedComment) {
  // Find a seed whose complaint has both a comma and a double quote.
  uint32_t seed = 0;
  std::string comment;
  for (; seed < 1000; ++seed) {
    comment.clear();
    ComposeComment(CommentTheme::kBug, false, seed, &comment);
    if (comment.find('"') != std::string::npos && comment.find(',') != std::string::npos) break;
  }
  ASSERT_LT(seed, 1000u);
  DemoEvent e;
  e.timestamp_ms = kMar5;
  e.customer = 42;
  e.session = 3;
  e.event = EventType::kSurveyResponse;
  e.channel = Channel::kApp;
  e.survey = Survey::kNps;
  e.score = 2;
  e.comment = CommentTheme::kBug;
  e.comment_seed = seed;
  const std::string csv = Row(DemoFormat::kCsv, e, 0);
  EXPECT_EQ(csv.rfind("2024-03-05T10:15:30.250Z,c0000042,survey_response,e2a-0,s2a-3,app,,,,nps,2,\"", 0), 0u) << csv;
  bool ok = false;
  const auto records = testing::SplitCsv(csv, &ok);
  ASSERT_TRUE(ok);
  ASSERT_EQ(records.size(), 1u);
  ASSERT_EQ(records[0].size(), 15u);
  EXPECT_EQ(records[0][11], comment);
  EXPECT_EQ(records[0][13], "mobile");

  const std::string json = Row(DemoFormat::kNdjson, e, 0);
  std::string escaped;
  for (char c : comment) {
    if (c == '"') escaped.push_back('\\');
    escaped.push_back(c);
  }
  EXPECT_NE(json.find(",\"session_id\":\"s2a-3\",\"channel\":\"app\",\"survey\":\"nps\",\"score\":2,\"comment\":\"" +
                      escaped + "\",\"device\""),
            std::string::npos)
      << json;
}

TEST(CommentTemplates, DeterministicVariedAndCategorized) {
  std::string a, b;
  ComposeComment(CommentTheme::kShippingDelay, true, 77, &a);
  ComposeComment(CommentTheme::kShippingDelay, true, 77, &b);
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a.empty());
  std::set<std::string> distinct;
  for (uint32_t seed = 0; seed < 200; ++seed) {
    std::string s;
    ComposeComment(CommentTheme::kPrice, false, seed, &s);
    EXPECT_EQ(s.find('{'), std::string::npos) << s;  // every slot filled
    distinct.insert(s);
  }
  EXPECT_GT(distinct.size(), 50u);
  std::string none;
  ComposeComment(CommentTheme::kNone, false, 1, &none);
  EXPECT_EQ(none, "");
  EXPECT_EQ(PainPointCategory(CommentTheme::kShippingDelay), "process");
  EXPECT_EQ(PainPointCategory(CommentTheme::kCheckoutError), "process");
  EXPECT_EQ(PainPointCategory(CommentTheme::kPrice), "financial");
  EXPECT_EQ(PainPointCategory(CommentTheme::kRefundProblem), "financial");
  EXPECT_EQ(PainPointCategory(CommentTheme::kSupportWait), "support");
  EXPECT_EQ(PainPointCategory(CommentTheme::kBug), "product");
  EXPECT_EQ(PainPointCategory(CommentTheme::kPraise), "");
}

}  // namespace
}  // namespace touchpoint::demo
