// RFM scores and names, and k-means with k by silhouette, on hand cases.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "models/kmeans.h"
#include "models/rfm_segments.h"
#include "models/segment_profile.h"

namespace touchpoint::models {
namespace {

TEST(QuintileScores, TiesShareAScore) {
  // Ten values: 1 + floor(5 * strictly-smaller / 10).
  const std::vector<double> v = {1, 1, 1, 1, 1, 1, 2, 2, 3, 10};
  EXPECT_EQ(QuintileScores(v, false), (std::vector<int>{1, 1, 1, 1, 1, 1, 4, 4, 5, 5}));
  // Recency: smaller is better; strictly larger values count as worse.
  const std::vector<double> days = {0, 5, 5, 30, 90};
  EXPECT_EQ(QuintileScores(days, true), (std::vector<int>{5, 3, 3, 2, 1}));
}

TEST(RfmSegmentName, EveryCellHasTheUsualName) {
  EXPECT_EQ(RfmSegmentName(5, 5), "champions");
  EXPECT_EQ(RfmSegmentName(5, 4), "champions");
  EXPECT_EQ(RfmSegmentName(4, 5), "loyal");
  EXPECT_EQ(RfmSegmentName(3, 4), "loyal");
  EXPECT_EQ(RfmSegmentName(5, 1), "new_customers");
  EXPECT_EQ(RfmSegmentName(4, 1), "promising");
  EXPECT_EQ(RfmSegmentName(4, 3), "potential_loyalists");
  EXPECT_EQ(RfmSegmentName(3, 3), "need_attention");
  EXPECT_EQ(RfmSegmentName(3, 1), "about_to_sleep");
  EXPECT_EQ(RfmSegmentName(1, 5), "cant_lose_them");
  EXPECT_EQ(RfmSegmentName(2, 3), "at_risk");
  EXPECT_EQ(RfmSegmentName(1, 1), "hibernating");
  std::set<std::string_view> seen;
  for (int r = 1; r <= 5; ++r) {
    for (int f = 1; f <= 5; ++f) seen.insert(RfmSegmentName(r, f));
  }
  EXPECT_EQ(seen.size(), RfmSegmentNames().size());
}

TEST(KMeans, FindsThreeSeparatedGroupsAndChoosesKThree) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> noise(0, 0.3);
  const double centres[3][2] = {{0, 0}, {6, 0}, {0, 6}};
  std::vector<double> x;
  std::vector<int> truth;
  for (int i = 0; i < 600; ++i) {
    const int g = i % 3;
    x.push_back(centres[g][0] + noise(rng));
    x.push_back(centres[g][1] + noise(rng));
    truth.push_back(g);
  }
  const KChoice choice = ChooseK(x, 600, 2, 2, 6, 1);
  EXPECT_EQ(choice.best.k, 3u);
  EXPECT_EQ(choice.silhouettes.size(), 5u);
  // Same grouping as the truth (labels may be permuted).
  std::set<std::pair<int, int>> pairs;
  for (size_t i = 0; i < truth.size(); ++i) pairs.insert({truth[i], choice.best.label[i]});
  EXPECT_EQ(pairs.size(), 3u);
}

TEST(MeanSilhouette, HandCase) {
  // Points 0, 1 (cluster 0) and 10 (cluster 1, a singleton: skipped).
  // Point 0: a = 1, b = 10 -> 0.9; point 1: a = 1, b = 9 -> 8/9.
  const std::vector<double> x = {0, 1, 10};
  EXPECT_NEAR(MeanSilhouette(x, 1, {0, 0, 1}, 2, {0, 1, 2}), (0.9 + 8.0 / 9) / 2, 1e-12);
}

TEST(ProfileSegments, SharesAndTraits) {
  // Two segments; feature 0 is 1 in segment A and 3 in B (overall mean 2, sd 1).
  const std::vector<double> x = {1, 1, 3, 3};
  const auto segments = ProfileSegments(x, {"f"}, {10, 10, 30, 50}, {0, 0, 1, 1}, {"A", "B"});
  ASSERT_EQ(segments.size(), 2u);
  EXPECT_DOUBLE_EQ(segments[0].share, 0.5);
  EXPECT_DOUBLE_EQ(segments[0].revenue_share, 0.2);
  EXPECT_DOUBLE_EQ(segments[1].traits[0].z, 1.0);
  EXPECT_EQ(segments[1].description, "high f (+1.0 sd)");
}

}  // namespace
}  // namespace touchpoint::models
