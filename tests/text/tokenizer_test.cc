// The tokenizer on social text: mentions, hashtags, URLs, emoji with
// modifiers, emoticons, elongations, capitals, Unicode folding and
// apostrophes. Expected tokens written by hand.
#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include "text/stemmer.h"

namespace touchpoint::text {
namespace {

std::vector<Token> Tokens(std::string_view s) {
  std::vector<Token> out;
  Tokenizer(Lexicon::Default()).Tokenize(s, &out);
  return out;
}

std::string Kinds(const std::vector<Token>& tokens) {
  static const char* kNames = "wnEempuP";  // word number Emoji emoticon mention hashtag url Punct
  std::string s;
  for (const auto& t : tokens) s += kNames[static_cast<int>(t.kind)];
  return s;
}

TEST(Tokenizer, SocialPost) {
  const auto t = Tokens("@United thanks!! #fail http://t.co/xY1 😡🏽 :) <3 sooo GOOD");
  ASSERT_EQ(Kinds(t), "mwPPpuEeeww");
  EXPECT_EQ(t[0].text, "united");
  EXPECT_EQ(t[1].text, "thanks");
  EXPECT_EQ(t[4].text, "fail");
  EXPECT_EQ(t[5].text, "http://t.co/xY1");
  EXPECT_EQ(t[6].text, "😡");  // the skin tone is dropped
  EXPECT_EQ(t[7].text, ":)");
  EXPECT_EQ(t[8].text, "<3");
  EXPECT_EQ(t[9].text, "so");
  EXPECT_TRUE(t[9].elongated);
  EXPECT_EQ(t[10].text, "good");
  EXPECT_TRUE(t[10].all_caps);
}

TEST(Tokenizer, Elongations) {
  EXPECT_EQ(Tokens("loooove")[0].text, "love");  // only the one-letter spelling is a word
  EXPECT_EQ(Tokens("goooood")[0].text, "good");  // the two-letter one is
  EXPECT_EQ(Tokens("cooool")[0].text, "cool");
  EXPECT_EQ(Tokens("zzzzz")[0].text, "zz");      // unknown: two letters
  EXPECT_FALSE(Tokens("good")[0].elongated);
}

TEST(Tokenizer, UnicodeFoldingAndApostrophes) {
  EXPECT_EQ(Tokens("ＧＲＥＡＴ")[0].text, "great");
  EXPECT_EQ(Tokens("Straße")[0].text, "strasse");
  EXPECT_EQ(Tokens("ÉCOLE")[0].text, "école");
  EXPECT_EQ(Tokens("don’t")[0].text, "don't");
  const auto t = Tokens("check-in $9.99, 3rd");
  ASSERT_EQ(Kinds(t), "wwnPn");
  EXPECT_EQ(t[2].text, "9.99");
}

TEST(Tokenizer, EmoticonsNeedABoundary) {
  const auto glued = Tokens("great:)");
  ASSERT_EQ(Kinds(glued), "we");
  const auto parens = Tokens("(see note):");
  EXPECT_EQ(Kinds(parens), "PwwPP");  // "):" after a word is punctuation
  EXPECT_EQ(Kinds(Tokens("a :Pasta")), "wPw");
}

TEST(Tokenizer, InvalidUtf8IsSkipped) {
  const auto t = Tokens("bad\xff\xfe bytes");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].text, "bad");
  EXPECT_EQ(t[1].text, "bytes");
}

TEST(Stemmer, EnglishPorter2) {
  Stemmer s;
  EXPECT_EQ(s.Stem("delayed"), "delay");
  EXPECT_EQ(s.Stem("refunds"), "refund");
  EXPECT_EQ(s.Stem("running"), "run");
  EXPECT_EQ(s.Stem("deliveries"), "deliveri");
  EXPECT_EQ(s.Stem("delivery"), "deliveri");
}

}  // namespace
}  // namespace touchpoint::text
