#include "report/retention_format.h"

#include <cmath>
#include <cstdio>

#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

void Numbers(std::string_view key, const std::vector<double>& v, JsonWriter* w) {
  w->Key(key).BeginArray();
  for (double x : v) w->Number(x);
  w->EndArray();
}

void Counts(std::string_view key, const std::vector<uint64_t>& v, JsonWriter* w) {
  w->Key(key).BeginArray();
  for (uint64_t x : v) w->Int(static_cast<int64_t>(x));
  w->EndArray();
}

void Intervals(std::string_view key, const std::vector<kernels::ConfidenceInterval>& v, JsonWriter* w) {
  w->Key(key).BeginArray();
  for (const auto& ci : v) w->BeginArray().Number(ci.low).Number(ci.high).EndArray();
  w->EndArray();
}

void WriteMatrix(const kernels::RetentionMatrix& m, JsonWriter* w) {
  w->Key("cohorts").BeginArray();
  for (const auto& c : m.cohorts) {
    w->BeginObject();
    w->Key("cohort").String(c.cohort);
    w->Key("size").Int(static_cast<int64_t>(c.size));
    Counts("retained", c.retained, w);
    Numbers("percent", c.percent, w);
    Intervals("percent_ci95", c.percent_ci, w);
    Numbers("churn", c.churn, w);
    Numbers("revenue", c.revenue, w);
    Numbers("net_revenue_retention", c.net_revenue_retention, w);
    Numbers("gross_revenue_retention", c.gross_revenue_retention, w);
    if (m.has_subscriptions) {
      Counts("subscribed", c.subscribed, w);
      Numbers("contractual_churn", c.contractual_churn, w);
    }
    w->Key("complete_periods").Int(static_cast<int64_t>(c.complete_periods));
    w->EndObject();
  }
  w->EndArray();
  Numbers("average", m.average, w);
  Intervals("average_ci95", m.average_ci, w);
  Counts("average_n", m.average_n, w);
  Numbers("average_churn", m.average_churn, w);
  if (m.has_subscriptions) Numbers("average_contractual_churn", m.average_contractual_churn, w);
}

}  // namespace

std::string RetentionJson(const kernels::RetentionReport& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key("range").BeginObject().Key("from").String(FormatTimestamp(r.from_ms)).Key("to").String(FormatTimestamp(r.to_ms));
  w.Key("tz").String(r.tz).EndObject();
  w.Key("period").String(r.period);
  w.Key("cohort").String(r.cohort);
  w.Key("return").String(r.return_event);
  w.Key("unbounded").Bool(r.unbounded);
  WriteMatrix(r.all, &w);
  if (!r.groups.empty()) {
    w.Key("groups").BeginArray();
    for (const auto& g : r.groups) {
      w.BeginObject().Key("key").String(g.key);
      WriteMatrix(g, &w);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return w.str() + "\n";
}

std::string RetentionTable(const kernels::RetentionReport& r) {
  std::string out = "retention by " + r.period + " (cohort " + r.cohort + ", return " + r.return_event +
                    (r.unbounded ? ", unbounded" : "") + ", " + r.tz + ")\n\n";
  auto matrix = [&](const kernels::RetentionMatrix& m) {
    char cell[64];
    for (const auto& c : m.cohorts) {
      std::snprintf(cell, sizeof(cell), "%-12s %8llu ", c.cohort.c_str(), static_cast<unsigned long long>(c.size));
      out += cell;
      for (size_t k = 1; k < c.percent.size() && k <= 12; ++k) {
        std::snprintf(cell, sizeof(cell), k < c.complete_periods ? "%6.1f" : "%5.1f*", c.percent[k]);
        out += cell;
      }
      out += "\n";
    }
    auto curve = [&](const char* label, const std::vector<double>& v) {
      std::snprintf(cell, sizeof(cell), "%-21s", label);
      out += cell;
      for (size_t k = 1; k < v.size() && k <= 12; ++k) {
        std::snprintf(cell, sizeof(cell), "%6.1f", v[k]);
        out += std::isfinite(v[k]) ? cell : "     -";
      }
      out += "\n";
    };
    curve("average", m.average);
    curve("churn", m.average_churn);
    if (m.has_subscriptions) curve("contractual churn", m.average_contractual_churn);
    out += "(* = period cut off by the end of the data; churn: retained in k-1, not in k)\n";
  };
  matrix(r.all);
  for (const auto& g : r.groups) {
    out += "\n== " + g.key + "\n";
    matrix(g);
  }
  return out;
}

}  // namespace touchpoint::report
