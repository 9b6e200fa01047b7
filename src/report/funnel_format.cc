#include "report/funnel_format.h"

#include "report/csv_table.h"
#include "report/format.h"
#include "report/text_table.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

using Report = kernels::FunnelReport;
using Steps = std::vector<kernels::FunnelStepResult>;

void WriteSteps(const Steps& steps, JsonWriter& w) {
  w.BeginArray();
  for (const auto& s : steps) {
    w.BeginObject();
    w.Key("step").String(s.step);
    w.Key("count").Int(static_cast<int64_t>(s.count));
    w.Key("customers").Int(static_cast<int64_t>(s.customers));
    w.Key("dropped").Int(static_cast<int64_t>(s.dropped));
    w.Key("conversion_from_previous").Number(s.conversion_from_previous);
    w.Key("conversion_from_previous_ci95").BeginArray().Number(s.ci_from_previous.low).Number(s.ci_from_previous.high).EndArray();
    w.Key("conversion_from_first").Number(s.conversion_from_first);
    w.Key("conversion_from_first_ci95").BeginArray().Number(s.ci_from_first.low).Number(s.ci_from_first.high).EndArray();
    w.Key("median_time_to_convert_s").Number(s.median_time_to_convert_s);
    w.Key("p90_time_to_convert_s").Number(s.p90_time_to_convert_s);
    w.Key("median_time_from_first_s").Number(s.median_time_from_first_s);
    w.EndObject();
  }
  w.EndArray();
}

void Json(const Report& r, JsonWriter& w) {
  w.Key("mode").String(r.mode);
  w.Key("count").String(r.count);
  w.Key("window_s").Number(static_cast<double>(r.window_ms) / 1000.0);
  w.Key("exclusions").BeginArray();
  for (const std::string& x : r.exclusions) w.String(x);
  w.EndArray();
  w.Key("excluded").Int(static_cast<int64_t>(r.excluded));
  w.Key("steps");
  WriteSteps(r.steps, w);
  if (!r.header.by.empty()) {
    w.Key("attribution").String(r.attribution);
    w.Key("groups").BeginArray();
    for (const auto& g : r.groups) {
      w.BeginObject().Key("key").String(g.key).Key("excluded").Int(static_cast<int64_t>(g.excluded)).Key("steps");
      WriteSteps(g.steps, w);
      w.EndObject();
    }
    w.EndArray();
  }
}

std::string Csv(const Report& r) {
  TidyCsv csv(r.header.by, {"step_index", "step"});
  const std::string unit = r.count;
  auto rows = [&](const std::string* group, const Steps& steps) {
    for (size_t i = 0; i < steps.size(); ++i) {
      const auto& s = steps[i];
      const std::vector<CsvCell> dims = {CsvInt(i + 1), s.step};
      csv.Add(group, dims, {"count", CsvInt(s.count), unit});
      csv.Add(group, dims, {"customers", CsvInt(s.customers), "customers"});
      csv.Add(group, dims, {"dropped", CsvInt(s.dropped), unit});
      const double first = static_cast<double>(steps[0].count);
      const double prev = i == 0 ? first : static_cast<double>(steps[i - 1].count);
      csv.Add(group, dims, {"conversion_from_previous", s.conversion_from_previous, "%",
                            {{s.ci_from_previous.low, s.ci_from_previous.high}},
                            {{static_cast<double>(s.count), prev}}});
      csv.Add(group, dims, {"conversion_from_first", s.conversion_from_first, "%",
                            {{s.ci_from_first.low, s.ci_from_first.high}}, {{static_cast<double>(s.count), first}}});
      csv.Add(group, dims, {"median_time_to_convert", s.median_time_to_convert_s, "s"});
      csv.Add(group, dims, {"p90_time_to_convert", s.p90_time_to_convert_s, "s"});
      csv.Add(group, dims, {"median_time_from_first", s.median_time_from_first_s, "s"});
    }
  };
  rows(nullptr, r.steps);
  for (const auto& g : r.groups) rows(&g.key, g.steps);
  return csv.Render();
}

std::string StepsTable(const Steps& steps, const std::string& unit, size_t width) {
  using Align = TextTable::Align;
  TextTable t({{"step", Align::kLeft}, {unit}, {"dropped"}, {"from previous"}, {"95% CI", Align::kLeft},
               {"from first"}, {"median time"}, {"p90 time"}});
  for (const auto& s : steps) {
    t.AddRow({s.step, Thousands(s.count), Thousands(s.dropped), Percent(s.conversion_from_previous),
              Interval(s.ci_from_previous.low, s.ci_from_previous.high, 2), Percent(s.conversion_from_first),
              HumanDuration(s.median_time_to_convert_s), HumanDuration(s.p90_time_to_convert_s)});
  }
  return t.Render(width);
}

std::string Table(const Report& r, const TableOptions& o) {
  const std::string unit = r.count == "sessions" ? "sessions" : r.count == "totals" ? "attempts" : "customers";
  std::string out = "funnel: " + r.mode + ", counting " + r.count + ", window " +
                    HumanDuration(static_cast<double>(r.window_ms) / 1000.0) + "\n";
  for (const std::string& x : r.exclusions) out += "excluding " + x + "\n";
  if (!r.exclusions.empty()) out += Thousands(r.excluded) + " " + unit + " excluded\n";
  out += "\n" + StepsTable(r.steps, unit, o.width);
  std::string by;
  for (size_t i = 0; i < r.header.by.size(); ++i) by += (i ? " / " : "") + r.header.by[i];
  for (const auto& g : r.groups) {
    out += "\n== " + by + " (" + r.attribution + " touch) = " + DisplayKey(g.key) + "\n";
    out += StepsTable(g.steps, unit, o.width);
  }
  return out;
}

}  // namespace

std::unique_ptr<ResultBody> FunnelBody(kernels::FunnelReport report) {
  return std::make_unique<ReportBody<Report>>(std::move(report), Json, Csv, Table);
}

std::string FunnelDroppedCsv(const kernels::FunnelReport& r) {
  CsvTable t({"customer_id", "entered_at", "last_step_at"});
  for (const auto& d : r.dropped) t.Add({d.customer_id, FormatTimestamp(d.entered_ms), FormatTimestamp(d.last_step_ms)});
  return t.Render();
}

}  // namespace touchpoint::report
