#include "report/retention_format.h"

#include <cmath>
#include <cstdio>

#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

void WriteMatrix(const kernels::RetentionMatrix& m, JsonWriter* w) {
  w->Key("cohorts").BeginArray();
  for (const auto& c : m.cohorts) {
    w->BeginObject();
    w->Key("cohort").String(c.cohort);
    w->Key("size").Int(static_cast<int64_t>(c.size));
    w->Key("retained").BeginArray();
    for (uint64_t r : c.retained) w->Int(static_cast<int64_t>(r));
    w->EndArray();
    w->Key("percent").BeginArray();
    for (double p : c.percent) w->Number(p);
    w->EndArray();
    w->Key("revenue").BeginArray();
    for (double r : c.revenue) w->Number(r);
    w->EndArray();
    w->Key("complete_periods").Int(static_cast<int64_t>(c.complete_periods));
    w->EndObject();
  }
  w->EndArray();
  w->Key("average").BeginArray();
  for (double a : m.average) w->Number(a);
  w->EndArray();
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
    out += "average              ";
    for (size_t k = 1; k < m.average.size() && k <= 12; ++k) {
      std::snprintf(cell, sizeof(cell), "%6.1f", m.average[k]);
      out += std::isfinite(m.average[k]) ? cell : "     -";
    }
    out += "\n(* = period cut off by the end of the data)\n";
  };
  matrix(r.all);
  for (const auto& g : r.groups) {
    out += "\n== " + g.key + "\n";
    matrix(g);
  }
  return out;
}

}  // namespace touchpoint::report
