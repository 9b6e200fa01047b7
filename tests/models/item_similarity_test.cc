// Item-to-item cosine similarities and recommendations on baskets worked
// out by hand.
#include "models/item_similarity.h"

#include <gtest/gtest.h>

#include <cmath>

namespace touchpoint::models {
namespace {

TEST(ItemSimilarity, CosineByHand) {
  // Items 0..3. Buyers: 0 {a, b, c}, 1 {a, b}, 2 {c}: n = {2, 2, 2, 0};
  // c(0,1) = 2 -> 2 / sqrt(2 * 2) = 1; c(0,2) = 1 -> 0.5; c(1,2) = 1 -> 0.5.
  const ItemSimilarity s = ItemSimilarity::Build({{0, 1, 2}, {0, 1}, {2}}, 4);
  EXPECT_EQ(s.buyers(0), 2u);
  EXPECT_EQ(s.buyers(3), 0u);
  ASSERT_EQ(s.neighbours(0).size(), 2u);
  EXPECT_EQ(s.neighbours(0)[0].item, 1u);
  EXPECT_FLOAT_EQ(s.neighbours(0)[0].similarity, 1.0f);
  EXPECT_FLOAT_EQ(s.neighbours(0)[1].similarity, 0.5f);
  // Owning 2: 0 and 1 both score 0.5, tie broken by popularity (equal), then id.
  EXPECT_EQ(s.Recommend({2}, 5), (std::vector<uint32_t>{0, 1}));
  // Owning 0 and 2: item 1 scores 1 + 0.5; owned items are never recommended.
  EXPECT_EQ(s.Recommend({0, 2}, 5), (std::vector<uint32_t>{1}));
  // Popular: by buyers, ids break ties, nobody-bought items never appear.
  EXPECT_EQ(s.Popular({1}, 5), (std::vector<uint32_t>{0, 2}));
}

}  // namespace
}  // namespace touchpoint::models
