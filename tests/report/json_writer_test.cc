// JsonWriter (report/json_writer.h): every string it writes is valid JSON in
// valid UTF-8, whatever bytes came in (issue 10: a newline, a quote or a
// NUL in a value or a file name made `info --format json` invalid).
#include "report/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <vector>

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

// Numbers are written as printf's "%.15g" writes them (the JSON of every
// analysis depends on it): values of every magnitude, exact halves, ties
// at the 15th digit, percents, denormals and negative zero.
TEST(JsonWriter, NumbersAreTheTextOfPrintfPercentDot15g) {
  std::vector<double> values = {0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3, 2.0 / 3, 100.0 / 7, 52.211249463289,
                                1e15, 1e16, 123456789012345.0, 1234567890123456.0, 1e-5, 1e-4, 0.000123456,
                                1e21, 1e300, 5e-324, 2.2250738585072014e-308, 0.5, 2.5, 1.5e-7, 9.999999999999995,
                                0.30000000000000004, 4.35, 1234.5, 99.99999999999999};
  uint64_t x = 88172645463325252ull;  // xorshift: bit patterns of finite doubles across the range
  for (int i = 0; i < 20000; ++i) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    double d;
    std::memcpy(&d, &x, sizeof(d));
    if (std::isfinite(d)) values.push_back(d);
    values.push_back(static_cast<double>(x % 1000000) / 1000.0);  // money and percents
  }
  for (double v : values) {
    JsonWriter w;
    w.Number(v);
    char expected[64];
    std::snprintf(expected, sizeof(expected), "%.15g", v);
    ASSERT_EQ(w.str(), expected) << "bits of the value differ from printf's text";
  }
}

TEST(JsonWriter, KeysAreEscapedToo) {
  JsonWriter w;
  w.BeginObject().Key("we\"ird\n").Int(1).EndObject();
  EXPECT_EQ(w.str(), R"({"we\"ird\n":1})");
}

}  // namespace
}  // namespace touchpoint::report
