#include "report/paths_format.h"

#include "report/csv_table.h"
#include "report/format.h"
#include "report/text_table.h"

namespace touchpoint::report {
namespace {

using Report = kernels::PathsReport;
using Align = TextTable::Align;

void Ci95(const char* key, const kernels::ConfidenceInterval& ci, JsonWriter& w) {
  w.Key(key).BeginArray().Number(ci.low).Number(ci.high).EndArray();
}

void WritePaths(const std::vector<kernels::PathResult>& paths, JsonWriter& w) {
  w.BeginArray();
  for (const auto& p : paths) {
    w.BeginObject();
    w.Key("path").BeginArray();
    for (const auto& step : p.path) w.String(step);
    w.EndArray();
    w.Key("paths").Int(static_cast<int64_t>(p.paths));
    w.Key("ended").Int(static_cast<int64_t>(p.ended));
    w.Key("customers").Int(static_cast<int64_t>(p.customers));
    w.Key("share_of_customers").Number(p.share_of_customers);
    w.Key("converted").Int(static_cast<int64_t>(p.converted));
    w.Key("conversion_after").Number(p.conversion_after);
    Ci95("conversion_after_ci95", p.conversion_ci, w);
    w.EndObject();
  }
  w.EndArray();
}

void WriteTouchpoint(const kernels::TouchpointResult& t, JsonWriter& w) {
  w.BeginObject();
  w.Key("touchpoint").String(t.touchpoint);
  w.Key("events").Int(static_cast<int64_t>(t.events));
  w.Key("customers").Int(static_cast<int64_t>(t.customers));
  w.Key("journeys").Int(static_cast<int64_t>(t.journeys));
  w.Key("entries").Int(static_cast<int64_t>(t.entries));
  w.Key("exits").Int(static_cast<int64_t>(t.exits));
  w.Key("exit_rate").Number(t.exit_rate);
  w.Key("converted_after").Int(static_cast<int64_t>(t.converted_after));
  w.Key("conversion_after").Number(t.conversion_after);
  Ci95("conversion_after_ci95", t.conversion_ci, w);
  w.Key("csat").Number(t.csat);
  Ci95("csat_ci95", t.csat_ci, w);
  w.Key("csat_answers").Int(static_cast<int64_t>(t.csat_answers));
  w.Key("ces").Number(t.ces);
  Ci95("ces_ci95", t.ces_ci, w);
  w.Key("ces_answers").Int(static_cast<int64_t>(t.ces_answers));
  w.EndObject();
}

void Json(const Report& r, JsonWriter& w) {
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
  w.Key("inactive_skipped").Int(static_cast<int64_t>(r.inactive_skipped));
  w.Key("top_paths");
  WritePaths(r.top_paths, w);
  w.Key("transitions").BeginArray();
  for (const auto& t : r.transitions) {
    w.BeginObject().Key("from").String(t.from).Key("to").String(t.to);
    w.Key("count").Int(static_cast<int64_t>(t.count)).Key("share").Number(t.share);
    w.Key("mean_time_s").Number(t.mean_time_s).EndObject();
  }
  w.EndArray();
  w.Key("touchpoints").BeginArray();
  for (const auto& t : r.touchpoints) WriteTouchpoint(t, w);
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
  if (!r.header.by.empty()) {
    w.Key("groups").BeginArray();
    for (const auto& g : r.groups) {
      w.BeginObject().Key("key").String(g.key).Key("customers_with_path").Int(static_cast<int64_t>(g.customers));
      w.Key("paths_counted").Int(static_cast<int64_t>(g.paths_counted)).Key("top_paths");
      WritePaths(g.top_paths, w);
      w.EndObject();
    }
    w.EndArray();
  }
}

std::string Joined(const std::vector<std::string>& path, bool exit) {
  std::string s;
  for (const auto& step : path) s += (s.empty() ? "" : " > ") + step;
  return exit ? s + " > " + std::string(kernels::kExitLabel) : s;
}

std::string Csv(const Report& r) {
  TidyCsv csv(r.header.by, {"section", "item", "to"});
  auto paths = [&](const std::string* group, const std::vector<kernels::PathResult>& list) {
    for (const auto& p : list) {
      const std::vector<CsvCell> dims = {std::string("path"), Joined(p.path, false), CsvCell{}};
      csv.Add(group, dims, {"customers", CsvInt(p.customers), "customers"});
      csv.Add(group, dims, {"share_of_customers", p.share_of_customers, "%"});
      csv.Add(group, dims, {"paths", CsvInt(p.paths), "journeys"});
      csv.Add(group, dims, {"ended", CsvInt(p.ended), "journeys"});
      csv.Add(group, dims, {"conversion_after", p.conversion_after, "%", {{p.conversion_ci.low, p.conversion_ci.high}},
                            {{static_cast<double>(p.converted), static_cast<double>(p.customers)}}});
    }
  };
  paths(nullptr, r.top_paths);
  for (const auto& t : r.transitions) {
    const std::vector<CsvCell> dims = {std::string("transition"), t.from, t.to};
    csv.Add(nullptr, dims, {"count", CsvInt(t.count), "transitions"});
    csv.Add(nullptr, dims, {"share", t.share, "%"});
    csv.Add(nullptr, dims, {"mean_time", t.mean_time_s, "s"});
  }
  for (const auto& t : r.touchpoints) {
    const std::vector<CsvCell> dims = {std::string("touchpoint"), t.touchpoint, CsvCell{}};
    csv.Add(nullptr, dims, {"events", CsvInt(t.events), "events"});
    csv.Add(nullptr, dims, {"customers", CsvInt(t.customers), "customers"});
    csv.Add(nullptr, dims, {"journeys", CsvInt(t.journeys), "journeys"});
    csv.Add(nullptr, dims, {"entries", CsvInt(t.entries), "journeys"});
    csv.Add(nullptr, dims, {"exits", CsvInt(t.exits), "journeys"});
    csv.Add(nullptr, dims, {"exit_rate", t.exit_rate, "%"});
    csv.Add(nullptr, dims, {"conversion_after", t.conversion_after, "%", {{t.conversion_ci.low, t.conversion_ci.high}},
                            {{static_cast<double>(t.converted_after), static_cast<double>(t.customers)}}});
    csv.Add(nullptr, dims, {"csat", t.csat, "%", {{t.csat_ci.low, t.csat_ci.high}}});
    csv.Add(nullptr, dims, {"csat_answers", CsvInt(t.csat_answers), "answers"});
    csv.Add(nullptr, dims, {"ces", t.ces, "1-7", {{t.ces_ci.low, t.ces_ci.high}}});
    csv.Add(nullptr, dims, {"ces_answers", CsvInt(t.ces_answers), "answers"});
  }
  for (const auto& g : r.groups) paths(&g.key, g.top_paths);
  return csv.Render();
}

std::string PathsTable(const std::vector<kernels::PathResult>& paths, size_t width) {
  TextTable t({{"#"}, {"customers"}, {"share"}, {"journeys"}, {"conv after"}, {"path", Align::kLeft}});
  for (size_t i = 0; i < paths.size(); ++i) {
    const auto& p = paths[i];
    t.AddRow({std::to_string(i + 1), Thousands(p.customers), Percent(p.share_of_customers), Thousands(p.paths),
              Percent(p.conversion_after), Joined(p.path, p.ended == p.paths)});
  }
  return t.Render(width);
}

std::string Table(const Report& r, const TableOptions& o) {
  std::string out = "paths: touchpoint " + r.touchpoint + ", scope " + r.scope + ", depth " + std::to_string(r.depth) +
                    ", collapse " + (r.collapse ? "on" : "off");
  if (!r.start.empty()) out += ", start " + r.start;
  if (!r.end.empty()) out += ", end " + r.end;
  out += "\n" + Thousands(r.customers) + " customers, " + Thousands(r.journeys) + " journeys; " +
         Thousands(r.customers_with_path) + " customers with a path (" + Thousands(r.paths_counted) + " paths)\n";
  if (!r.header.inactive_events.empty()) {
    std::string names;
    for (const std::string& e : r.header.inactive_events) names += (names.empty() ? "" : ", ") + e;
    out += Thousands(r.inactive_skipped) + " inactive events (" + names + ") on no journey; --with-inactive counts them\n";
  }
  out += "\n";
  out += "top paths (conversion after the path)\n" + PathsTable(r.top_paths, o.width);

  TextTable tr({{"from", Align::kLeft}, {"to", Align::kLeft}, {"count"}, {"share"}, {"mean time"}}, 2);
  size_t shown = 0;
  for (const auto& t : r.transitions) {
    if (t.from == kernels::kStartLabel) continue;  // entries: the JSON has them
    if (shown++ == r.top) break;
    tr.AddRow({t.from, t.to, Thousands(t.count), Percent(t.share), HumanDuration(t.mean_time_s)});
  }
  out += "\ntransitions (where customers go next)\n" + tr.Render(o.width);

  TextTable tp({{"touchpoint", Align::kLeft}, {"events"}, {"customers"}, {"conv after"}, {"csat"}, {"csat n"},
                {"ces"}, {"ces n"}, {"exits"}, {"exit rate"}});
  for (size_t i = 0; i < r.touchpoints.size() && i < r.top; ++i) {
    const auto& t = r.touchpoints[i];
    tp.AddRow({t.touchpoint, Thousands(t.events), Thousands(t.customers), Percent(t.conversion_after), Percent(t.csat),
               Thousands(t.csat_answers), Fixed(t.ces, 2), Thousands(t.ces_answers), Thousands(t.exits),
               Percent(t.exit_rate)});
  }
  out += "\ntouchpoints\n" + tp.Render(o.width);

  TextTable ex({{"touchpoint", Align::kLeft}, {"exits"}, {"journeys"}, {"exit rate"}});
  for (size_t i = 0; i < r.exits.size() && i < r.top; ++i) {
    const auto& t = r.exits[i];
    ex.AddRow({t.touchpoint, Thousands(t.exits), Thousands(t.journeys), Percent(t.exit_rate)});
  }
  out += "\nexits (where journeys end)\n" + ex.Render(o.width);

  if (!r.funnel_chart.empty()) {
    TextTable fc({{"step of the most frequent path", Align::kLeft}, {"customers"}});
    for (const auto& s : r.funnel_chart) fc.AddRow({s.step, Thousands(s.customers)});
    out += "\nfunnel of the most frequent path (customers whose path starts so)\n" + fc.Render(o.width);
  }
  std::string by;
  for (size_t i = 0; i < r.header.by.size(); ++i) by += (i ? " / " : "") + r.header.by[i];
  for (const auto& g : r.groups) {
    out += "\n== " + by + " = " + DisplayKey(g.key) + " (" + Thousands(g.customers) + " customers with a path)\n";
    out += PathsTable(g.top_paths, o.width);
  }
  return out;
}

}  // namespace

std::unique_ptr<ResultBody> PathsBody(kernels::PathsReport report) {
  return std::make_unique<ReportBody<Report>>(std::move(report), Json, Csv, Table);
}

}  // namespace touchpoint::report
