// The analysis registry (engine/analysis_registry.h): every analysis is
// declared completely, and the common parameters read alike for all.
#include "engine/analysis_registry.h"

#include <gtest/gtest.h>

#include <set>

namespace touchpoint::engine {
namespace {

TEST(AnalysisRegistry, EveryAnalysisIsDeclaredCompletely) {
  std::set<std::string> names;
  ASSERT_GE(Analyses().size(), 6u);
  for (const AnalysisDef* a : Analyses()) {
    SCOPED_TRACE(a->name);
    EXPECT_TRUE(names.insert(a->name).second) << "declared twice";
    EXPECT_FALSE(a->summary.empty());
    EXPECT_FALSE(a->examples.empty());
    for (const std::string& e : a->examples) EXPECT_EQ(e.rfind("touchpoint " + a->name, 0), 0u) << e;
    EXPECT_NE(a->run, nullptr);
    EXPECT_EQ(FindAnalysis(a->name), a);
    std::set<std::string> params;
    for (const ParamDef* p : AllParams(*a)) {
      SCOPED_TRACE(p->name);
      EXPECT_TRUE(params.insert(p->name).second) << "parameter declared twice";
      EXPECT_FALSE(p->help.empty());
      if (p->kind != ParamKind::kFlag) {
        EXPECT_FALSE(p->example.empty()) << "every parameter has a worked example";
      }
      if (p->kind == ParamKind::kEnum) {
        EXPECT_FALSE(p->choices.empty());
      }
    }
    for (const char* common : {"db", "config", "from", "to", "tz", "where", "by", "definitions", "format"}) {
      EXPECT_EQ(params.count(common), 1u) << common;
    }
  }
  EXPECT_EQ(FindAnalysis("metrcs"), nullptr);
}

TEST(AnalysisRegistry, CommonRequestFromParametersAndConfig) {
  const AnalysisDef* metrics = FindAnalysis("metrics");
  ASSERT_NE(metrics, nullptr);
  Config config;
  config.report_tz = "Europe/Berlin";
  config.definitions.session_timeout_ms = 600 * 1000;
  ParamValues v;
  v.Add("from", "2024-03");
  v.Add("by", "channel,campaign");
  v.Add("where", "revenue > 0");
  v.Add("where", "channel = 'web'");
  v.Add("definitions", "ga4");
  v.Add("conversion", "purchase,signup");
  auto p = ParamReader::Make(AllParams(*metrics), v);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  AnalysisRequest req;
  ASSERT_TRUE(ReadCommonRequest(*p, config, &req).ok());
  EXPECT_EQ(req.tz, "Europe/Berlin");  // the config's zone, as no --tz was given
  EXPECT_EQ(*req.from_ms, 1709247600000);  // 2024-03-01T00:00 Berlin = 2024-02-29T23:00Z
  EXPECT_FALSE(req.to_ms.has_value());
  EXPECT_EQ(req.by, (std::vector<std::string>{"channel", "campaign"}));
  EXPECT_EQ(req.where, (std::vector<std::string>{"revenue > 0", "channel = 'web'"}));
  EXPECT_EQ(req.definitions.preset, kernels::Preset::kGa4);
  EXPECT_EQ(req.definitions.conversion_events, (std::vector<std::string>{"purchase", "signup"}));
  EXPECT_EQ(req.named_events.size(), 2u);  // checked against the store before the scan
}

}  // namespace
}  // namespace touchpoint::engine
