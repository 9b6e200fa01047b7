// The published CDNOW results (PROVENANCE.md of ../shared/data/cdnow):
// parameters within 1% and log-likelihoods within 0.1 of the papers'.
// Skips when the data is absent.
#include <gtest/gtest.h>

#include <cmath>

#include "cdnow_sample.h"
#include "models/count_model.h"
#include "models/count_model_fit.h"
#include "models/gamma_gamma.h"

namespace touchpoint::models {
namespace {

class CdnowFit : public ::testing::Test {
 protected:
  void SetUp() override {
    sample_ = touchpoint::testing::LoadCdnowSample();
    if (sample_.ids.empty()) GTEST_SKIP() << "no " << touchpoint::testing::CdnowSamplePath() << ": skipping";
    data_ = CompressRfm(sample_.x, sample_.tx, sample_.T);
  }
  void ExpectWithin1Percent(const CountModelFit& fit, const CountParams& published) {
    for (size_t k = 0; k < 4; ++k) EXPECT_NEAR(fit.params[k], published[k], 0.01 * published[k]) << k;
  }
  touchpoint::testing::CdnowSummary sample_;
  RfmData data_;
};

TEST_F(CdnowFit, SampleMatchesProvenance) {
  EXPECT_EQ(sample_.ids.size(), 2357u);
  EXPECT_EQ(sample_.transactions, 6919u);
  EXPECT_DOUBLE_EQ(data_.customers(), 2357.0);
}

TEST_F(CdnowFit, BgNbdReproducesFaderHardieLee2005) {
  auto fit = FitCountModel(*MakeCountModel(CountModelKind::kBgNbd), data_);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  ExpectWithin1Percent(*fit, {0.243, 4.414, 0.793, 2.426});
  EXPECT_NEAR(fit->log_likelihood, -9582.4, 0.1);
  EXPECT_TRUE(fit->converged);
  EXPECT_TRUE(fit->warnings.empty());
  for (double se : fit->std_errors) EXPECT_TRUE(std::isfinite(se) && se > 0);
}

TEST_F(CdnowFit, ParetoNbdReproducesPublishedParameters) {
  auto fit = FitCountModel(*MakeCountModel(CountModelKind::kParetoNbd), data_);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  ExpectWithin1Percent(*fit, {0.553, 10.578, 0.606, 11.669});
  EXPECT_TRUE(fit->converged);
}

TEST_F(CdnowFit, MbgNbdReproducesBatislam2007) {
  auto fit = FitCountModel(*MakeCountModel(CountModelKind::kMbgNbd), data_);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  ExpectWithin1Percent(*fit, {0.525, 6.183, 0.891, 1.614});
  EXPECT_TRUE(fit->converged);
}

TEST_F(CdnowFit, GammaGammaReproducesFaderHardie2013) {
  auto fit = FitGammaGamma(sample_.x, sample_.m);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(fit->customers, 946u);
  EXPECT_NEAR(fit->params.q, 3.74, 0.01 * 3.74);
  EXPECT_NEAR(fit->params.v, 15.44, 0.01 * 15.44);
}

}  // namespace
}  // namespace touchpoint::models
