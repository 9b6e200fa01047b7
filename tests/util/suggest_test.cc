// Suggestions for mistyped names (util/suggest.h).
#include "util/suggest.h"

#include <gtest/gtest.h>

namespace touchpoint {
namespace {

TEST(EditDistance, CountsEditsAndTranspositions) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("page_veiw", "page_view"), 1u);  // one transposition
  EXPECT_EQ(EditDistance("Channel", "channel"), 0u);      // ASCII case folded
}

TEST(ClosestNames, NearMissesFirst) {
  const std::vector<std::string> events = {"page_view", "purchase", "signup", "support_ticket", "click"};
  EXPECT_EQ(ClosestNames("page_veiw", events), std::vector<std::string>{"page_view"});
  EXPECT_EQ(ClosestNames("purchse", events), std::vector<std::string>{"purchase"});
  EXPECT_EQ(ClosestNames("ticket", events), std::vector<std::string>{"support_ticket"});  // a fragment
  EXPECT_TRUE(ClosestNames("xyzzy", events).empty());
  EXPECT_EQ(ClosestNames("a", {"b", "c", "d", "e"}).size(), 3u);  // limit
}

TEST(DidYouMean, Wording) {
  EXPECT_EQ(DidYouMean("metrcs", {"metrics", "funnel"}), " (did you mean 'metrics'?)");
  EXPECT_EQ(DidYouMean("ab", {"aa", "bb"}), " (did you mean 'aa' or 'bb'?)");
  EXPECT_EQ(DidYouMean("zzzzzz", {"metrics", "funnel"}), " (known: metrics, funnel)");
  EXPECT_EQ(DidYouMean("x", {}), "");
}

}  // namespace
}  // namespace touchpoint
