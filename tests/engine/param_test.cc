// ParamReader (engine/param.h): the checks every request's parameters go
// through, the same for the CLI and the HTTP API.
#include "engine/param.h"

#include <gtest/gtest.h>

namespace touchpoint::engine {
namespace {

std::vector<ParamDef> Defs() {
  std::vector<ParamDef> d(7);
  d[0].name = "window";
  d[0].kind = ParamKind::kDuration;
  d[0].default_value = "7d";
  d[1].name = "mode";
  d[1].kind = ParamKind::kEnum;
  d[1].choices = {"ordered", "strict", "unordered"};
  d[1].default_value = "ordered";
  d[2].name = "depth";
  d[2].kind = ParamKind::kInteger;
  d[2].min = 1;
  d[2].max = 16;
  d[3].name = "where";
  d[3].kind = ParamKind::kExpression;
  d[3].repeatable = true;
  d[4].name = "collapse";
  d[4].kind = ParamKind::kFlag;
  d[4].default_value = "on";
  d[5].name = "out";
  d[5].kind = ParamKind::kPath;
  d[5].cli_only = true;
  d[6].name = "steps";
  d[6].required = true;
  d[6].example = "a,b";
  return d;
}

Result<ParamReader> Read(const std::vector<std::pair<std::string, std::string>>& given, bool http = false) {
  static const std::vector<ParamDef> defs = Defs();
  std::vector<const ParamDef*> ptrs;
  for (const ParamDef& d : defs) ptrs.push_back(&d);
  ParamValues v;
  v.Add("steps", "a,b");
  for (const auto& [name, value] : given) v.Add(name, value);
  return ParamReader::Make(ptrs, v, http);
}

std::string Error(const std::vector<std::pair<std::string, std::string>>& given, bool http = false) {
  auto r = Read(given, http);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), Status::Code::kUsage);
  return r.status().message();
}

TEST(ParamReader, DefaultsAndTypedValues) {
  auto r = Read({{"depth", "4"}, {"where", "a = 1"}, {"where", "b = 2"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r->Duration("window"), 7 * 86400 * 1000LL);
  EXPECT_EQ(r->Text("mode"), "ordered");
  EXPECT_EQ(*r->Integer("depth"), 4);
  EXPECT_EQ(r->All("where"), (std::vector<std::string>{"a = 1", "b = 2"}));
  EXPECT_TRUE(r->Flag("collapse"));
  EXPECT_EQ(r->List("steps"), (std::vector<std::string>{"a", "b"}));
  auto off = Read({{"collapse", "false"}});
  EXPECT_FALSE(off->Flag("collapse"));
}

TEST(ParamReader, RefusesWithTheParameterNamed) {
  EXPECT_EQ(Error({{"widnow", "7d"}}), "unknown parameter --widnow (did you mean '--window'?)");
  EXPECT_EQ(Error({{"mode", "strct"}}),
            "--mode must be one of ordered, strict, unordered, not 'strct' (did you mean 'strict'?)");
  EXPECT_EQ(Error({{"depth", "0"}}), "--depth must be from 1 to 16, not 0");
  EXPECT_EQ(Error({{"depth", "two"}}), "--depth must be a whole number, not 'two'");
  EXPECT_NE(Error({{"window", "7"}}).find("--window: duration '7' has no unit"), std::string::npos);
  EXPECT_EQ(Error({{"mode", "strict"}, {"mode", "ordered"}}), "--mode given 2 times; it takes one value");
  EXPECT_EQ(Error({{"collapse", "maybe"}}), "--collapse is on or off (true or false), not 'maybe'");
}

TEST(ParamReader, RequiredParametersAndCliOnlyOnes) {
  static const std::vector<ParamDef> defs = Defs();
  std::vector<const ParamDef*> ptrs;
  for (const ParamDef& d : defs) ptrs.push_back(&d);
  auto missing = ParamReader::Make(ptrs, ParamValues{});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "--steps is required (e.g. --steps a,b)");
  // A file path the CLI writes is not a parameter over HTTP.
  EXPECT_TRUE(Read({{"out", "x.csv"}}).ok());
  EXPECT_EQ(Error({{"out", "x.csv"}}, /*http=*/true).substr(0, 23), "unknown parameter --out");
}

}  // namespace
}  // namespace touchpoint::engine
