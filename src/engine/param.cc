#include "engine/param.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "engine/duration.h"
#include "util/suggest.h"

namespace touchpoint::engine {
namespace {

bool ParseInt(std::string_view s, int64_t* v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

bool ParseDouble(std::string_view s, double* v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size() && std::isfinite(*v);
}

std::optional<bool> ParseFlag(std::string_view s) {
  if (s == "true" || s == "1" || s == "yes" || s == "on" || s.empty()) return true;
  if (s == "false" || s == "0" || s == "no" || s == "off") return false;
  return std::nullopt;
}

bool ValidName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

Status CheckValue(const ParamDef& d, const std::string& v) {
  const std::string flag = FlagName(d.name);
  switch (d.kind) {
    case ParamKind::kEnum:
      if (std::find(d.choices.begin(), d.choices.end(), v) == d.choices.end()) {
        std::string choices;
        for (size_t i = 0; i < d.choices.size(); ++i) choices += (i ? ", " : "") + d.choices[i];
        const std::vector<std::string> close = ClosestNames(v, d.choices);
        return Status::Usage(flag + " must be one of " + choices + ", not '" + v + "'" +
                             (close.empty() ? "" : " (did you mean '" + close[0] + "'?)"));
      }
      return Status::OK();
    case ParamKind::kInteger: {
      int64_t n = 0;
      if (!ParseInt(v, &n)) return Status::Usage(flag + " must be a whole number, not '" + v + "'");
      if (n < d.min || n > d.max) {
        return Status::Usage(flag + " must be " +
                             (d.max == INT64_MAX ? "at least " + std::to_string(d.min)
                                                 : "from " + std::to_string(d.min) + " to " + std::to_string(d.max)) +
                             ", not " + v);
      }
      return Status::OK();
    }
    case ParamKind::kNumber: {
      double x = 0;
      if (!ParseDouble(v, &x)) return Status::Usage(flag + " must be a number, not '" + v + "'");
      return Status::OK();
    }
    case ParamKind::kDuration: {
      auto ms = ParseDurationMs(v);
      if (!ms.ok()) return Status::Usage(flag + ": " + ms.status().message());
      return Status::OK();
    }
    case ParamKind::kFlag:
      if (!ParseFlag(v)) return Status::Usage(flag + " is on or off (true or false), not '" + v + "'");
      return Status::OK();
    case ParamKind::kName:
      if (!ValidName(v)) return Status::Usage(flag + ": '" + v + "' must be 1-64 of a-z, 0-9 and _");
      return Status::OK();
    default:
      if (v.empty() && d.kind != ParamKind::kText) return Status::Usage(flag + " is empty");
      return Status::OK();
  }
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= text.size()) {
    const size_t comma = std::min(text.find(',', begin), text.size());
    std::string_view item = text.substr(begin, comma - begin);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    begin = comma + 1;
  }
  return out;
}

}  // namespace

std::string_view ParamKindName(ParamKind kind) {
  switch (kind) {
    case ParamKind::kDate: return "date";
    case ParamKind::kDuration: return "duration";
    case ParamKind::kEvent: return "event";
    case ParamKind::kEventList: return "event list";
    case ParamKind::kColumnList: return "column list";
    case ParamKind::kExpression: return "expression";
    case ParamKind::kEnum: return "enum";
    case ParamKind::kInteger: return "integer";
    case ParamKind::kNumber: return "number";
    case ParamKind::kText: return "text";
    case ParamKind::kFlag: return "flag";
    case ParamKind::kPath: return "path";
    case ParamKind::kName: return "name";
  }
  return "text";
}

std::string FlagName(std::string_view name) { return "--" + std::string(name); }

const std::vector<std::string>* ParamValues::Get(std::string_view name) const {
  auto it = values_.find(std::string(name));
  return it == values_.end() ? nullptr : &it->second;
}

Result<ParamReader> ParamReader::Make(const std::vector<const ParamDef*>& defs, const ParamValues& values, bool http) {
  ParamReader r;
  r.defs_ = defs;
  r.values_ = values;
  std::vector<std::string> known;
  for (const ParamDef* d : defs) {
    if (!(http && d->cli_only)) known.push_back(FlagName(d->name));
  }
  for (const auto& [name, given] : values.all()) {
    const ParamDef* d = r.Def(name);
    if (d == nullptr || (http && d->cli_only)) {
      return Status::Usage("unknown parameter " + FlagName(name) + DidYouMean(FlagName(name), known));
    }
    if (given.size() > 1 && !d->repeatable) {
      return Status::Usage(FlagName(name) + " given " + std::to_string(given.size()) + " times; it takes one value");
    }
    for (const std::string& v : given) TP_RETURN_IF_ERROR(CheckValue(*d, v));
  }
  for (const ParamDef* d : defs) {
    if (d->required && !values.Has(d->name) && !(http && d->cli_only)) {
      return Status::Usage(FlagName(d->name) + " is required (e.g. " + FlagName(d->name) + " " + d->example + ")");
    }
  }
  return r;
}

const ParamDef* ParamReader::Def(std::string_view name) const {
  for (const ParamDef* d : defs_) {
    if (d->name == name) return d;
  }
  return nullptr;
}

std::string ParamReader::Text(std::string_view name) const {
  if (const auto* v = values_.Get(name)) return v->back();
  const ParamDef* d = Def(name);
  return d == nullptr ? "" : d->default_value;
}

std::optional<std::string> ParamReader::Optional(std::string_view name) const {
  if (const auto* v = values_.Get(name)) return v->back();
  return std::nullopt;
}

std::vector<std::string> ParamReader::List(std::string_view name) const {
  std::vector<std::string> out;
  if (const auto* v = values_.Get(name)) {
    for (const std::string& item : *v) {
      for (std::string& x : SplitList(item)) out.push_back(std::move(x));
    }
    return out;
  }
  return SplitList(Text(name));
}

std::vector<std::string> ParamReader::All(std::string_view name) const {
  if (const auto* v = values_.Get(name)) return *v;
  return {};
}

Result<int64_t> ParamReader::Duration(std::string_view name) const {
  auto ms = ParseDurationMs(Text(name));
  if (!ms.ok()) return Status::Usage(FlagName(name) + ": " + ms.status().message());
  return *ms;
}

std::optional<int64_t> ParamReader::Integer(std::string_view name) const {
  const std::string v = Text(name);
  int64_t n = 0;
  if (!ParseInt(v, &n)) return std::nullopt;
  return n;
}

std::optional<double> ParamReader::Number(std::string_view name) const {
  const std::string v = Text(name);
  double x = 0;
  if (!ParseDouble(v, &x)) return std::nullopt;
  return x;
}

bool ParamReader::Flag(std::string_view name) const {
  if (const auto* v = values_.Get(name)) return ParseFlag(v->back()).value_or(false);
  const std::string def = Text(name);
  return !def.empty() && ParseFlag(def).value_or(false);
}

}  // namespace touchpoint::engine
