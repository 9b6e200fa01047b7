#include "server/event_decoder.h"

#include <gtest/gtest.h>

#include <map>

namespace touchpoint::server {
namespace {

constexpr int64_t kNow = 1717243200000;  // 2024-06-01T12:00:00Z

struct Decoded {
  Status status;
  DecodedEvents events;
  bool too_many = false;
};

Decoded Decode(std::string body, size_t max_events = 100, const FieldMapping* mapping = nullptr) {
  static const FieldMapping kNone;
  DecodeOptions options;
  options.mapping = mapping ? mapping : &kNone;
  options.max_events = max_events;
  Decoded d;
  d.status = DecodeEvents(&body, options, kNow, &d.events, &d.too_many);
  return d;
}

std::map<std::string, std::string> Properties(const EventBatch& b, size_t row) {
  std::map<std::string, std::string> out;
  for (const auto& p : b.properties) {
    if (!p.values.Get(row).empty()) out[p.name] = std::string(p.values.Get(row));
  }
  return out;
}

TEST(DecodeEvents, PostHogNamesMapToOurs) {
  Decoded d = Decode(R"({"event":"$pageview","distinct_id":"v1","uuid":"u1","timestamp":"2024-05-01T10:00:00Z",
    "properties":{"$current_url":"https://a.example/x","$session_id":"s9","utm_campaign":"spring","utm_medium":"cpc",
    "$lib":"web","$device_type":"Tablet","$os":"iOS","$referring_domain":"google.com","$geoip_country_code":"DE",
    "$revenue":12.5,"$set":{"email":"x"},"$window_id":"w","plan":"pro","nested":{"a":[1,2]},"flag":true,"n":null}})");
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  ASSERT_TRUE(d.events.errors.empty()) << d.events.errors[0].reason;
  const EventBatch& b = d.events.batch;
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b.event.Get(0), "page_view");
  EXPECT_EQ(b.customer_id.Get(0), "v1");
  EXPECT_EQ(b.event_id.Get(0), "u1");
  EXPECT_EQ(b.timestamp_ms[0], 1714557600000);
  EXPECT_EQ(b.page.Get(0), "https://a.example/x");
  EXPECT_EQ(b.session_id.Get(0), "s9");
  EXPECT_EQ(b.campaign.Get(0), "spring");
  EXPECT_EQ(b.channel.Get(0), "ads");  // utm_medium cpc before $lib web
  EXPECT_EQ(b.revenue[0], 12.5);
  const auto props = Properties(b, 0);
  const std::map<std::string, std::string> want = {
      {"device", "tablet"}, {"os", "iOS"},  {"referring_domain", "google.com"}, {"country", "DE"},
      {"utm_medium", "cpc"}, {"plan", "pro"}, {"nested", R"({"a":[1,2]})"},     {"flag", "true"}};
  EXPECT_EQ(props, want);
}

TEST(DecodeEvents, OurNamesInPropertiesWinOverPostHogs) {
  Decoded d = Decode(R"({"event":"purchase","distinct_id":"v1","properties":{"$current_url":"https://a/b",
    "page":"/b","channel":"email","$lib":"web","revenue":"30","campaign":"c1","utm_campaign":"c2"}})");
  ASSERT_EQ(d.events.batch.size(), 1u);
  EXPECT_EQ(d.events.batch.page.Get(0), "/b");
  EXPECT_EQ(d.events.batch.channel.Get(0), "email");
  EXPECT_EQ(d.events.batch.campaign.Get(0), "c1");
  EXPECT_EQ(d.events.batch.revenue[0], 30);
}

TEST(DecodeEvents, MissingTimeIsNowOrOffsetAgo) {
  Decoded d = Decode(R"([{"event":"a","distinct_id":"v"},{"event":"b","distinct_id":"v","offset":1500},
    {"event":"$screen","distinct_id":"v","properties":{"$screen_name":"Home","$lib":"posthog-ios"}}])");
  ASSERT_EQ(d.events.batch.size(), 3u);
  EXPECT_EQ(d.events.batch.timestamp_ms[0], kNow);
  EXPECT_EQ(d.events.batch.timestamp_ms[1], kNow - 1500);
  EXPECT_EQ(d.events.batch.event.Get(2), "page_view");
  EXPECT_EQ(d.events.batch.page.Get(2), "Home");
  EXPECT_EQ(d.events.batch.channel.Get(2), "app");
}

TEST(DecodeEvents, IdentifyAndAliasBecomeLinks) {
  Decoded d = Decode(R"({"batch":[
    {"event":"$identify","distinct_id":"user","properties":{"$anon_distinct_id":"anon"}},
    {"event":"$identify","distinct_id":"user","properties":{"$anon_distinct_id":"user"}},
    {"event":"$create_alias","distinct_id":"user","properties":{"alias":"crm"}},
    {"event":"$create_alias","distinct_id":"user","properties":{}},
    {"event":"$groupidentify","distinct_id":"user"}]})");
  ASSERT_TRUE(d.status.ok());
  EXPECT_EQ(d.events.batch.size(), 0u);
  ASSERT_EQ(d.events.links.size(), 2u);
  EXPECT_EQ(d.events.links[0].alias, "anon");
  EXPECT_EQ(d.events.links[0].canonical, "user");
  EXPECT_EQ(d.events.links[1].alias, "crm");
  ASSERT_EQ(d.events.errors.size(), 1u);  // an alias needs the alias
  EXPECT_EQ(d.events.errors[0].index, 3u);
  EXPECT_EQ(d.events.errors[0].column, "alias");
  EXPECT_EQ(d.events.ignored, 1u);
  EXPECT_EQ(d.events.events, 5u);
}

TEST(DecodeEvents, CanonicalRowsUseTheMappingAndTheValidator) {
  FieldMapping mapping;
  ASSERT_TRUE(mapping.AddRule("column:user=customer_id").ok());
  ASSERT_TRUE(mapping.AddRule("event:order_completed=purchase").ok());
  Decoded d = Decode(
      R"([{"timestamp":"2024-05-01","user":"u1","event":"order_completed","revenue":"12","api_key":"k1"},
          {"timestamp":"2024-05-01","user":"u2","event":"x","revenue":"twelve"},
          {"timestamp":"2024-05-01","user":"u3","event":"survey_response","survey":"csat","score":9}])",
      100, &mapping);
  ASSERT_EQ(d.events.batch.size(), 1u);
  EXPECT_EQ(d.events.batch.customer_id.Get(0), "u1");
  EXPECT_EQ(d.events.batch.event.Get(0), "purchase");
  EXPECT_TRUE(Properties(d.events.batch, 0).empty());  // api_key is a key, not a property
  ASSERT_EQ(d.events.errors.size(), 2u);
  EXPECT_EQ(d.events.errors[0].index, 1u);
  EXPECT_EQ(d.events.errors[0].column, "revenue");
  EXPECT_EQ(d.events.errors[0].reason, "revenue 'twelve' is not a number");
  EXPECT_EQ(d.events.errors[1].reason, "csat score 9 is outside 1-5");
  EXPECT_EQ(d.events.keys, std::vector<std::string>{"k1"});
}

TEST(DecodeEvents, KeysFromEveryPlace) {
  Decoded d = Decode(R"({"api_key":"top","batch":[{"event":"e","distinct_id":"d","properties":{"token":"inner"}}]})");
  EXPECT_EQ(d.events.keys, (std::vector<std::string>{"top", "inner"}));
}

TEST(DecodeEvents, WholeRequestErrors) {
  EXPECT_FALSE(Decode("").status.ok());
  EXPECT_FALSE(Decode("[1,").status.ok());
  EXPECT_FALSE(Decode("\"text\"").status.ok());
  EXPECT_FALSE(Decode(R"({"batch":{}})").status.ok());
  Decoded many = Decode("[{},{},{}]", 2);
  EXPECT_FALSE(many.status.ok());
  EXPECT_TRUE(many.too_many);
  EXPECT_EQ(many.events.events, 0u);
  Decoded lines = Decode("{}\n{}\n{}\n", 2);
  EXPECT_TRUE(lines.too_many);
}

TEST(DecodeEvents, PropertyLimits) {
  std::string many = R"({"timestamp":1,"customer_id":"c","event":"e")";
  for (int i = 0; i < 300; ++i) many += ",\"p" + std::to_string(i) + "\":\"v\"";
  many += "}";
  Decoded d = Decode(many);
  ASSERT_EQ(d.events.errors.size(), 1u);
  EXPECT_EQ(d.events.errors[0].reason, "the event has more than 256 properties");
  EXPECT_EQ(d.events.batch.size(), 0u);
}

}  // namespace
}  // namespace touchpoint::server
