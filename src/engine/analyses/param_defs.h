// Small helpers for the analyses' declarations in engine/analyses/*.cc.
#ifndef TOUCHPOINT_ENGINE_ANALYSES_PARAM_DEFS_H_
#define TOUCHPOINT_ENGINE_ANALYSES_PARAM_DEFS_H_

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/analysis_registry.h"
#include "engine/param.h"
#include "engine/request_dates.h"
#include "util/time.h"

namespace touchpoint::engine {

// `default_value` applies when the parameter is absent.
inline ParamDef Param(std::string name, ParamKind kind, std::string default_value, std::string help,
                      std::string example) {
  ParamDef d;
  d.name = std::move(name);
  d.kind = kind;
  d.default_value = std::move(default_value);
  d.help = std::move(help);
  d.example = std::move(example);
  return d;
}

inline ParamDef Choice(std::string name, std::vector<std::string> choices, std::string default_value,
                       std::string help, std::string example) {
  ParamDef d = Param(std::move(name), ParamKind::kEnum, std::move(default_value), std::move(help), std::move(example));
  d.choices = std::move(choices);
  return d;
}

inline ParamDef Integer(std::string name, int64_t min, int64_t max, std::string default_value, std::string help,
                        std::string example) {
  ParamDef d = Param(std::move(name), ParamKind::kInteger, std::move(default_value), std::move(help), std::move(example));
  d.min = min;
  d.max = max;
  return d;
}

// `d` with its default described in words instead of a value.
inline ParamDef Described(ParamDef d, std::string default_help) {
  d.default_help = std::move(default_help);
  return d;
}

// The common request of `ctx` as the analysis's own request type.
template <typename Request>
Request RequestFrom(const AnalysisContext& ctx) {
  Request req;
  static_cast<AnalysisRequest&>(req) = ctx.common;
  return req;
}

// A date parameter of the analysis's own (--as-of, --calibration-end), read
// as --from and --to are: in the request's reporting zone.
inline Result<std::optional<int64_t>> DateParam(const AnalysisContext& ctx, std::string_view name) {
  const auto text = ctx.params->Optional(name);
  if (!text) return std::optional<int64_t>();
  auto zone = FindTimeZone(ctx.common.tz);
  if (!zone.ok()) return Status::Usage("--tz: " + zone.status().message());
  TP_ASSIGN_OR_RETURN(int64_t t, ParseRequestTime(FlagName(name), *text, *zone, NowMs()));
  return std::optional<int64_t>(t);
}

// A number as a derived column's text.
inline std::string SavedNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.10g", v);
  return buf;
}

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ANALYSES_PARAM_DEFS_H_
