// Classifier metrics on cases worked out by hand.
#include "models/classifier_metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace touchpoint::models {
namespace {

TEST(RocAuc, HandCases) {
  // Of the 4 positive-negative pairs, 3 are ordered right: 0.75.
  EXPECT_DOUBLE_EQ(RocAuc({0.1f, 0.4f, 0.35f, 0.8f}, {0, 0, 1, 1}), 0.75);
  EXPECT_DOUBLE_EQ(RocAuc({0.9f, 0.8f, 0.2f, 0.1f}, {1, 1, 0, 0}), 1.0);
  // A tie between a positive and a negative counts one half.
  EXPECT_DOUBLE_EQ(RocAuc({0.5f, 0.5f}, {1, 0}), 0.5);
  EXPECT_DOUBLE_EQ(RocAuc({0.5f, 0.5f, 0.9f}, {1, 0, 0}), 0.25);
  EXPECT_TRUE(std::isnan(RocAuc({0.1f, 0.2f}, {1, 1})));
}

TEST(TopDecile, HandCase) {
  // 20 rows: the top decile is the 2 highest scores, one of them positive;
  // 4 positives overall (base rate 0.2).
  std::vector<float> score, label;
  for (int i = 0; i < 20; ++i) {
    score.push_back(static_cast<float>(i) / 20);
    label.push_back(i == 19 || i == 3 || i == 5 || i == 7 ? 1.0f : 0.0f);
  }
  const TopDecile t = TopDecileMetrics(score, label);
  EXPECT_EQ(t.customers, 2u);
  EXPECT_DOUBLE_EQ(t.precision, 0.5);
  EXPECT_DOUBLE_EQ(t.recall, 0.25);
  EXPECT_DOUBLE_EQ(t.lift, 2.5);
}

TEST(CalibrationByDecile, EqualBinsInScoreOrder) {
  std::vector<float> score, label;
  for (int i = 0; i < 25; ++i) {
    score.push_back(static_cast<float>(24 - i));  // descending input
    label.push_back(i < 5 ? 1.0f : 0.0f);         // the five highest scores are positive
  }
  const auto bins = CalibrationByDecile(score, label);
  ASSERT_EQ(bins.size(), 10u);
  uint64_t total = 0;
  for (const auto& b : bins) total += b.customers;
  EXPECT_EQ(total, 25u);
  EXPECT_EQ(bins[0].customers, 2u);  // rows [0, 2)
  EXPECT_DOUBLE_EQ(bins[0].predicted, 0.5);  // scores 0 and 1
  EXPECT_DOUBLE_EQ(bins[0].actual, 0.0);
  EXPECT_EQ(bins[9].customers, 3u);  // rows [22, 25): scores 22, 23, 24
  EXPECT_DOUBLE_EQ(bins[9].predicted, 23.0);
  EXPECT_DOUBLE_EQ(bins[9].actual, 1.0);
}

}  // namespace
}  // namespace touchpoint::models
