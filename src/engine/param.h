// Parameters of an analysis: how each is declared once (ParamDef), the raw
// values a request brings (ParamValues: CLI flags or an HTTP query string,
// both text), and typed access to them with checks that name the parameter
// (ParamReader). Every error here is a usage error (exit status 2 / HTTP
// 400). Plain data and pure functions; thread-compatible.
#ifndef TOUCHPOINT_ENGINE_PARAM_H_
#define TOUCHPOINT_ENGINE_PARAM_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace touchpoint::engine {

enum class ParamKind {
  kDate,        // ISO date or time, 2024-03, 2024, today, -30d (engine/request_dates.h)
  kDuration,    // a number with a unit: 90s, 30m, 12h, 7d, 2w
  kEvent,       // an event name of the store
  kEventList,   // event names, comma-separated
  kColumnList,  // columns, properties or derived:NAME, comma-separated
  kExpression,  // the --where language (kernels/event_filter.h)
  kEnum,        // one of `choices`
  kInteger,
  kNumber,
  kText,        // free text with its own grammar (funnel steps, touchpoint labels)
  kFlag,        // on or off: `--name` / `--no-name`, or name=true|false
  kPath,        // a file the CLI writes; never taken over HTTP
  kName,        // a derived column name: [a-z0-9_]+
};
std::string_view ParamKindName(ParamKind kind);

struct ParamDef {
  std::string name;  // without dashes: "window" is --window and ?window=
  ParamKind kind = ParamKind::kText;
  std::string default_value;  // the value that applies when absent ("" = none)
  std::string default_help;   // how help describes the default when not a plain value ("" = default_value)
  std::string help;          // one line
  std::string example;       // one worked value, e.g. "7d"
  std::vector<std::string> choices;  // kEnum
  bool repeatable = false;  // may be given several times; values accumulate
  bool required = false;
  int64_t min = INT64_MIN, max = INT64_MAX;  // kInteger bounds
  bool cli_only = false;  // writes a file, or reads one: not over HTTP
};

// A request's raw parameters: name -> values in the order given.
class ParamValues {
 public:
  void Add(std::string name, std::string value) { values_[std::move(name)].push_back(std::move(value)); }
  bool Has(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  const std::vector<std::string>* Get(std::string_view name) const;
  const std::map<std::string, std::vector<std::string>>& all() const { return values_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

// Typed, checked access to ParamValues against their declarations.
class ParamReader {
 public:
  // Checks every value against `defs` (unknown names, with suggestions;
  // repeats; enums; integers; numbers; durations; flags; names; required
  // ones). `http`: refuse cli_only parameters.
  static Result<ParamReader> Make(const std::vector<const ParamDef*>& defs, const ParamValues& values,
                                  bool http = false);

  bool Given(std::string_view name) const { return values_.Has(name); }
  // The single value, or the declared default.
  std::string Text(std::string_view name) const;
  std::optional<std::string> Optional(std::string_view name) const;
  // Repeats and commas both separate items; the default when absent.
  std::vector<std::string> List(std::string_view name) const;
  // Every value as given (repeatable expressions such as --where).
  std::vector<std::string> All(std::string_view name) const;
  Result<int64_t> Duration(std::string_view name) const;
  std::optional<int64_t> Integer(std::string_view name) const;
  std::optional<double> Number(std::string_view name) const;
  bool Flag(std::string_view name) const;

 private:
  const ParamDef* Def(std::string_view name) const;
  std::vector<const ParamDef*> defs_;
  ParamValues values_;
};

// "--name" for messages.
std::string FlagName(std::string_view name);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_PARAM_H_
