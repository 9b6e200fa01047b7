// The query API against the CLI, over real HTTP on loopback: every analysis
// of the registry (engine::Analyses(), so one added later is covered too)
// answers GET /api/NAME exactly as `touchpoint NAME --format json` (and
// csv) prints, timing aside, with and without the common filters; what the
// fixture cannot answer is a 400 carrying the CLI's usage error. Also
// /api/info against `touchpoint info`, /api/derived, and the report: its
// sections are the CLI's answers, its script needs no network, and the
// HTTP door gives the CLI's file.
#include <httplib.h>

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/analysis_registry.h"
#include "report/json_writer.h"
#include "server/html_report.h"
#include "server_process.h"

namespace touchpoint::server {
namespace {

using touchpoint::testing::RunTouchpoint;
using touchpoint::testing::ServerProcess;
using touchpoint::testing::TempDir;
using touchpoint::testing::UrlEncode;
using touchpoint::testing::WithoutTiming;

using Params = std::vector<std::pair<std::string, std::string>>;

// What an analysis needs to answer on the fixture (the rest take defaults).
const std::map<std::string, Params>& Needs() {
  static const std::map<std::string, Params> kNeeds = {
      {"funnel", {{"steps", "page_view,signup,purchase"}, {"window", "14d"}}},
      {"clv", {{"calibration-end", "2024-09-30"}}},
      {"paths", {{"depth", "4"}}},
      {"retention", {{"period", "month"}}},
  };
  return kNeeds;
}

// The common filters every analysis accepts (docs/api.md).
const Params kFiltered = {{"from", "2024-02-01"}, {"to", "2024-12-01"}, {"where", "channel IN ('web','email','app')"},
                          {"tz", "Europe/Berlin"}};

std::string Query(const Params& params) {
  std::string q;
  for (const auto& [k, v] : params) q += (q.empty() ? "" : "&") + k + "=" + UrlEncode(v);
  return q;
}

std::vector<std::string> Flags(const Params& params) {
  std::vector<std::string> args;
  for (const auto& [k, v] : params) {
    args.push_back("--" + k);
    args.push_back(v);
  }
  return args;
}

// The API's error body for a CLI message ("touchpoint: MESSAGE\n" on stderr).
std::string ErrorBody(const std::string& cli_output) {
  std::string message = cli_output;
  const std::string prefix = "touchpoint: ";
  if (message.rfind(prefix, 0) == 0) message.erase(0, prefix.size());
  while (!message.empty() && message.back() == '\n') message.pop_back();
  report::JsonWriter w;
  w.BeginObject().Key("error").String(message).EndObject();
  return w.str();
}

class AnalysesApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string out;
    // A year of a small shop: every analysis but recommend (no purchased
    // items in the generated data) has what it needs.
    ASSERT_EQ(RunTouchpoint({"generate", "--events", "40000", "--seed", "11", "--out", dir_->Sub("events.csv")}, &out), 0)
        << out;
    ASSERT_EQ(RunTouchpoint({"ingest", "--db", db(), dir_->Sub("events.csv")}, &out), 0) << out;
    std::ofstream(dir_->Sub("tier.csv")) << "customer_id,value\nc0000001,gold\nc0000002,silver\nc0000003,gold\n";
    ASSERT_EQ(RunTouchpoint({"derived", "--db", db(), "--import", "tier", dir_->Sub("tier.csv")}, &out), 0) << out;
    server_ = new ServerProcess(db());
    ASSERT_TRUE(server_->started()) << server_->output();
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static std::string db() { return dir_->Sub("store"); }

  httplib::Result Get(const std::string& path) {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(120, 0);
    return c.Get(path.c_str());
  }

  // GET /api/NAME?params against `touchpoint NAME --db DB params` in `format`.
  void ExpectSameAnswer(const std::string& name, const Params& params, const std::string& format) {
    Params with_format = params;
    with_format.emplace_back("format", format);
    auto r = Get("/api/" + name + "?" + Query(with_format));
    ASSERT_TRUE(r) << name;
    std::vector<std::string> args = {name, "--db", db(), "--format", format};
    for (const std::string& a : Flags(params)) args.push_back(a);
    std::string cli;
    const int exit = RunTouchpoint(args, &cli);
    const std::string what = name + "?" + Query(with_format);
    if (exit == 0) {
      EXPECT_EQ(r->status, 200) << what << ": " << r->body;
      if (format == "json") {
        EXPECT_EQ(WithoutTiming(r->body), WithoutTiming(cli)) << what;
        EXPECT_NE(r->body.find("\"analysis\":\"" + name + "\""), std::string::npos) << what;
      } else {
        EXPECT_EQ(r->body, cli) << what;
      }
      ++answered_;
    } else {
      // The CLI's usage error (exit 2) is the API's 400, word for word.
      EXPECT_EQ(exit, 2) << what << ": " << cli;
      EXPECT_EQ(r->status, 400) << what << ": " << r->body;
      EXPECT_EQ(r->body, ErrorBody(cli)) << what;
      ++refused_;
    }
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  int answered_ = 0, refused_ = 0;
};

TempDir* AnalysesApiTest::dir_ = nullptr;
ServerProcess* AnalysesApiTest::server_ = nullptr;

TEST_F(AnalysesApiTest, EveryAnalysisAnswersWhatTheCliPrints) {
  std::set<std::string> names;
  for (const engine::AnalysisDef* a : engine::Analyses()) {
    names.insert(a->name);
    Params needs;
    if (auto it = Needs().find(a->name); it != Needs().end()) needs = it->second;
    ExpectSameAnswer(a->name, needs, "json");
    ExpectSameAnswer(a->name, needs, "csv");
    Params filtered = needs;
    filtered.insert(filtered.end(), kFiltered.begin(), kFiltered.end());
    ExpectSameAnswer(a->name, filtered, "json");
  }
  // Every analysis of the issue, and most of them answered rather than refused.
  for (const char* n : {"metrics", "funnel", "retention", "paths", "attribution", "lifecycle", "clv", "churn", "segments",
                        "recommend", "feedback"}) {
    EXPECT_TRUE(names.count(n)) << n;
  }
  EXPECT_GE(answered_, 3 * (static_cast<int>(names.size()) - 2)) << "answered " << answered_ << ", refused " << refused_;
  EXPECT_GE(refused_, 3);  // recommend: no purchased items in the fixture
}

TEST_F(AnalysesApiTest, CutsByDerivedColumnsAndBadRequestsAnswerAsTheCli) {
  ExpectSameAnswer("metrics", {{"by", "derived:tier"}, {"interval", "month"}}, "json");
  ExpectSameAnswer("funnel", {{"steps", "page_view,purchase"}, {"by", "channel"}}, "json");
  ExpectSameAnswer("retention", {{"cohort", "signup"}, {"return", "purchase"}, {"period", "week"}}, "json");
  ExpectSameAnswer("segments", {{"method", "kmeans"}, {"max-k", "4"}}, "json");
  // Usage errors: unknown names with suggestions, bad values, missing parameters.
  ExpectSameAnswer("funnel", {}, "json");
  ExpectSameAnswer("funnel", {{"steps", "page_veiw,purchase"}}, "json");
  ExpectSameAnswer("retention", {{"period", "fortnight"}}, "json");
  ExpectSameAnswer("paths", {{"where", "chanel = 'web'"}}, "json");
  ExpectSameAnswer("clv", {{"horizon", "52"}}, "json");
  ExpectSameAnswer("metrics", {{"by", "derived:tire"}}, "json");
  EXPECT_EQ(answered_, 4);
  EXPECT_EQ(refused_, 6);
}

TEST_F(AnalysesApiTest, InfoAndDerivedColumns) {
  auto info = Get("/api/info");
  ASSERT_TRUE(info);
  ASSERT_EQ(info->status, 200);
  std::string cli;
  ASSERT_EQ(RunTouchpoint({"info", "--db", db(), "--format", "json"}, &cli), 0);
  EXPECT_EQ(info->body + "\n", cli);
  EXPECT_NE(info->body.find("\"events\":40000,"), std::string::npos) << info->body;
  EXPECT_NE(info->body.find("\"events_by_campaign\":{"), std::string::npos);
  auto derived = Get("/api/derived");
  ASSERT_TRUE(derived);
  EXPECT_EQ(derived->status, 200);
  EXPECT_NE(derived->body.find(R"("name":"tier")"), std::string::npos) << derived->body;
  EXPECT_NE(derived->body.find(R"("values":["gold","silver"])"), std::string::npos) << derived->body;
}

// The data a report holds: the JSON in its <script type="application/json">.
std::string ReportData(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"touchpoint-data\">";
  const size_t at = html.find(open);
  if (at == std::string::npos) return "";
  const size_t end = html.find("</script>", at);
  return html.substr(at + open.size(), end - at - open.size());
}

TEST_F(AnalysesApiTest, ReportSectionsAreTheCliAnswersAndNeedNoNetwork) {
  const std::string out = dir_->Sub("report.html");
  std::string log;
  const std::vector<std::string> common = {"--from", "2024-03-01", "--where", "channel <> 'ads'", "--tz", "Europe/Berlin"};
  std::vector<std::string> args = {"report", "--db", db(), "-o", out, "--title", "Q <report> & more"};
  args.insert(args.end(), common.begin(), common.end());
  ASSERT_EQ(RunTouchpoint(args, &log), 0) << log;
  std::stringstream buf;
  buf << std::ifstream(out).rdbuf();
  const std::string html = buf.str();
  ASSERT_GT(html.size(), 100000u);
  EXPECT_NE(html.find("<title>Q &lt;report&gt; &amp; more</title>"), std::string::npos);
  const std::string data = WithoutTiming(ReportData(html));
  ASSERT_FALSE(data.empty());
  // Each section is exactly the CLI's answer to the request the report makes
  // (docs/server.md, "The report"): from 2024-03-01 to the data's end is
  // about ten months, so weeks; retention by month; surveys by month.
  const std::vector<std::vector<std::string>> sections = {
      {"metrics", "--compare", "previous", "--interval", "week"},
      {"metrics", "--interval", "week", "--by", "channel", "--measures", "customers,events"},
      {"funnel", "--steps", "page_view,signup,add_to_cart,checkout,purchase", "--window", "7d"},
      {"retention", "--period", "month"},
      {"paths"},
      {"metrics", "--interval", "month", "--by", "channel", "--measures", "nps,csat,ces"},
  };
  for (const auto& section : sections) {
    std::vector<std::string> cli_args = section;
    for (const std::string& a : std::vector<std::string>{"--db", db(), "--format", "json"}) cli_args.push_back(a);
    cli_args.insert(cli_args.end(), common.begin(), common.end());
    std::string cli;
    ASSERT_EQ(RunTouchpoint(cli_args, &cli), 0) << cli;
    while (!cli.empty() && cli.back() == '\n') cli.pop_back();
    EXPECT_NE(data.find(ScriptSafeJson(WithoutTiming(cli))), std::string::npos) << section[0] << " " << section.back();
  }
  // Offline: the page's script names no address and fetches nothing.
  const size_t script = html.rfind("<script>");
  ASSERT_NE(script, std::string::npos);
  const std::string js = html.substr(script);
  for (const char* needle : {"http://", "https://", "fetch(", "XMLHttpRequest", "</script><"}) {
    EXPECT_EQ(js.find(needle), std::string::npos) << needle;
  }
  // The HTTP door gives the same file for the same request (but the time
  // it was made and the store's name in its header).
  std::string q = "title=" + UrlEncode("Q <report> & more") + "&from=2024-03-01&where=" + UrlEncode("channel <> 'ads'") +
                  "&tz=Europe/Berlin";
  auto r = Get("/api/report?" + q);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r->get_header_value("Content-Disposition").find("attachment"), std::string::npos);
  const std::string http_data = WithoutTiming(ReportData(r->body));
  const size_t sections_at = data.find("\"sections\":");
  ASSERT_NE(sections_at, std::string::npos);
  EXPECT_EQ(http_data.substr(http_data.find("\"sections\":")), data.substr(sections_at));
  // Bad requests: the CLI's usage errors.
  auto bad = Get("/api/report?from=2024-02-30");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(bad->body.find("--from"), std::string::npos) << bad->body;
  auto unknown = Get("/api/report?form=2024-02-01");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  std::string cli_bad;
  EXPECT_EQ(RunTouchpoint({"report", "--db", db(), "-o", dir_->Sub("bad.html"), "--steps", "page_veiw,purchase"}, &cli_bad), 2);
  EXPECT_NE(cli_bad.find("did you mean 'page_view'?"), std::string::npos) << cli_bad;
}

TEST(HtmlReport, ShowsWhatTheDataCannotAnswer) {
  // A store of impressions only: no funnel (one event is one step), no
  // survey answers. The funnel section carries the CLI's message, the
  // others still answer; the command succeeds.
  TempDir dir;
  std::ofstream(dir.Sub("imp.csv")) << "timestamp,customer_id,event,channel\n2024-01-01T10:00:00Z,a,impression,ads\n"
                                       "2024-01-02T10:00:00Z,b,impression,ads\n2024-01-09T10:00:00Z,a,impression,search\n";
  std::string log;
  ASSERT_EQ(RunTouchpoint({"ingest", "--db", dir.Sub("store"), dir.Sub("imp.csv")}, &log), 0) << log;
  ASSERT_EQ(RunTouchpoint({"report", "--db", dir.Sub("store"), "-o", dir.Sub("r.html")}, &log), 0) << log;
  std::string cli;
  ASSERT_EQ(RunTouchpoint({"funnel", "--db", dir.Sub("store"), "--steps", "impression"}, &cli), 2);
  std::stringstream buf;
  buf << std::ifstream(dir.Sub("r.html")).rdbuf();
  const std::string data = ReportData(buf.str());
  EXPECT_NE(data.find("\"funnel\":" + ErrorBody(cli)), std::string::npos) << data.substr(0, 400);
  EXPECT_NE(data.find("\"overview\":{\"analysis\":\"metrics\""), std::string::npos);
  EXPECT_NE(data.find("\"surveys\":{\"analysis\":\"metrics\""), std::string::npos);
  EXPECT_NE(data.find("\"journeys\":{\"analysis\":\"paths\""), std::string::npos);
}

}  // namespace
}  // namespace touchpoint::server
