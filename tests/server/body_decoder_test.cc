#include "server/body_decoder.h"

#include <gtest/gtest.h>

#include "server_process.h"

namespace touchpoint::server {
namespace {

TEST(Base64Decode, StandardUrlSafeAndUnpadded) {
  EXPECT_EQ(Base64Decode("aGVsbG8=").value(), "hello");
  EXPECT_EQ(Base64Decode("aGVsbG8").value(), "hello");
  EXPECT_EQ(Base64Decode("aGk/Pz8+").value(), "hi\?\?\?>");
  EXPECT_EQ(Base64Decode("aGk_Pz8-").value(), "hi\?\?\?>");  // URL-safe alphabet
  EXPECT_EQ(Base64Decode("").value(), "");
}

TEST(Base64Decode, BadInputIsAnError) {
  EXPECT_FALSE(Base64Decode("a*bc").ok());
  EXPECT_FALSE(Base64Decode("a").ok());         // 6 bits make no byte
  EXPECT_FALSE(Base64Decode("aGk=aGk=").ok());  // data after padding
}

TEST(UrlDecode, PercentAndPlus) {
  EXPECT_EQ(UrlDecode("a%2Bb+c%3d"), "a+b c=");
  EXPECT_EQ(UrlDecode("100%"), "100%");  // a stray % stays
  EXPECT_EQ(FormField("compression=base64&data=e30%3D", "data"), "e30=");
  EXPECT_EQ(FormField("data=1&x", "x"), "");
  EXPECT_EQ(FormField("a=1", "data"), "");
}

TEST(Gunzip, RoundTripConcatenatedAndLimits) {
  const std::string text(100000, 'z');
  bool too_large = false;
  EXPECT_EQ(Gunzip(touchpoint::testing::Gzip(text), 1 << 20, &too_large).value(), text);
  const std::string two = touchpoint::testing::Gzip("ab") + touchpoint::testing::Gzip("cd");
  EXPECT_EQ(Gunzip(two, 100, &too_large).value(), "abcd");
  EXPECT_FALSE(Gunzip(touchpoint::testing::Gzip(text), 1000, &too_large).ok());
  EXPECT_TRUE(too_large);
  too_large = false;
  auto cut = Gunzip(touchpoint::testing::Gzip("hello world").substr(0, 12), 100, &too_large);
  EXPECT_FALSE(cut.ok());
  EXPECT_FALSE(too_large);
}

TEST(DecodeBody, EachPostHogEncoding) {
  bool too_large = false;
  const std::string json = R"({"event":"x"})";
  const std::string gz = touchpoint::testing::Gzip(json);
  EXPECT_EQ(DecodeBody(json, {"application/json", ""}, 1000, &too_large).value(), json);
  EXPECT_EQ(DecodeBody(gz, {"text/plain", "gzip-js"}, 1000, &too_large).value(), json);
  EXPECT_EQ(DecodeBody(gz, {"text/plain", ""}, 1000, &too_large).value(), json);  // sniffed
  EXPECT_EQ(DecodeBody("data=eyJldmVudCI6IngifQ%3D%3D", {"application/x-www-form-urlencoded", "base64"}, 1000,
                       &too_large)
                .value(),
            json);
  EXPECT_EQ(DecodeBody("data=eyJldmVudCI6IngifQ==&compression=base64", {"", ""}, 1000, &too_large).value(), json);
  EXPECT_EQ(DecodeBody("eyJldmVudCI6IngifQ==", {"text/plain", "base64"}, 1000, &too_large).value(), json);
  // JSON sent with a form content type (curl -d) stays JSON.
  EXPECT_EQ(DecodeBody(json, {"application/x-www-form-urlencoded", ""}, 1000, &too_large).value(), json);
  EXPECT_FALSE(DecodeBody(std::string(2000, ' '), {"", ""}, 1000, &too_large).ok());
  EXPECT_TRUE(too_large);
}

}  // namespace
}  // namespace touchpoint::server
