// Real data: the CDNOW purchase histories (../shared/data/cdnow), converted to
// our CSV, ingested, and measured; the expected numbers are computed here from
// the raw file, independently of the pipeline. Skips when the data is absent.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/ingest_job.h"
#include "engine/metrics_query.h"
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
  EXPECT_DOUBLE_EQ(m.Find("conversion_rate")->value, 100);
  // Purchase days per customer = distinct active days (every event is a purchase).
  uint64_t pairs = 0;
  for (const auto& [id, days] : days_of) pairs += days.size();
  EXPECT_NEAR(m.Find("active_days")->value, static_cast<double>(pairs) / static_cast<double>(customers.size()), 1e-9);
}

}  // namespace
}  // namespace touchpoint::engine
