#include "report/funnel_format.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "report/csv_field.h"
#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

void WriteSteps(const std::vector<kernels::FunnelStepResult>& steps, JsonWriter* w) {
  w->BeginArray();
  for (const auto& s : steps) {
    w->BeginObject();
    w->Key("step").String(s.step);
    w->Key("count").Int(static_cast<int64_t>(s.count));
    w->Key("customers").Int(static_cast<int64_t>(s.customers));
    w->Key("dropped").Int(static_cast<int64_t>(s.dropped));
    w->Key("conversion_from_previous").Number(s.conversion_from_previous);
    w->Key("conversion_from_previous_ci95").BeginArray().Number(s.ci_from_previous.low).Number(s.ci_from_previous.high).EndArray();
    w->Key("conversion_from_first").Number(s.conversion_from_first);
    w->Key("conversion_from_first_ci95").BeginArray().Number(s.ci_from_first.low).Number(s.ci_from_first.high).EndArray();
    w->Key("median_time_to_convert_s").Number(s.median_time_to_convert_s);
    w->Key("p90_time_to_convert_s").Number(s.p90_time_to_convert_s);
    w->Key("median_time_from_first_s").Number(s.median_time_from_first_s);
    w->EndObject();
  }
  w->EndArray();
}

std::string Num(double v, const char* fmt) {
  if (!std::isfinite(v)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof(buf), fmt, v);
  return buf;
}

void TableSteps(const std::vector<kernels::FunnelStepResult>& steps, const char* unit, std::string* out) {
  char line[512];
  std::snprintf(line, sizeof(line), "%-32s %10s %9s %10s %9s %12s %12s\n", "step", unit, "dropped",
                "from prev", "from 1st", "median s", "p90 s");
  *out += line;
  for (const auto& s : steps) {
    std::snprintf(line, sizeof(line), "%-32s %10llu %9llu %10s %9s %12s %12s\n", s.step.c_str(),
                  static_cast<unsigned long long>(s.count), static_cast<unsigned long long>(s.dropped),
                  (Num(s.conversion_from_previous, "%.2f") + "%").c_str(), (Num(s.conversion_from_first, "%.2f") + "%").c_str(),
                  Num(s.median_time_to_convert_s, "%.0f").c_str(), Num(s.p90_time_to_convert_s, "%.0f").c_str());
    *out += line;
  }
}

}  // namespace

std::string FunnelJson(const kernels::FunnelReport& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key("range").BeginObject().Key("from").String(FormatTimestamp(r.from_ms)).Key("to").String(FormatTimestamp(r.to_ms)).EndObject();
  w.Key("mode").String(r.mode);
  w.Key("count").String(r.count);
  w.Key("window_s").Number(static_cast<double>(r.window_ms) / 1000.0);
  w.Key("exclusions").BeginArray();
  for (const std::string& x : r.exclusions) w.String(x);
  w.EndArray();
  w.Key("excluded").Int(static_cast<int64_t>(r.excluded));
  w.Key("steps");
  WriteSteps(r.steps, &w);
  if (!r.by.empty()) {
    w.Key("by").String(r.by);
    w.Key("attribution").String(r.attribution);
    w.Key("groups").BeginArray();
    for (const auto& g : r.groups) {
      w.BeginObject().Key("key").String(g.key).Key("excluded").Int(static_cast<int64_t>(g.excluded)).Key("steps");
      WriteSteps(g.steps, &w);
      w.EndObject();
    }
    w.EndArray();
  }
  w.Key("scanned_events").Int(static_cast<int64_t>(r.scanned_events));
  w.EndObject();
  return w.str();
}

std::string FunnelTable(const kernels::FunnelReport& r) {
  const char* unit = r.count == "sessions" ? "sessions" : r.count == "totals" ? "attempts" : "customers";
  std::string out = "funnel (" + r.mode + ", " + r.count + ", window " +
                    Num(static_cast<double>(r.window_ms) / 1000.0, "%.0f") + " s) " + FormatTimestamp(r.from_ms) +
                    " .. " + FormatTimestamp(r.to_ms) + "\n";
  for (const std::string& x : r.exclusions) out += "excluding " + x + "\n";
  if (!r.exclusions.empty()) out += std::to_string(r.excluded) + " " + unit + " excluded\n";
  out += "\n";
  TableSteps(r.steps, unit, &out);
  for (const auto& g : r.groups) {
    out += "\n== " + r.by + " (" + r.attribution + " touch) = " + (g.key.empty() ? "(none)" : g.key) + "\n";
    TableSteps(g.steps, unit, &out);
  }
  char tail[96];
  std::snprintf(tail, sizeof(tail), "\n%llu events scanned in %.3f s\n", static_cast<unsigned long long>(r.scanned_events),
                r.seconds);
  return out + tail;
}

std::string FunnelDroppedCsv(const kernels::FunnelReport& r) {
  std::string out = "customer_id,entered_at,last_step_at\n";
  for (const auto& d : r.dropped) {
    out += CsvField(d.customer_id) + "," + FormatTimestamp(d.entered_ms) + "," + FormatTimestamp(d.last_step_ms) + "\n";
  }
  return out;
}

}  // namespace touchpoint::report
