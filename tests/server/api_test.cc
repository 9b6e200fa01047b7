// The server's HTTP API over real HTTP on loopback: every collection path
// and body encoding, PostHog's names, bad payloads, keys, limits, CORS, the
// open endpoints, and /api/metrics against the CLI's own JSON. Each test
// starts `touchpoint serve` as a child process (tests/server/server_process.h).
#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "server/server_options.h"
#include "server_process.h"

namespace touchpoint::server {
namespace {

using touchpoint::testing::Gzip;
using touchpoint::testing::ServerProcess;
using touchpoint::testing::StoredEvents;
using touchpoint::testing::TempDir;
using touchpoint::testing::UrlEncode;
using touchpoint::testing::WithoutTiming;

std::string Base64(const std::string& in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int s : {18, 12, 6, 0}) out += kAlphabet[(v >> s) & 63];
  }
  if (i + 1 == in.size()) {
    const uint32_t v = uint8_t(in[i]) << 16;
    out += std::string{kAlphabet[(v >> 18) & 63], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += std::string{kAlphabet[(v >> 18) & 63], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

// A PostHog event as posthog-js sends it.
std::string PageView(const std::string& uuid, const std::string& who = "visitor-1") {
  return R"({"event":"$pageview","distinct_id":")" + who + R"(","uuid":")" + uuid +
         R"(","timestamp":"2024-05-01T10:00:00.000Z","properties":{"$current_url":"https://shop.example/pricing",)"
         R"("$session_id":"s-1","$lib":"web","$device_type":"Mobile","$browser":"Firefox","$lib_version":"1.2",)"
         R"("utm_campaign":"spring","plan":"pro","token":"ignored-here"}})";
}

std::string Canonical(const std::string& id, const std::string& customer = "c1", const std::string& event = "purchase") {
  return R"({"timestamp":"2024-05-02T12:00:00Z","customer_id":")" + customer + R"(","event":")" + event +
         R"(","event_id":")" + id + R"(","channel":"email","revenue":19.5,"coupon":"X1"})";
}

class ServerTest : public ::testing::Test {
 protected:
  void Start(const std::vector<std::string>& extra = {}) {
    server_ = std::make_unique<ServerProcess>(db(), extra);
    ASSERT_TRUE(server_->started()) << server_->output();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client_->set_read_timeout(30, 0);
  }
  std::string db() const { return dir_.Sub("store"); }
  httplib::Result Post(const std::string& path, const std::string& body, const std::string& type = "application/json",
                       const httplib::Headers& headers = {}) {
    return client_->Post(path.c_str(), headers, body, type.c_str());
  }
  std::map<std::string, size_t> EventsById() {
    EventBatch all = StoredEvents(db());
    std::map<std::string, size_t> ids;
    for (size_t i = 0; i < all.size(); ++i) ++ids[std::string(all.event_id.Get(i))];
    return ids;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, PostHogCaptureIsStoredUnderOurNames) {
  Start();
  auto r = Post("/capture", PageView("u-1"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body, R"({"status":1,"accepted":1})");
  EventBatch all = StoredEvents(db());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all.event.Get(0), "page_view");
  EXPECT_EQ(all.customer_id.Get(0), "visitor-1");
  EXPECT_EQ(all.event_id.Get(0), "u-1");
  EXPECT_EQ(all.page.Get(0), "https://shop.example/pricing");
  EXPECT_EQ(all.session_id.Get(0), "s-1");
  EXPECT_EQ(all.campaign.Get(0), "spring");
  EXPECT_EQ(all.channel.Get(0), "web");  // from $lib
  EXPECT_EQ(all.timestamp_ms[0], 1714557600000);
  std::map<std::string, std::string> props;
  for (const auto& p : all.properties) props[p.name] = std::string(p.values.Get(0));
  EXPECT_EQ(props["device"], "mobile");
  EXPECT_EQ(props["browser"], "Firefox");
  EXPECT_EQ(props["plan"], "pro");
  EXPECT_EQ(props.count("$lib_version"), 0u);  // PostHog bookkeeping is dropped
  EXPECT_EQ(props.count("token"), 0u);
}

TEST_F(ServerTest, EveryCollectionPathAcceptsEvents) {
  Start();
  const std::vector<std::string> paths = {"/capture", "/capture/", "/batch",     "/batch/",      "/e",      "/e/",
                                          "/i/v0/e",  "/i/v0/e/",  "/api/events", "/api/events/", "/track/"};
  for (size_t i = 0; i < paths.size(); ++i) {
    auto r = Post(paths[i], PageView("p-" + std::to_string(i)));
    ASSERT_TRUE(r) << paths[i];
    EXPECT_EQ(r->status, 200) << paths[i] << ": " << r->body;
  }
  EXPECT_EQ(EventsById().size(), paths.size());
  auto r = Post("/collect", PageView("nope"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
}

TEST_F(ServerTest, BatchArrayAndNdjsonShapes) {
  Start();
  auto batch = Post("/batch", R"({"api_key":"k","batch":[)" + PageView("b1") + "," + PageView("b2", "v2") + "," +
                                  Canonical("b3") + "]}");
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->body, R"({"status":1,"accepted":3})");
  auto array = Post("/api/events", "[" + Canonical("a1") + "," + Canonical("a2", "c2") + "]");
  ASSERT_TRUE(array);
  EXPECT_EQ(array->body, R"({"status":1,"accepted":2})");
  auto ndjson = Post("/api/events", Canonical("n1") + "\n\n" + Canonical("n2") + "\r\n" + Canonical("n3") + "\n",
                     "application/x-ndjson");
  ASSERT_TRUE(ndjson);
  EXPECT_EQ(ndjson->body, R"({"status":1,"accepted":3})");
  // A pretty-printed single object spans lines and is still one event.
  auto pretty = Post("/capture", "{\n  \"event\": \"signup\",\n  \"distinct_id\": \"v9\"\n}\n");
  ASSERT_TRUE(pretty);
  EXPECT_EQ(pretty->body, R"({"status":1,"accepted":1})");
  EXPECT_EQ(EventsById().size(), 9u);
  EventBatch all = StoredEvents(db());
  for (size_t i = 0; i < all.size(); ++i) {
    if (all.event_id.Get(i) == "a1") {
      EXPECT_EQ(all.revenue[i], 19.5);
      EXPECT_EQ(all.channel.Get(i), "email");
    }
  }
}

TEST_F(ServerTest, PostHogEncodings) {
  Start();
  const std::string one = PageView("g1");
  // Content-Encoding: gzip, undone by the HTTP layer.
  auto r1 = Post("/e/", Gzip(one), "application/json", {{"Content-Encoding", "gzip"}});
  // posthog-js: gzip-js, a gzip body sent as text/plain.
  auto r2 = Post("/e/?compression=gzip-js&ver=1.0", Gzip("[" + PageView("g2") + "]"), "text/plain");
  // posthog-js: base64 in a form field.
  auto r3 = Post("/e/?compression=base64", "data=" + UrlEncode(Base64("[" + PageView("g3") + "]")),
                 "application/x-www-form-urlencoded");
  // Older posthog-js: data= with compression named in the form.
  auto r4 = Post("/e/", "data=" + UrlEncode(Base64(PageView("g4"))) + "&compression=base64",
                 "application/x-www-form-urlencoded");
  // A form field holding plain JSON.
  auto r5 = Post("/e/", "data=" + UrlEncode(PageView("g5")), "application/x-www-form-urlencoded");
  // Base64 of gzip (compression=base64 over a gzip-js payload).
  auto r6 = Post("/e/?compression=base64", Base64(Gzip(PageView("g6"))), "text/plain");
  int n = 0;
  for (auto* r : {&r1, &r2, &r3, &r4, &r5, &r6}) {
    ++n;
    ASSERT_TRUE(*r) << n;
    EXPECT_EQ((*r)->status, 200) << "encoding " << n << ": " << (*r)->body;
  }
  auto ids = EventsById();
  for (const char* id : {"g1", "g2", "g3", "g4", "g5", "g6"}) EXPECT_EQ(ids[id], 1u) << id;
}

TEST_F(ServerTest, BadEventsAreRefusedOneByOneAndGoodOnesKept) {
  Start();
  const std::string body = "[" + Canonical("ok1") + R"(,{"timestamp":"2024-13-45","customer_id":"c","event":"x"},)" +
                           R"({"event":"$pageview","properties":{"$current_url":"/a"}},)" +
                           R"({"timestamp":1714557600,"customer_id":"c","event":"survey_response","survey":"nps","score":11},)" +
                           R"("not an object",)" + Canonical("ok2") + "]";
  auto r = Post("/api/events", body);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find(R"("accepted":2)"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find(R"("rejected_count":4)"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find(R"({"index":1,"column":"timestamp","reason":)"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find(R"({"index":2,"column":"distinct_id","reason":"customer_id is missing, empty or blank"})"),
            std::string::npos)
      << r->body;
  EXPECT_NE(r->body.find(R"({"index":3,"column":"score","reason":"nps score 11 is outside 0-10"})"), std::string::npos)
      << r->body;
  EXPECT_NE(r->body.find(R"({"index":4,"reason":"the event is not a JSON object"})"), std::string::npos) << r->body;
  auto ids = EventsById();
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids["ok1"], 1u);
  EXPECT_EQ(ids["ok2"], 1u);
  // A bad NDJSON line is that event's error too.
  auto nd = Post("/api/events", Canonical("ok3") + "\n{not json\n" + Canonical("ok4") + "\n");
  ASSERT_TRUE(nd);
  EXPECT_EQ(nd->status, 400);
  EXPECT_NE(nd->body.find(R"("accepted":2)"), std::string::npos) << nd->body;
  EXPECT_NE(nd->body.find(R"({"index":1,"reason":"not valid JSON)"), std::string::npos) << nd->body;
}

TEST_F(ServerTest, UnreadableBodiesAre400) {
  Start();
  for (const auto& [body, type, why] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"", "application/json", "not valid JSON"},
           {"{\"event\": ", "application/json", "not valid JSON"},
           {"42", "application/json", "neither an event object nor an array"},
           {R"({"batch": 7})", "application/json", "'batch' must be an array"},
           {Gzip(PageView("x")).substr(0, 20), "text/plain", "gzip body"},
           {"data=%%%%", "application/x-www-form-urlencoded", "neither JSON nor base64"},
           {"compression=base64", "application/x-www-form-urlencoded", "no 'data' field"}}) {
    auto r = Post("/capture", body, type);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << body;
    EXPECT_NE(r->body.find(why), std::string::npos) << r->body;
  }
  EXPECT_TRUE(EventsById().empty());
}

TEST_F(ServerTest, RepeatedUuidIsStoredOnce) {
  Start();
  for (int i = 0; i < 3; ++i) {
    auto r = Post("/capture", PageView("same-uuid"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
  auto r = Post("/batch", R"({"batch":[)" + PageView("twice") + "," + PageView("twice") + "]}");
  ASSERT_TRUE(r);
  auto ids = EventsById();
  EXPECT_EQ(ids["same-uuid"], 1u);
  EXPECT_EQ(ids["twice"], 1u);
}

TEST_F(ServerTest, IdentifyLinksTheAnonymousIdAndIgnoresBookkeeping) {
  Start();
  auto r = Post("/batch", R"({"batch":[{"event":"$identify","distinct_id":"user-42","properties":{"$anon_distinct_id":"anon-7"}},)"
                          R"({"event":"$create_alias","distinct_id":"user-42","properties":{"alias":"crm-9"}},)"
                          R"({"event":"$feature_flag_called","distinct_id":"user-42"},)" +
                              PageView("i1", "anon-7") + "]}");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body, R"({"status":1,"accepted":1,"ignored":1})");
  std::ifstream aliases(db() + "/ALIASES");
  std::string text((std::istreambuf_iterator<char>(aliases)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "anon-7\tuser-42\ncrm-9\tuser-42\n");
  // The analyses count the anonymous visitor as the known customer.
  auto m = client_->Get("/api/metrics");
  ASSERT_TRUE(m);
  EXPECT_NE(m->body.find(R"("customers":{"value":1,)"), std::string::npos) << m->body;
}

TEST_F(ServerTest, KeysAreRequiredWhenSet) {
  Start({"--ingest-key", "pk_live", "--query-key", "sk_secret"});
  auto none = Post("/capture", Canonical("k0"));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_NE(none->body.find("needs an ingest key"), std::string::npos);
  auto wrong = Post("/capture", Canonical("k1"), "application/json", {{"X-Touchpoint-Key", "pk_guess"}});
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_NE(wrong->body.find("wrong"), std::string::npos);
  auto prefix = Post("/capture", Canonical("k1"), "application/json", {{"X-Touchpoint-Key", "pk_liv"}});
  ASSERT_TRUE(prefix);
  EXPECT_EQ(prefix->status, 401);
  auto header = Post("/capture", Canonical("k2"), "application/json", {{"X-Touchpoint-Key", "pk_live"}});
  auto bearer = Post("/capture", Canonical("k3"), "application/json", {{"Authorization", "Bearer pk_live"}});
  auto body = Post("/batch", R"({"api_key":"pk_live","batch":[)" + Canonical("k4") + "]}");
  auto token = Post("/e/", R"({"event":"signup","distinct_id":"d","uuid":"k5","properties":{"token":"pk_live"}})");
  for (auto* r : {&header, &bearer, &body, &token}) {
    ASSERT_TRUE(*r);
    EXPECT_EQ((*r)->status, 200) << (*r)->body;
  }
  EXPECT_EQ(EventsById().size(), 4u);

  auto q_none = client_->Get("/api/metrics");
  ASSERT_TRUE(q_none);
  EXPECT_EQ(q_none->status, 401);
  auto q_wrong = client_->Get("/api/metrics", {{"Authorization", "Bearer sk_guess"}});
  ASSERT_TRUE(q_wrong);
  EXPECT_EQ(q_wrong->status, 401);
  // The ingest key is write-only: it reads nothing.
  auto q_ingest = client_->Get("/api/metrics", {{"Authorization", "Bearer pk_live"}});
  ASSERT_TRUE(q_ingest);
  EXPECT_EQ(q_ingest->status, 401);
  auto q_param = client_->Get("/api/metrics?key=sk_secret");
  ASSERT_TRUE(q_param);
  EXPECT_EQ(q_param->status, 401);  // ?key= opens the dashboard only
  auto q_ok = client_->Get("/api/metrics", {{"Authorization", "Bearer sk_secret"}});
  ASSERT_TRUE(q_ok);
  EXPECT_EQ(q_ok->status, 200) << q_ok->body;
  auto seg = client_->Get("/api/derived", {{"Authorization", "Bearer sk_secret"}});
  ASSERT_TRUE(seg);
  EXPECT_EQ(seg->body, R"({"segments":[]})");

  auto page_wrong = client_->Get("/?key=nope");
  ASSERT_TRUE(page_wrong);
  EXPECT_EQ(page_wrong->status, 401);
  auto page_ok = client_->Get("/?key=sk_secret");
  ASSERT_TRUE(page_ok);
  EXPECT_EQ(page_ok->status, 200);
  for (const char* open : {"/health", "/api/openapi.json", "/touchpoint.js", "/"}) {
    auto r = client_->Get(open);
    ASSERT_TRUE(r) << open;
    EXPECT_EQ(r->status, 200) << open;
  }
}

TEST_F(ServerTest, LimitsOnBodiesBatchesAndFields) {
  std::ofstream(dir_.Sub("limits.toml")) << "[server]\nmax_body_bytes = 4096\nmax_batch_events = 5\n";
  Start({"--config", dir_.Sub("limits.toml")});
  std::string big = "[";
  for (int i = 0; i < 60; ++i) big += (i ? "," : "") + Canonical("big" + std::to_string(i));
  big += "]";
  auto over = Post("/api/events", big);
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 413) << over->body;
  // Small on the wire, past ten times the limit once unzipped.
  std::string bomb = R"({"timestamp":1714557600,"customer_id":"c","event":"x","pad":")" + std::string(50000, 'a') + "\"}";
  auto gz = Post("/capture?compression=gzip", Gzip(bomb), "text/plain");
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->status, 413) << gz->body;
  std::string six = "[";
  for (int i = 0; i < 6; ++i) six += (i ? "," : "") + std::string(R"({"event":"e","distinct_id":"d"})");
  six += "]";
  auto many = Post("/e/", six);
  ASSERT_TRUE(many);
  EXPECT_EQ(many->status, 413);
  EXPECT_NE(many->body.find("at most 5 per request"), std::string::npos) << many->body;
  auto long_id = Post("/capture", R"({"event":"e","distinct_id":")" + std::string(300, 'x') + "\"}");
  ASSERT_TRUE(long_id);
  EXPECT_EQ(long_id->status, 400);
  EXPECT_NE(long_id->body.find("customer_id is 300 bytes long (at most 256)"), std::string::npos) << long_id->body;
  auto long_name = Post("/capture", R"({"timestamp":1714557600,"customer_id":"c","event":"x",")" +
                                        std::string(300, 'p') + R"(":"v"})");
  ASSERT_TRUE(long_name);
  EXPECT_EQ(long_name->status, 400);
  EXPECT_NE(long_name->body.find("a property name must be 1-256 bytes long"), std::string::npos) << long_name->body;
  EXPECT_TRUE(EventsById().empty());
}

TEST_F(ServerTest, CorsOnCollectionOnly) {
  Start();
  auto pre = client_->Options("/e/", {{"Origin", "https://shop.example"}, {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(pre);
  EXPECT_EQ(pre->status, 204);
  EXPECT_EQ(pre->get_header_value("Access-Control-Allow-Origin"), "https://shop.example");
  EXPECT_NE(pre->get_header_value("Access-Control-Allow-Headers").find("Content-Type"), std::string::npos);
  auto post = Post("/e/", PageView("c1"), "text/plain", {{"Origin", "https://shop.example"}});
  ASSERT_TRUE(post);
  EXPECT_EQ(post->get_header_value("Access-Control-Allow-Origin"), "https://shop.example");
  auto bad = Post("/e/", "nonsense", "text/plain", {{"Origin", "https://shop.example"}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->get_header_value("Access-Control-Allow-Origin"), "https://shop.example");
  auto query = client_->Get("/api/metrics", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(query);
  EXPECT_FALSE(query->has_header("Access-Control-Allow-Origin"));
}

TEST_F(ServerTest, OpenEndpoints) {
  Start();
  auto health = client_->Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_NE(health->body.find(R"("status":"ok")"), std::string::npos);
  auto api = client_->Get("/api/openapi.json");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 200);
  // Every collection path the document names answers.
  for (const char* path : {"/capture", "/batch", "/api/events", "/health", "/touchpoint.js", "/api/metrics",
                           "/api/derived", "/api/info", "/api/segments"}) {
    EXPECT_NE(api->body.find("\"" + std::string(path) + "\""), std::string::npos) << path;
  }
  auto js = client_->Get("/touchpoint.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(js->body.find("data-tp-event"), std::string::npos);
  auto flags = Post("/decide/?v=3", "{}");
  ASSERT_TRUE(flags);
  EXPECT_EQ(flags->status, 200);
  auto missing = client_->Get("/api/funnels");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

// A JSON answer without its one timing field ("seconds" of the header).
TEST_F(ServerTest, MetricsApiAnswersWhatTheCliPrints) {
  Start();
  std::string body = "[";
  for (int i = 0; i < 40; ++i) {
    const std::string c = "c" + std::to_string(i % 7);
    const std::string ts = std::to_string(1714557600 + i * 86400 / 3);
    const char* event = i % 5 == 0 ? "purchase" : "page_view";
    const char* channel = i % 2 ? "web" : "email";
    body += (i ? "," : "") + std::string(R"({"timestamp":)") + ts + R"(,"customer_id":")" + c + R"(","event":")" +
            event + R"(","channel":")" + channel + R"(","revenue":)" + (i % 5 == 0 ? "10" : "null") + "}";
  }
  body += "]";
  ASSERT_EQ(Post("/api/events", body)->status, 200);
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"", {}},
      {"interval=day&by=channel", {"--interval", "day", "--by", "channel"}},
      {"from=2024-05-03&to=2024-05-10&compare=previous&where=channel%20%3D%20%27web%27",
       {"--from", "2024-05-03", "--to", "2024-05-10", "--compare", "previous", "--where", "channel = 'web'"}},
      {"definitions=ga4&tz=Europe/Berlin", {"--definitions", "ga4", "--tz", "Europe/Berlin"}},
  };
  for (const auto& [query, flags] : cases) {
    auto r = client_->Get(("/api/metrics?" + query).c_str());
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    std::vector<std::string> args = {"metrics", "--db", db(), "--format", "json"};
    args.insert(args.end(), flags.begin(), flags.end());
    std::string cli;
    ASSERT_EQ(touchpoint::testing::RunTouchpoint(args, &cli), 0) << cli;
    // The same answer, timing fields aside.
    EXPECT_EQ(WithoutTiming(r->body), WithoutTiming(cli)) << query;
  }
  auto csv = client_->Get("/api/metrics?format=csv");
  ASSERT_TRUE(csv);
  std::string cli_csv;
  ASSERT_EQ(touchpoint::testing::RunTouchpoint({"metrics", "--db", db(), "--format", "csv"}, &cli_csv), 0);
  EXPECT_EQ(csv->body, cli_csv);
  auto unknown = client_->Get("/api/metrics?intervall=day");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(unknown->body.find("unknown parameter --intervall (did you mean '--interval'?)"), std::string::npos)
      << unknown->body;
  auto bad_date = client_->Get("/api/metrics?from=2024-02-30");
  ASSERT_TRUE(bad_date);
  EXPECT_EQ(bad_date->status, 400);
  EXPECT_NE(bad_date->body.find("--from: "), std::string::npos) << bad_date->body;
}

TEST_F(ServerTest, OverloadIsRefusedWithRetryAfterAndNothingAcknowledgedIsLost) {
  // One event may wait at a time: concurrent requests must be refused, not queued.
  std::ofstream(dir_.Sub("tight.toml")) << "[server]\nmax_pending_events = 1\n";
  Start({"--config", dir_.Sub("tight.toml")});
  constexpr int kThreads = 16, kRequests = 40, kEventsPerRequest = 20;
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", server_->port());
      for (int r = 0; r < kRequests; ++r) {
        std::string body = "[";
        std::vector<std::string> ids;
        for (int e = 0; e < kEventsPerRequest; ++e) {
          ids.push_back(std::to_string(t) + "-" + std::to_string(r) + "-" + std::to_string(e));
          body += (e ? "," : "") + Canonical(ids.back());
        }
        body += "]";
        auto res = c.Post("/api/events", body, "application/json");
        if (res && res->status == 200) {
          std::lock_guard lock(mu);
          acknowledged.insert(ids.begin(), ids.end());
        } else if (res && res->status == 429 && res->get_header_value("Retry-After") == "1") {
          ++refused;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_GT(refused.load(), 0) << "16 concurrent writers never overlapped";
  // Exactly the acknowledged events are stored: refused requests left nothing.
  auto ids = EventsById();
  EXPECT_EQ(ids.size(), acknowledged.size());
  for (const std::string& id : acknowledged) EXPECT_EQ(ids[id], 1u) << id;
}

TEST_F(ServerTest, SigtermDrainsAndFlushesTheLog) {
  Start();
  ASSERT_EQ(Post("/api/events", "[" + Canonical("t1") + "," + Canonical("t2") + "]")->status, 200);
  EXPECT_EQ(server_->Kill(SIGTERM), 0) << server_->output();
  EXPECT_NE(server_->output().find("SIGTERM: draining"), std::string::npos) << server_->output();
  std::string info;
  ASSERT_EQ(touchpoint::testing::RunTouchpoint({"info", "--db", db(), "--format", "json"}, &info), 0) << info;
  EXPECT_NE(info.find(R"("events":2,)"), std::string::npos) << info;
  EXPECT_NE(info.find(R"("log_events":0,)"), std::string::npos) << info;  // in a part now
}

TEST(ServeCommand, RefusesToExposeAStoreWithoutKeys) {
  TempDir dir;
  std::string out;
  EXPECT_EQ(touchpoint::testing::RunTouchpoint({"serve", "--db", dir.Sub("s"), "--listen", "0.0.0.0:0"}, &out), 2);
  EXPECT_NE(out.find("exposes the store to other machines"), std::string::npos) << out;
  EXPECT_NE(out.find("without keys serve listens on loopback only"), std::string::npos) << out;
  EXPECT_EQ(touchpoint::testing::RunTouchpoint(
                {"serve", "--db", dir.Sub("s"), "--listen", "0.0.0.0:0", "--ingest-key", "a"}, &out),
            2);
  EXPECT_NE(out.find("a query key (--query-key)"), std::string::npos) << out;
  ServerProcess loopback(dir.Sub("s"));
  ASSERT_TRUE(loopback.started());
  EXPECT_NE(loopback.output().find("no keys set: open to this machine only (loopback)"), std::string::npos)
      << loopback.output();
}

TEST(ServeCommand, SecondServerOnTheSameStoreIsRefused) {
  TempDir dir;
  ServerProcess first(dir.Sub("s"));
  ASSERT_TRUE(first.started());
  std::string out;
  EXPECT_EQ(touchpoint::testing::RunTouchpoint({"serve", "--db", dir.Sub("s"), "--listen", "127.0.0.1:0"}, &out), 1);
  EXPECT_NE(out.find("Busy"), std::string::npos) << out;
}

}  // namespace
}  // namespace touchpoint::server
