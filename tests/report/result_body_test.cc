// Render (report/result_body.h): the header every JSON answer starts with,
// the heading and footer of tables, and the output formats' names.
#include "report/result_body.h"

#include <gtest/gtest.h>

namespace touchpoint::report {
namespace {

struct Tiny {
  kernels::ResultHeader header;
  int value = 0;
};

ReportBody<Tiny> Body() {
  Tiny t;
  t.header.analysis = "tiny";
  t.header.from_ms = 1709251200000;  // 2024-03-01T00:00:00Z
  t.header.to_ms = 1709337600000;
  t.header.tz = "Europe/Berlin";
  t.header.inactive_events = {"impression", "email_sent"};
  t.header.by = {"channel"};
  t.header.where = {"revenue > 0"};
  t.header.scanned_events = 1234;
  t.header.notes = {"event 'signup' does not occur in the store"};
  t.value = 7;
  return ReportBody<Tiny>(
      t, [](const Tiny& r, JsonWriter& w) { w.Key("value").Int(r.value); },
      [](const Tiny& r) { return "value\n" + std::to_string(r.value) + "\n"; },
      [](const Tiny& r, const TableOptions&) { return "value " + std::to_string(r.value) + "\n"; });
}

TEST(Render, JsonStartsWithTheHeader) {
  const std::string json = Render(Body(), OutputFormat::kJson);
  EXPECT_EQ(json,
            R"({"analysis":"tiny","range":{"from":"2024-03-01T00:00:00.000Z","to":"2024-03-02T00:00:00.000Z",)"
            R"("tz":"Europe/Berlin"},"definitions":"touchpoint","inactive_events":["impression","email_sent"],)"
            R"("by":["channel"],"where":["revenue > 0"],)"
            R"("scanned_events":1234,"stale_derived":[],"notes":["event 'signup' does not occur in the store"],)"
            R"("seconds":0,"value":7})"
            "\n");
}

TEST(Render, TableHasHeadingBodyAndFooter) {
  const std::string table = Render(Body(), OutputFormat::kTable);
  EXPECT_EQ(table,
            "tiny  2024-03-01 01:00 .. 2024-03-02 01:00 (Europe/Berlin)  definitions touchpoint  by channel\n"
            "  where revenue > 0\n\nvalue 7\n\nnote: event 'signup' does not occur in the store\n"
            "1,234 events scanned in 0.000 s\n");
}

TEST(Render, CsvIsTheBodys) { EXPECT_EQ(Render(Body(), OutputFormat::kCsv), "value\n7\n"); }

TEST(ParseOutputFormat, NamesAndErrors) {
  EXPECT_EQ(*ParseOutputFormat("csv"), OutputFormat::kCsv);
  auto bad = ParseOutputFormat("xml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kUsage);
}

}  // namespace
}  // namespace touchpoint::report
