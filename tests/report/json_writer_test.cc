// JsonWriter (report/json_writer.h): every string it writes is valid JSON in
// valid UTF-8, whatever bytes came in (issue 10: a newline, a quote or a
// NUL in a value or a file name made `info --format json` invalid).
#include "report/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace touchpoint::report {
namespace {

std::string Quoted(std::string_view s) {
  JsonWriter w;
  w.String(s);
  return w.str();
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(Quoted("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(Quoted("line\nnext\r\ttab"), R"("line\nnext\r\ttab")");
  EXPECT_EQ(Quoted(std::string("nul\0after", 9)), R"("nul\u0000after")");  // not cut at the NUL
  EXPECT_EQ(Quoted("\x01\x1f\x7f"), R"("\u0001\u001f\u007f")");
}

TEST(JsonWriter, KeepsValidUtf8AsIs) {
  EXPECT_EQ(Quoted("caf\xc3\xa9"), "\"caf\xc3\xa9\"");                  // é, 2 bytes
  EXPECT_EQ(Quoted("\xe2\x82\xac 5"), "\"\xe2\x82\xac 5\"");            // €, 3 bytes
  EXPECT_EQ(Quoted("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");        // U+1F600, 4 bytes
}

TEST(JsonWriter, ReplacesInvalidBytes) {
  EXPECT_EQ(Quoted("caf\xe9"), R"("caf\ufffd")");                       // Latin-1 é
  EXPECT_EQ(Quoted("\xc0\xaf"), R"("\ufffd\ufffd")");                   // overlong '/'
  EXPECT_EQ(Quoted("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")");         // a UTF-16 surrogate
  EXPECT_EQ(Quoted("\xf4\x90\x80\x80"), R"("\ufffd\ufffd\ufffd\ufffd")");  // above U+10FFFF
  EXPECT_EQ(Quoted("\xe2\x82"), R"("\ufffd\ufffd")");                   // cut short
}

TEST(JsonWriter, NumbersAndStructure) {
  JsonWriter w;
  w.BeginObject();
  w.Key("a").Int(-3);
  w.Key("b").Number(0.5);
  w.Key("nan").Number(std::numeric_limits<double>::quiet_NaN());
  w.Key("inf").Number(std::numeric_limits<double>::infinity());
  w.Key("list").BeginArray().Bool(true).Null().String("x").EndArray();
  w.Key("empty").BeginObject().EndObject();
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"a":-3,"b":0.5,"nan":null,"inf":null,"list":[true,null,"x"],"empty":{}})");
}

TEST(JsonWriter, KeysAreEscapedToo) {
  JsonWriter w;
  w.BeginObject().Key("we\"ird\n").Int(1).EndObject();
  EXPECT_EQ(w.str(), R"({"we\"ird\n":1})");
}

}  // namespace
}  // namespace touchpoint::report
