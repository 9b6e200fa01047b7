// Small helpers for the analyses' declarations in engine/analyses/*.cc.
#ifndef TOUCHPOINT_ENGINE_ANALYSES_PARAM_DEFS_H_
#define TOUCHPOINT_ENGINE_ANALYSES_PARAM_DEFS_H_

#include <string>
#include <vector>

#include "engine/analysis_registry.h"
#include "engine/param.h"

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

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ANALYSES_PARAM_DEFS_H_
