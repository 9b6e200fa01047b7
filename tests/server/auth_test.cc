#include "server/auth.h"

#include <gtest/gtest.h>

#include "server/server_options.h"

namespace touchpoint::server {
namespace {

TEST(KeysEqual, OnlyTheExactKey) {
  EXPECT_TRUE(KeysEqual("sk_123", "sk_123"));
  EXPECT_FALSE(KeysEqual("sk_12", "sk_123"));
  EXPECT_FALSE(KeysEqual("sk_1234", "sk_123"));
  EXPECT_FALSE(KeysEqual("sk_124", "sk_123"));
  EXPECT_FALSE(KeysEqual("", "sk_123"));
  EXPECT_FALSE(KeysEqual("", ""));  // no key configured never matches
  EXPECT_FALSE(KeysEqual(std::string("sk_123\0", 7), "sk_123"));
}

TEST(BearerToken, SchemeIsCaseInsensitive) {
  EXPECT_EQ(BearerToken("Bearer abc"), "abc");
  EXPECT_EQ(BearerToken("bearer  abc "), "abc");
  EXPECT_EQ(BearerToken("Basic abc"), "");
  EXPECT_EQ(BearerToken("Bearer"), "");
  EXPECT_EQ(BearerToken("Bearerabc"), "");
}

TEST(ServerOptions, ListenAddresses) {
  std::string host;
  int port = 0;
  ASSERT_TRUE(ParseListen("127.0.0.1:8080", &host, &port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListen("[::1]:0", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 0);
  EXPECT_FALSE(ParseListen("localhost", &host, &port).ok());
  EXPECT_FALSE(ParseListen(":80", &host, &port).ok());
  EXPECT_FALSE(ParseListen("h:99999", &host, &port).ok());
  EXPECT_FALSE(ParseListen("h:8o", &host, &port).ok());
  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("127.8.0.1"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("localhost"));
  EXPECT_FALSE(IsLoopback("0.0.0.0"));
  EXPECT_FALSE(IsLoopback("10.0.0.2"));
}

TEST(ServerOptions, ExposureNeedsBothKeys) {
  ServerOptions o;
  EXPECT_TRUE(CheckExposure(o).ok());
  o.host = "0.0.0.0";
  EXPECT_FALSE(CheckExposure(o).ok());
  o.ingest_key = "i";
  EXPECT_FALSE(CheckExposure(o).ok());
  o.query_key = "q";
  EXPECT_TRUE(CheckExposure(o).ok());
}

TEST(ServerOptions, ConfigSectionOverDefaults) {
  engine::ServerConfig c;
  c.listen = "0.0.0.0:9000";
  c.ingest_key = "pk";
  c.max_batch_events = 50;
  ServerOptions o;
  ASSERT_TRUE(ApplyServerConfig(c, &o).ok());
  EXPECT_EQ(o.host, "0.0.0.0");
  EXPECT_EQ(o.port, 9000);
  EXPECT_EQ(o.ingest_key, "pk");
  EXPECT_EQ(o.max_batch_events, 50u);
  EXPECT_EQ(o.max_body_bytes, kDefaultMaxBodyBytes);
}

}  // namespace
}  // namespace touchpoint::server
