#include "report/lifecycle_format.h"

#include <cmath>
#include <cstdio>

#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

using kernels::kLifecycleStages;
using kernels::LifecycleStage;

std::string_view StageName(size_t s) { return kernels::LifecycleStageName(static_cast<LifecycleStage>(s)); }

void WriteMatrix(const kernels::StageMatrix& m, JsonWriter* w) {
  w->BeginObject();
  for (size_t from = 0; from < kLifecycleStages; ++from) {
    w->Key(StageName(from)).BeginObject();
    for (size_t to = 0; to < kLifecycleStages; ++to) {
      w->Key(StageName(to)).Int(static_cast<int64_t>(m[from * kLifecycleStages + to]));
    }
    w->EndObject();
  }
  w->EndObject();
}

void WriteGroup(const kernels::LifecycleGroup& g, JsonWriter* w) {
  w->Key("periods").BeginArray();
  for (const auto& p : g.periods) {
    w->BeginObject();
    w->Key("period").String(p.period);
    w->Key("complete").Bool(p.complete);
    w->Key("customers").Int(static_cast<int64_t>(p.customers));
    w->Key("counts").BeginObject();
    for (size_t s = 0; s < kLifecycleStages; ++s) w->Key(StageName(s)).Int(static_cast<int64_t>(p.counts[s]));
    w->EndObject();
    w->Key("percent").BeginObject();
    for (size_t s = 0; s < kLifecycleStages; ++s) w->Key(StageName(s)).Number(p.percent[s]);
    w->EndObject();
    w->Key("active").Int(static_cast<int64_t>(p.active));
    w->Key("activation").BeginObject();
    w->Key("signups").Int(static_cast<int64_t>(p.signups));
    w->Key("activated").Int(static_cast<int64_t>(p.activated));
    w->Key("rate").Number(p.activation_rate);
    w->Key("ci95").BeginArray().Number(p.activation_ci.low).Number(p.activation_ci.high).EndArray();
    w->EndObject();
    w->Key("dau").Number(p.dau);
    w->Key("mau").Number(p.mau);
    w->Key("stickiness").Number(p.stickiness);
    w->EndObject();
  }
  w->EndArray();
  w->Key("movements").BeginArray();
  for (const auto& m : g.movements) {
    w->BeginObject().Key("from").String(m.from).Key("to").String(m.to).Key("matrix");
    WriteMatrix(m.matrix, w);
    w->EndObject();
  }
  w->EndArray();
  w->Key("movements_total");
  WriteMatrix(g.movements_total, w);
}

std::string Num(double v, const char* fmt) {
  if (!std::isfinite(v)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof(buf), fmt, v);
  return buf;
}

void TableMatrix(const std::string& title, const kernels::StageMatrix& m, std::string* out) {
  char cell[64];
  *out += title + " (rows: from, columns: to)\n";
  std::snprintf(cell, sizeof(cell), "%-12s", "");
  *out += cell;
  for (size_t to = 0; to < kLifecycleStages; ++to) {
    std::snprintf(cell, sizeof(cell), " %11s", std::string(StageName(to)).c_str());
    *out += cell;
  }
  *out += "\n";
  for (size_t from = 0; from < kLifecycleStages; ++from) {
    std::snprintf(cell, sizeof(cell), "%-12s", std::string(StageName(from)).c_str());
    *out += cell;
    for (size_t to = 0; to < kLifecycleStages; ++to) {
      std::snprintf(cell, sizeof(cell), " %11llu", static_cast<unsigned long long>(m[from * kLifecycleStages + to]));
      *out += cell;
    }
    *out += "\n";
  }
}

void TableGroup(const kernels::LifecycleGroup& g, std::string* out) {
  char cell[64];
  std::snprintf(cell, sizeof(cell), "%-11s %10s", "period", "customers");
  *out += cell;
  for (size_t s = 0; s < kLifecycleStages; ++s) {
    std::snprintf(cell, sizeof(cell), " %15s", std::string(StageName(s)).c_str());
    *out += cell;
  }
  std::snprintf(cell, sizeof(cell), " %9s %8s %11s %10s\n", "active", "signups", "activation", "stickiness");
  *out += cell;
  for (const auto& p : g.periods) {
    std::snprintf(cell, sizeof(cell), "%-11s %10llu", (p.period + (p.complete ? "" : "*")).c_str(),
                  static_cast<unsigned long long>(p.customers));
    *out += cell;
    for (size_t s = 0; s < kLifecycleStages; ++s) {
      const std::string v = std::to_string(p.counts[s]) + " (" + Num(p.percent[s], "%.1f") + "%)";
      std::snprintf(cell, sizeof(cell), " %15s", v.c_str());
      *out += cell;
    }
    std::snprintf(cell, sizeof(cell), " %9llu %8llu %11s %10s\n", static_cast<unsigned long long>(p.active),
                  static_cast<unsigned long long>(p.signups), (Num(p.activation_rate, "%.1f") + "%").c_str(),
                  (Num(p.stickiness, "%.1f") + "%").c_str());
    *out += cell;
  }
  *out += "\n";
  TableMatrix("movements, all periods", g.movements_total, out);
  if (!g.movements.empty()) {
    const auto& last = g.movements.back();
    *out += "\n";
    TableMatrix("movements " + last.from + " -> " + last.to, last.matrix, out);
  }
}

}  // namespace

std::string LifecycleJson(const kernels::LifecycleReport& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key("range").BeginObject();
  w.Key("from").String(FormatTimestamp(r.from_ms)).Key("to").String(FormatTimestamp(r.to_ms)).Key("tz").String(r.tz);
  w.EndObject();
  w.Key("period").String(r.period);
  w.Key("churn_after").Int(r.churn_after);
  w.Key("activation").BeginObject();
  w.Key("event").String(r.activation_event);
  w.Key("window_days").Number(static_cast<double>(r.activation_window_ms) / static_cast<double>(kMillisPerDay));
  w.EndObject();
  w.Key("stages").BeginArray();
  for (size_t s = 0; s < kLifecycleStages; ++s) w.String(StageName(s));
  w.EndArray();
  WriteGroup(r.all, &w);
  if (!r.by.empty()) {
    w.Key("by").String(r.by);
    w.Key("groups").BeginArray();
    for (const auto& g : r.groups) {
      w.BeginObject().Key("key").String(g.key);
      WriteGroup(g, &w);
      w.EndObject();
    }
    w.EndArray();
  }
  w.Key("scanned_events").Int(static_cast<int64_t>(r.scanned_events));
  w.EndObject();
  return w.str();
}

std::string LifecycleTable(const kernels::LifecycleReport& r) {
  std::string out = "lifecycle by " + r.period + " (" + r.tz + ") " + FormatTimestamp(r.from_ms) + " .. " +
                    FormatTimestamp(r.to_ms) + "; lost after " + std::to_string(r.churn_after) +
                    " inactive periods; activation: '" + r.activation_event + "' within " +
                    Num(static_cast<double>(r.activation_window_ms) / static_cast<double>(kMillisPerDay), "%g") +
                    " days\n\n";
  TableGroup(r.all, &out);
  for (const auto& g : r.groups) {
    out += "\n== " + r.by + " = " + (g.key.empty() ? "(none)" : g.key) + "\n";
    TableGroup(g, &out);
  }
  char tail[128];
  std::snprintf(tail, sizeof(tail), "\n* period cut short by --to\n%llu events scanned in %.3f s\n",
                static_cast<unsigned long long>(r.scanned_events), r.seconds);
  return out + tail;
}

}  // namespace touchpoint::report
