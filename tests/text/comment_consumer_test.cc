// Paired scores become sentiment labels (docs/feedback.md, "Paired scores").
#include "text/comment_consumer.h"

#include <gtest/gtest.h>

#include <cmath>

namespace touchpoint::text {
namespace {

constexpr int8_t kNeg = -1, kNeu = 0, kPos = 1;

TEST(PairedLabel, Scales) {
  EXPECT_EQ(PairedLabel("nps", 6, 4, true), kNeg);
  EXPECT_EQ(PairedLabel("nps", 7, 4, true), kNeu);
  EXPECT_EQ(PairedLabel("nps", 9, 4, true), kPos);
  EXPECT_EQ(PairedLabel("nps", 11, 4, true), kNoPairedLabel);
  EXPECT_EQ(PairedLabel("csat", 2, 4, true), kNeg);
  EXPECT_EQ(PairedLabel("csat", 3, 4, true), kNeu);
  EXPECT_EQ(PairedLabel("csat", 4, 4, true), kPos);
  EXPECT_EQ(PairedLabel("ces", 3, 4, true), kNeg);
  EXPECT_EQ(PairedLabel("ces", 3, 4, false), kPos);  // 1 = easiest: 8 - 3 = 5
  EXPECT_EQ(PairedLabel("ces", 4, 4, true), kNeu);
  EXPECT_EQ(PairedLabel("", 1, 4, true), kNeg);  // a star rating
  EXPECT_EQ(PairedLabel("stars", 5, 4, true), kPos);
  EXPECT_EQ(PairedLabel("", 4.5, 4, true), kNoPairedLabel);
  EXPECT_EQ(PairedLabel("effort", 3, 4, true), kNoPairedLabel);
  EXPECT_EQ(PairedLabel("nps", std::nan(""), 4, true), kNoPairedLabel);
}

TEST(CommentSource, Parses) {
  EXPECT_EQ(ParseCommentSource("support").value(), CommentSource::kSupport);
  EXPECT_FALSE(ParseCommentSource("tickets").ok());
}

}  // namespace
}  // namespace touchpoint::text
