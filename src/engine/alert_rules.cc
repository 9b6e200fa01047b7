#include "engine/alert_rules.h"

#include <cmath>
#include <cstdio>
#include <set>

#include <toml++/toml.h>

#include "util/file.h"
#include "util/suggest.h"

namespace touchpoint::engine {
namespace {

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.4g", v);
  return buf;
}

void Check(const AlertRule& rule, const std::string& group, const kernels::MetricSet& set,
           std::vector<AlertFiring>* out) {
  const kernels::MetricValue* m = set.Find(rule.measure);
  if (m == nullptr || std::isnan(m->value)) return;
  const std::string who = group.empty() ? "" : " [" + rule.by + " = " + group + "]";
  const std::string sample = m->kind == kernels::ValueKind::kCount ? "" : " (n=" + Fmt(m->denominator) + ")";
  if (rule.above && m->value > *rule.above) {
    out->push_back({rule.name, group, rule.measure + who + " = " + Fmt(m->value) + " > " + Fmt(*rule.above) + sample});
  }
  if (rule.below && m->value < *rule.below) {
    out->push_back({rule.name, group, rule.measure + who + " = " + Fmt(m->value) + " < " + Fmt(*rule.below) + sample});
  }
  if (rule.significant_change && m->compare && m->compare->significant) {
    const double change = m->compare->change;
    if (rule.direction == "any" || (rule.direction == "up" && change > 0) || (rule.direction == "down" && change < 0)) {
      out->push_back({rule.name, group,
                      rule.measure + who + " moved from " + Fmt(m->compare->value) + " to " + Fmt(m->value) +
                          " (p=" + Fmt(m->compare->p_value) + ")"});
    }
  }
}

}  // namespace

Result<std::vector<AlertRule>> LoadAlertRules(const std::string& path) {
  TP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  toml::table root;
  try {  // toml++ reports parse errors as exceptions: caught here, at the call
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(path + ":" + std::to_string(e.source().begin.line) + ": " +
                                   std::string(e.description()));
  }
  std::vector<AlertRule> rules;
  const toml::array* list = root["rule"].as_array();
  if (list == nullptr) return Status::InvalidArgument(path + ": no [[rule]] tables");
  static const std::set<std::string_view> kKeys = {"name",      "measure", "above", "below", "significant_change",
                                                   "direction", "last_days", "by",  "where"};
  for (const toml::node& node : *list) {
    const toml::table* t = node.as_table();
    const std::string where = path + ":" + std::to_string(node.source().begin.line);
    if (t == nullptr) return Status::InvalidArgument(where + ": a rule must be a table");
    for (const auto& [key, value] : *t) {
      if (kKeys.count(key.str()) == 0) {
        return Status::InvalidArgument(where + ": unknown key '" + std::string(key.str()) + "' in [[rule]]");
      }
    }
    AlertRule r;
    r.measure = (*t)["measure"].value_or(std::string());
    if (r.measure.empty()) return Status::InvalidArgument(where + ": a rule needs a measure");
    r.name = (*t)["name"].value_or(r.measure);
    if (auto v = (*t)["above"].value<double>()) r.above = *v;
    if (auto v = (*t)["below"].value<double>()) r.below = *v;
    r.significant_change = (*t)["significant_change"].value_or(false);
    r.direction = (*t)["direction"].value_or(std::string("any"));
    if (r.direction != "any" && r.direction != "up" && r.direction != "down") {
      return Status::InvalidArgument(where + ": direction must be up, down or any");
    }
    r.last_days = static_cast<int>((*t)["last_days"].value_or(int64_t{30}));
    if (r.last_days <= 0) return Status::InvalidArgument(where + ": last_days must be positive");
    r.by = (*t)["by"].value_or(std::string());
    r.where = (*t)["where"].value_or(std::string());
    if (!r.above && !r.below && !r.significant_change) {
      return Status::InvalidArgument(where + ": a rule needs above, below or significant_change");
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

Result<std::vector<AlertFiring>> CheckAlerts(std::shared_ptr<const store::Snapshot> snapshot,
                                             const std::vector<AlertRule>& rules, const MetricsRequest& base) {
  std::vector<AlertFiring> fired;
  if (snapshot->rows() == 0) return fired;
  const int64_t data_end = snapshot->TimeRange().second;
  for (const AlertRule& rule : rules) {
    MetricsRequest req = base;
    req.to_ms = data_end;
    req.from_ms = *req.to_ms - int64_t{rule.last_days} * 86400 * 1000;
    req.by.clear();
    if (!rule.by.empty()) req.by = {rule.by};
    req.where.clear();
    if (!rule.where.empty()) req.where = {rule.where};
    req.interval = kernels::Interval::kNone;
    if (rule.significant_change) req.compare = "previous";
    TP_ASSIGN_OR_RETURN(kernels::MetricsReport report, RunMetrics(snapshot, req));
    if (report.metrics.Find(rule.measure) == nullptr) {
      std::vector<std::string> measures;
      for (const auto& v : report.metrics.values) measures.push_back(v.name);
      return Status::Usage("rule '" + rule.name + "': unknown measure '" + rule.measure + "'" +
                           DidYouMean(rule.measure, measures));
    }
    Check(rule, "", report.metrics, &fired);
    for (const auto& g : report.groups) Check(rule, g.key, g.metrics, &fired);
  }
  return fired;
}

}  // namespace touchpoint::engine
