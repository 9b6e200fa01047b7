// CDNOW end to end: the raw 1/10 sample (../shared/data/cdnow/CDNOW_sample.txt)
// converted to our CSV, ingested, and `clv` run on the store with the
// papers' calibration end (1997-09-30). The published parameters and
// log-likelihood must come out (PROVENANCE.md), and the per-customer summary
// must equal the one computed here from the raw file. Skips when the data
// is absent.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/clv_query.h"
#include "engine/ingest_job.h"
#include "models/count_model.h"
#include "models/cdnow_sample.h"
#include "report/clv_format.h"
#include "store/store.h"
#include "test_util.h"
#include "util/file.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

using touchpoint::testing::TempDir;

// The sample as `timestamp,customer_id,event,revenue` rows (sample ids).
std::string SampleCsv() {
  std::ifstream in(touchpoint::testing::CdnowSamplePath());
  std::string csv = "timestamp,customer_id,event,revenue\n", line;
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string master, id, date, cds, dollars;
    if (!(f >> master >> id >> date >> cds >> dollars)) continue;
    csv += date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2) + "," + std::to_string(std::stoi(id)) + ",purchase," + dollars + "\n";
  }
  return csv;
}

TEST(ClvCdnow, ReproducesThePublishedFitsFromTheRawFile) {
  const touchpoint::testing::CdnowSummary expected = touchpoint::testing::LoadCdnowSample();
  if (expected.ids.empty()) GTEST_SKIP() << "no " << touchpoint::testing::CdnowSamplePath() << ": skipping";
  TempDir dir;
  ASSERT_TRUE(WriteFileSynced(dir.Sub("cdnow.csv"), SampleCsv()).ok());
  auto store = store::Store::Open(dir.Sub("store"), store::StoreOptions{});
  ASSERT_TRUE(store.ok());
  IngestRequest ingest;
  ingest.path = dir.Sub("cdnow.csv");
  IngestResult loaded;
  ASSERT_TRUE(IngestFile(store->get(), ingest, &loaded).ok());
  ASSERT_EQ(loaded.load.accepted, 6919u);

  ClvRequest req;
  req.calibration_end_ms = ParseTimestamp("1997-09-30", nullptr).value();
  auto report = RunClv((*store)->GetSnapshot().value(), req);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const models::ClvReport& r = *report;
  EXPECT_EQ(r.customers, 2357u);
  EXPECT_EQ(r.later_customers, 0u);
  EXPECT_EQ(r.calibration_end, "1997-09-30");
  EXPECT_EQ(r.holdout_from, "1997-10-01");
  EXPECT_EQ(r.holdout_to, "1998-06-30");
  // Fader, Hardie & Lee (2005): r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4.
  const double published[] = {0.243, 4.414, 0.793, 2.426};
  for (size_t k = 0; k < 4; ++k) EXPECT_NEAR(r.fit.params[k], published[k], 0.01 * published[k]) << k;
  EXPECT_NEAR(r.fit.log_likelihood, -9582.4, 0.1);
  // Fader & Hardie (2013): p 6.25, q 3.74, v 15.44 on 946 repeat buyers.
  ASSERT_TRUE(r.spend.fitted) << r.spend.error;
  EXPECT_EQ(r.spend.fit.customers, 946u);
  EXPECT_NEAR(r.spend.fit.params.p, 6.25, 0.0625);
  EXPECT_NEAR(r.spend.fit.params.q, 3.74, 0.0374);
  EXPECT_NEAR(r.spend.fit.params.v, 15.44, 0.1544);
  // The paper's note finds frequency and spend essentially uncorrelated (0.11).
  EXPECT_NEAR(r.spend.correlation, 0.11, 0.01);
  EXPECT_FALSE(r.spend.correlation_warning);

  // The summary equals the raw file's, customer by customer.
  std::map<std::string, size_t> row_of;
  for (size_t i = 0; i < r.rows.size(); ++i) row_of[r.rows.customer_id[i]] = i;
  ASSERT_EQ(row_of.size(), expected.ids.size());
  double holdout_total = 0;
  for (size_t k = 0; k < expected.ids.size(); ++k) {
    const size_t i = row_of.at(expected.ids[k]);
    EXPECT_EQ(r.rows.frequency[i], expected.x[k]);
    EXPECT_NEAR(r.rows.recency[i], expected.tx[k], 1e-12);
    EXPECT_NEAR(r.rows.T[i], expected.T[k], 1e-12);
    EXPECT_NEAR(r.rows.monetary[i], expected.m[k], 1e-9);
    EXPECT_EQ(r.rows.holdout_purchases[i], expected.holdout[k]);
    holdout_total += expected.holdout[k];
    EXPECT_TRUE(r.rows.p_alive[i] > 0 && r.rows.p_alive[i] <= 1);
    EXPECT_TRUE(std::isfinite(r.rows.clv[i]) && r.rows.clv[i] >= 0);
  }
  // FHL 2005's worked example: sample customer 1 (x 2, t_x 30.43, T 38.86)
  // is expected to make 1.226 purchases in the 39 holdout weeks.
  const size_t first = row_of.at("1");
  EXPECT_NEAR(r.rows.p_alive[first], 0.7266, 0.01);

  ASSERT_TRUE(r.validation.has_value());
  const models::HoldoutValidation& v = *r.validation;
  EXPECT_DOUBLE_EQ(v.holdout_length, 39.0);
  EXPECT_DOUBLE_EQ(v.actual_total, holdout_total);
  // The prediction is the sum of each customer's E[Y(39) | x, t_x, T]
  // (the formulas checked against mpmath in tests/models), evaluated here
  // on the raw file's summary. On CDNOW it is short of the actual holdout
  // purchases by about 12% (1,653 vs 1,882).
  const auto model = models::MakeCountModel(models::CountModelKind::kBgNbd);
  double predicted = 0;
  for (size_t k = 0; k < expected.ids.size(); ++k) {
    predicted += model->ConditionalExpected(r.fit.params, expected.x[k], expected.tx[k], expected.T[k], 39);
  }
  EXPECT_NEAR(v.predicted_total, predicted, 1e-9 * predicted);
  EXPECT_NEAR(v.predicted_total, v.actual_total, 0.15 * v.actual_total);
  EXPECT_GT(v.correlation, 0.5);
  ASSERT_EQ(v.buckets.size(), 8u);
  uint64_t bucketed = 0;
  for (const auto& b : v.buckets) bucketed += b.customers;
  EXPECT_EQ(bucketed, 2357u);
  EXPECT_EQ(v.buckets[0].customers, 1411u);  // 1,411 of the 2,357 made no repeat purchase (FHL 2005)
  // Tracking: 78 weeks, the last cumulative actual = calibration + holdout repeat purchases.
  ASSERT_EQ(v.tracking.size(), 78u);
  double calibration_repeats = 0;
  for (double x : expected.x) calibration_repeats += x;
  EXPECT_DOUBLE_EQ(v.tracking.back().actual_cumulative, calibration_repeats + holdout_total);
  EXPECT_FALSE(v.tracking[38].holdout);
  EXPECT_TRUE(v.tracking[39].holdout);
  EXPECT_NEAR(v.tracking[38].expected_cumulative, calibration_repeats, 0.03 * calibration_repeats);

  const std::string json = report::Render(*report::ClvBody(r), report::OutputFormat::kJson);
  EXPECT_NE(json.find("\"model\":\"bgnbd\""), std::string::npos);
  EXPECT_NE(json.find("\"params\":{\"r\":0.24"), std::string::npos);
  const std::string csv = report::ClvCustomersCsv(r);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,expected_spend,clv,holdout_purchases");
}

}  // namespace
}  // namespace touchpoint::engine
