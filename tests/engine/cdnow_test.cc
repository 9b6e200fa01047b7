// Real data: the CDNOW purchase histories (../shared/data/cdnow), converted to
// our CSV, ingested, and measured; the expected numbers are computed here from
// the raw file, independently of the pipeline. Skips when the data is absent.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/ingest_job.h"
#include "engine/metrics_query.h"
#include "store/part_batch.h"
#include "store/store.h"
#include "test_util.h"
#include "util/file.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::TempDir;

TEST(CdnowData, IngestAndMeasuresMatchTheRawFile) {
  const std::string path = touchpoint::testing::SharedDataDir() + "/cdnow/CDNOW_master.txt";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no " << path << " (../shared/data is absent): skipping the real-data test";
  TempDir dir;
  std::string csv = "timestamp,customer_id,event,revenue,cds\n";
  std::string line;
  std::getline(in, line);  // header
  uint64_t rows = 0;
  double revenue = 0;
  std::set<std::string> customers;
  std::map<std::string, std::set<std::string>> days_of;  // customer -> purchase days
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, date, cds, dollars;
    if (!(fields >> id >> date >> cds >> dollars)) continue;
    csv += date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2) + "," + id + ",purchase," + dollars +
           "," + cds + "\n";
    ++rows;
    revenue += std::stod(dollars);
    customers.insert(id);
    days_of[id].insert(date);
  }
  ASSERT_EQ(rows, 69659u);  // PROVENANCE.md
  ASSERT_EQ(customers.size(), 23570u);
  ASSERT_TRUE(WriteFileSynced(dir.Sub("cdnow.csv"), csv).ok());

  auto store = store::Store::Open(dir.Sub("store"), store::StoreOptions{});
  ASSERT_TRUE(store.ok());
  IngestRequest req;
  req.path = dir.Sub("cdnow.csv");
  IngestResult result;
  ASSERT_TRUE(IngestFile(store->get(), req, &result).ok());
  EXPECT_EQ(result.load.accepted, rows);
  EXPECT_EQ(result.load.rejected, 0u);

  auto report = RunMetrics((*store)->GetSnapshot().value(), MetricsRequest{});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const kernels::MetricSet& m = report->metrics;
  EXPECT_EQ(m.Find("events")->value, static_cast<double>(rows));
  EXPECT_EQ(m.Find("customers")->value, static_cast<double>(customers.size()));
  EXPECT_NEAR(m.Find("revenue")->value, revenue, 1e-6 * revenue);
  // Every event is a purchase: a conversion rate would be a trivial 100%.
  EXPECT_TRUE(std::isnan(m.Find("conversion_rate")->value));
  EXPECT_EQ(m.Find("conversion_rate")->not_applicable,
            "not applicable: every customer is known only by a conversion event");
  // Dates without a time of day: no session measure (issue 12).
  for (const char* name : {"avg_session_duration_s", "bounce_rate", "session_conversion_rate"}) {
    EXPECT_TRUE(std::isnan(m.Find(name)->value)) << name;
    EXPECT_EQ(m.Find(name)->not_applicable, "not applicable: timestamps have no time of day") << name;
  }
  // Repeat purchase rate: customers with purchases on 2+ days, 48.86% (issue 12).
  uint64_t repeaters = 0;
  for (const auto& [id, days] : days_of) repeaters += days.size() >= 2;
  const kernels::MetricValue* repeat = m.Find("repeat_purchase_rate");
  EXPECT_EQ(repeat->numerator, static_cast<double>(repeaters));
  EXPECT_EQ(repeat->denominator, static_cast<double>(customers.size()));
  EXPECT_NEAR(repeat->value, 48.86, 0.005);
  EXPECT_NEAR(m.Find("revenue_per_customer")->value, revenue / static_cast<double>(customers.size()), 1e-9);
  // Historic CLV recounted from the raw file: average purchase value x
  // purchases per purchaser-year x lifespan, 1 / the annual churn from the
  // pooled monthly churn of purchasers (every customer here purchased).
  std::map<int, std::set<std::string>> active_in;  // yyyymm -> customers
  for (const auto& [id, days] : days_of) {
    for (const std::string& day : days) active_in[std::stoi(day.substr(0, 6))].insert(id);
  }
  ASSERT_EQ(active_in.size(), 18u);  // every month from 1997-01 to 1998-06 has buyers
  uint64_t base = 0, lost = 0;
  for (auto it = active_in.begin(); std::next(it) != active_in.end(); ++it) {
    const auto& next = std::next(it)->second;
    base += it->second.size();
    for (const std::string& id : it->second) lost += next.count(id) == 0;
  }
  // The range is the data's span: first day's midnight to the last's, plus 1 ms.
  const auto day_of = [](const std::string& yyyymmdd) {
    return std::chrono::sys_days(std::chrono::year(std::stoi(yyyymmdd.substr(0, 4))) /
                                 std::stoi(yyyymmdd.substr(4, 2)) / std::stoi(yyyymmdd.substr(6, 2)));
  };
  std::string first_day = "99999999", last_day;
  for (const auto& [id, days] : days_of) {
    first_day = std::min(first_day, *days.begin());
    last_day = std::max(last_day, *days.rbegin());
  }
  const auto days_between = (day_of(last_day) - day_of(first_day)).count();
  const double monthly = static_cast<double>(lost) / static_cast<double>(base);
  const double lifespan = std::min(1 / (1 - std::pow(1 - monthly, 12)), 10.0);
  const double years = (static_cast<double>(days_between) + 1.0 / 86400000) / 365.25;
  const double expected_clv = (revenue / static_cast<double>(rows)) *
                              (static_cast<double>(rows) / static_cast<double>(customers.size()) / years) * lifespan;
  const kernels::MetricValue* clv = m.Find("clv_historic");
  EXPECT_NEAR(clv->value, expected_clv, 1e-6 * expected_clv);
  // 71.09: sporadic buyers skip most months, so the month-to-month churn of
  // purchasers is high and the expected lifespan about a year, while the
  // realised revenue per customer is 106.08 (docs/metrics.md says so; the
  // `clv` analysis models such buyers).
  EXPECT_NEAR(clv->value, 71.09, 0.005);
  std::map<std::string, double> parts(clv->parts.begin(), clv->parts.end());
  EXPECT_NEAR(parts["monthly_purchaser_churn"], monthly, 1e-12);
  EXPECT_NEAR(parts["lifespan_years"], lifespan, 1e-12);
  // Purchase days per customer = distinct active days (every event is a purchase).
  uint64_t pairs = 0;
  for (const auto& [id, days] : days_of) pairs += days.size();
  EXPECT_NEAR(m.Find("active_days")->value, static_cast<double>(pairs) / static_cast<double>(customers.size()), 1e-9);
}

// Issue 11: the raw, space-aligned CDNOW_master.txt (YYYYMMDD dates, CRLF
// line ends, a leading space on every line) loads with flags alone:
//   ingest --delimiter whitespace --map column:date=timestamp
//          --map column:dollar_value=revenue --set event=purchase
// and gives PROVENANCE.md's 69,659 purchases of 23,570 customers; revenue
// and the purchase days are recomputed here from the raw file.
TEST(CdnowData, TheRawFileLoadsWithFlagsAlone) {
  const std::string path = touchpoint::testing::SharedDataDir() + "/cdnow/CDNOW_master.txt";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no " << path << " (../shared/data is absent): skipping the real-data test";
  std::string line;
  std::getline(in, line);  // header
  double revenue = 0;
  uint64_t cds = 0;
  std::set<std::string> customers;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, date, n, dollars;
    if (!(fields >> id >> date >> n >> dollars)) continue;
    revenue += std::stod(dollars);
    cds += std::stoull(n);
    customers.insert(id);
  }
  TempDir dir;
  auto store = store::Store::Open(dir.Sub("store"), store::StoreOptions{});
  ASSERT_TRUE(store.ok());
  IngestRequest req;
  req.path = path;
  req.read.delimiter = ingest::Delimiter::kWhitespace;
  ASSERT_TRUE(req.read.mapping.AddRule("column:date=timestamp").ok());
  ASSERT_TRUE(req.read.mapping.AddRule("column:dollar_value=revenue").ok());
  req.read.constants = {{"event", "purchase"}};
  IngestResult result;
  Status s = IngestFile(store->get(), req, &result);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(result.load.accepted, 69659u);
  EXPECT_EQ(result.load.rejected, 0u);
  EXPECT_TRUE(result.warnings.empty());
  auto report = RunMetrics((*store)->GetSnapshot().value(), MetricsRequest{});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const kernels::MetricSet& m = report->metrics;
  EXPECT_EQ(m.Find("events")->value, 69659);
  EXPECT_EQ(m.Find("customers")->value, 23570);
  EXPECT_EQ(customers.size(), 23570u);
  EXPECT_NEAR(m.Find("revenue")->value, revenue, 1e-6 * revenue);
  // number_of_cds is kept as a property: its total matches the raw file.
  auto snap = (*store)->GetSnapshot().value();
  uint64_t stored_cds = 0;
  store::DecodeContext ctx;
  for (const auto& part : snap->parts) {
    EventBatch rows;
    for (size_t b = 0; b < part->blocks().size(); ++b) ASSERT_TRUE(store::ReadBlockAsBatch(*part, b, &ctx, &rows).ok());
    for (const PropertyColumn& p : rows.properties) {
      if (p.name != "number_of_cds") continue;
      for (size_t i = 0; i < rows.size(); ++i) stored_cds += std::stoull(std::string(p.values.Get(i)));
    }
  }
  EXPECT_EQ(stored_cds, cds);
}

}  // namespace
}  // namespace touchpoint::engine
