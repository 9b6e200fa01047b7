#include "report/paths_format.h"

#include <cmath>
#include <cstdio>

#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

void Interval(const char* key, const kernels::ConfidenceInterval& ci, JsonWriter* w) {
  w->Key(key).BeginArray().Number(ci.low).Number(ci.high).EndArray();
}

void WritePaths(const std::vector<kernels::PathResult>& paths, JsonWriter* w) {
  w->BeginArray();
  for (const auto& p : paths) {
    w->BeginObject();
    w->Key("path").BeginArray();
    for (const auto& step : p.path) w->String(step);
    w->EndArray();
    w->Key("paths").Int(static_cast<int64_t>(p.paths));
    w->Key("ended").Int(static_cast<int64_t>(p.ended));
    w->Key("customers").Int(static_cast<int64_t>(p.customers));
    w->Key("share_of_customers").Number(p.share_of_customers);
    w->Key("converted").Int(static_cast<int64_t>(p.converted));
    w->Key("conversion_after").Number(p.conversion_after);
    Interval("conversion_after_ci95", p.conversion_ci, w);
    w->EndObject();
  }
  w->EndArray();
}

void WriteTouchpoint(const kernels::TouchpointResult& t, JsonWriter* w) {
  w->BeginObject();
  w->Key("touchpoint").String(t.touchpoint);
  w->Key("events").Int(static_cast<int64_t>(t.events));
  w->Key("customers").Int(static_cast<int64_t>(t.customers));
  w->Key("journeys").Int(static_cast<int64_t>(t.journeys));
  w->Key("entries").Int(static_cast<int64_t>(t.entries));
  w->Key("exits").Int(static_cast<int64_t>(t.exits));
  w->Key("exit_rate").Number(t.exit_rate);
  w->Key("converted_after").Int(static_cast<int64_t>(t.converted_after));
  w->Key("conversion_after").Number(t.conversion_after);
  Interval("conversion_after_ci95", t.conversion_ci, w);
  w->Key("csat").Number(t.csat);
  Interval("csat_ci95", t.csat_ci, w);
  w->Key("csat_answers").Int(static_cast<int64_t>(t.csat_answers));
  w->Key("ces").Number(t.ces);
  Interval("ces_ci95", t.ces_ci, w);
  w->Key("ces_answers").Int(static_cast<int64_t>(t.ces_answers));
  w->EndObject();
}

std::string Num(double v, const char* fmt) {
  if (!std::isfinite(v)) return "-";
  char buf[48];
  std::snprintf(buf, sizeof(buf), fmt, v);
  return buf;
}

std::string Pct(double v) { return std::isfinite(v) ? Num(v, "%.2f") + "%" : "-"; }

std::string Joined(const std::vector<std::string>& path) {
  std::string s;
  for (const auto& step : path) s += (s.empty() ? "" : " > ") + step;
  return s;
}

unsigned long long U(uint64_t v) { return static_cast<unsigned long long>(v); }

void TablePaths(const std::vector<kernels::PathResult>& paths, std::string* out) {
  char line[128];
  std::snprintf(line, sizeof(line), "%4s %10s %8s %9s %10s  %s\n", "#", "customers", "share", "paths", "conv after",
                "path");
  *out += line;
  for (size_t i = 0; i < paths.size(); ++i) {
    const auto& p = paths[i];
    std::snprintf(line, sizeof(line), "%4zu %10llu %8s %9llu %10s  ", i + 1, U(p.customers),
                  Pct(p.share_of_customers).c_str(), U(p.paths), Pct(p.conversion_after).c_str());
    *out += line + Joined(p.path) + (p.ended == p.paths ? " > (exit)\n" : "\n");
  }
}

}  // namespace

std::string PathsJson(const kernels::PathsReport& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key("range").BeginObject().Key("from").String(FormatTimestamp(r.from_ms)).Key("to").String(FormatTimestamp(r.to_ms)).EndObject();
  w.Key("touchpoint").String(r.touchpoint);
  w.Key("scope").String(r.scope);
  w.Key("collapse").Bool(r.collapse);
  w.Key("depth").Int(r.depth);
  w.Key("start");
  r.start.empty() ? w.Null() : w.String(r.start);
  w.Key("end");
  r.end.empty() ? w.Null() : w.String(r.end);
  w.Key("conversion").BeginArray();
  for (const auto& e : r.conversion) w.String(e);
  w.EndArray();
  w.Key("session_timeout_s").Number(static_cast<double>(r.session_timeout_ms) / 1000.0);
  w.Key("customers").Int(static_cast<int64_t>(r.customers));
  w.Key("journeys").Int(static_cast<int64_t>(r.journeys));
  w.Key("customers_with_path").Int(static_cast<int64_t>(r.customers_with_path));
  w.Key("paths_counted").Int(static_cast<int64_t>(r.paths_counted));
  w.Key("top_paths");
  WritePaths(r.top_paths, &w);
  w.Key("transitions").BeginArray();
  for (const auto& t : r.transitions) {
    w.BeginObject().Key("from").String(t.from).Key("to").String(t.to);
    w.Key("count").Int(static_cast<int64_t>(t.count)).Key("share").Number(t.share);
    w.Key("mean_time_s").Number(t.mean_time_s).EndObject();
  }
  w.EndArray();
  w.Key("touchpoints").BeginArray();
  for (const auto& t : r.touchpoints) WriteTouchpoint(t, &w);
  w.EndArray();
  w.Key("exits").BeginArray();
  for (const auto& t : r.exits) {
    w.BeginObject().Key("touchpoint").String(t.touchpoint).Key("exits").Int(static_cast<int64_t>(t.exits));
    w.Key("journeys").Int(static_cast<int64_t>(t.journeys)).Key("exit_rate").Number(t.exit_rate).EndObject();
  }
  w.EndArray();
  w.Key("sankey").BeginObject().Key("nodes").BeginArray();
  for (const auto& n : r.sankey_nodes) w.BeginObject().Key("name").String(n).EndObject();
  w.EndArray().Key("links").BeginArray();
  for (const auto& l : r.sankey_links) {
    w.BeginObject().Key("source").Int(static_cast<int64_t>(l.source)).Key("target").Int(static_cast<int64_t>(l.target));
    w.Key("value").Int(static_cast<int64_t>(l.value)).EndObject();
  }
  w.EndArray().EndObject();
  w.Key("funnel_chart").BeginArray();
  for (const auto& s : r.funnel_chart) {
    w.BeginObject().Key("step").String(s.step).Key("customers").Int(static_cast<int64_t>(s.customers)).EndObject();
  }
  w.EndArray();
  if (!r.by.empty()) {
    w.Key("by").String(r.by);
    w.Key("groups").BeginArray();
    for (const auto& g : r.groups) {
      w.BeginObject().Key("key").String(g.key).Key("customers_with_path").Int(static_cast<int64_t>(g.customers));
      w.Key("paths_counted").Int(static_cast<int64_t>(g.paths_counted)).Key("top_paths");
      WritePaths(g.top_paths, &w);
      w.EndObject();
    }
    w.EndArray();
  }
  w.Key("scanned_events").Int(static_cast<int64_t>(r.scanned_events));
  w.EndObject();
  return w.str();
}

std::string PathsTable(const kernels::PathsReport& r) {
  char line[1024];
  std::string out = "paths (touchpoint " + r.touchpoint + ", scope " + r.scope + ", depth " + std::to_string(r.depth) +
                    ", collapse " + (r.collapse ? "on" : "off");
  if (!r.start.empty()) out += ", start " + r.start;
  if (!r.end.empty()) out += ", end " + r.end;
  out += ") " + FormatTimestamp(r.from_ms) + " .. " + FormatTimestamp(r.to_ms) + "\n";
  std::snprintf(line, sizeof(line), "%llu customers, %llu journeys; %llu customers with a path (%llu paths)\n\n",
                U(r.customers), U(r.journeys), U(r.customers_with_path), U(r.paths_counted));
  out += line;
  out += "== top paths (conversion after the path)\n";
  TablePaths(r.top_paths, &out);
  out += "\n== transitions (where customers go next; entries in the JSON)\n";
  std::snprintf(line, sizeof(line), "%-32s %-32s %10s %8s %12s\n", "from", "to", "count", "share", "mean time s");
  out += line;
  size_t shown = 0;
  for (const auto& t : r.transitions) {
    if (t.from == kernels::kStartLabel) continue;  // entries: the JSON has them
    if (shown++ == r.top) break;
    std::snprintf(line, sizeof(line), "%-32s %-32s %10llu %8s %12s\n", t.from.c_str(), t.to.c_str(), U(t.count),
                  Pct(t.share).c_str(), Num(t.mean_time_s, "%.1f").c_str());
    out += line;
  }
  out += "\n== touchpoints\n";
  std::snprintf(line, sizeof(line), "%-32s %10s %10s %10s %8s %8s %8s %8s %8s %8s\n", "touchpoint", "events",
                "customers", "conv after", "csat", "(n)", "ces", "(n)", "exits", "exit rate");
  out += line;
  for (size_t i = 0; i < r.touchpoints.size() && i < r.top; ++i) {
    const auto& t = r.touchpoints[i];
    std::snprintf(line, sizeof(line), "%-32s %10llu %10llu %10s %8s %8llu %8s %8llu %8llu %8s\n", t.touchpoint.c_str(),
                  U(t.events), U(t.customers), Pct(t.conversion_after).c_str(), Pct(t.csat).c_str(), U(t.csat_answers),
                  Num(t.ces, "%.2f").c_str(), U(t.ces_answers), U(t.exits), Pct(t.exit_rate).c_str());
    out += line;
  }
  out += "\n== exits (where journeys end)\n";
  std::snprintf(line, sizeof(line), "%-32s %10s %10s %10s\n", "touchpoint", "exits", "journeys", "exit rate");
  out += line;
  for (size_t i = 0; i < r.exits.size() && i < r.top; ++i) {
    const auto& t = r.exits[i];
    std::snprintf(line, sizeof(line), "%-32s %10llu %10llu %10s\n", t.touchpoint.c_str(), U(t.exits), U(t.journeys),
                  Pct(t.exit_rate).c_str());
    out += line;
  }
  if (!r.funnel_chart.empty()) {
    out += "\n== funnel of the most frequent path (customers whose path starts so)\n";
    for (const auto& s : r.funnel_chart) {
      std::snprintf(line, sizeof(line), "%-32s %10llu\n", s.step.c_str(), U(s.customers));
      out += line;
    }
  }
  for (const auto& g : r.groups) {
    std::snprintf(line, sizeof(line), "\n== %s = %s (%llu customers with a path)\n", r.by.c_str(),
                  g.key.empty() ? "(none)" : g.key.c_str(), U(g.customers));
    out += line;
    TablePaths(g.top_paths, &out);
  }
  std::snprintf(line, sizeof(line), "\n%llu events scanned in %.3f s\n", U(r.scanned_events), r.seconds);
  return out + line;
}

}  // namespace touchpoint::report
