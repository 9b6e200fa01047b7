#include "report/lifecycle_format.h"

#include "report/csv_table.h"
#include "report/format.h"
#include "report/text_table.h"

namespace touchpoint::report {
namespace {

using Report = kernels::LifecycleReport;
using Align = TextTable::Align;
using kernels::kLifecycleStages;
using kernels::LifecycleStage;

std::string StageName(size_t s) { return std::string(kernels::LifecycleStageName(static_cast<LifecycleStage>(s))); }

void WriteMatrix(const kernels::StageMatrix& m, JsonWriter& w) {
  w.BeginObject();
  for (size_t from = 0; from < kLifecycleStages; ++from) {
    w.Key(StageName(from)).BeginObject();
    for (size_t to = 0; to < kLifecycleStages; ++to) {
      w.Key(StageName(to)).Int(static_cast<int64_t>(m[from * kLifecycleStages + to]));
    }
    w.EndObject();
  }
  w.EndObject();
}

void WriteGroup(const kernels::LifecycleGroup& g, JsonWriter& w) {
  w.Key("periods").BeginArray();
  for (const auto& p : g.periods) {
    w.BeginObject();
    w.Key("period").String(p.period);
    w.Key("complete").Bool(p.complete);
    w.Key("customers").Int(static_cast<int64_t>(p.customers));
    w.Key("counts").BeginObject();
    for (size_t s = 0; s < kLifecycleStages; ++s) w.Key(StageName(s)).Int(static_cast<int64_t>(p.counts[s]));
    w.EndObject();
    w.Key("percent").BeginObject();
    for (size_t s = 0; s < kLifecycleStages; ++s) w.Key(StageName(s)).Number(p.percent[s]);
    w.EndObject();
    w.Key("active").Int(static_cast<int64_t>(p.active));
    w.Key("activation").BeginObject();
    w.Key("signups").Int(static_cast<int64_t>(p.signups));
    w.Key("activated").Int(static_cast<int64_t>(p.activated));
    w.Key("rate").Number(p.activation_rate);
    w.Key("ci95").BeginArray().Number(p.activation_ci.low).Number(p.activation_ci.high).EndArray();
    w.EndObject();
    w.Key("dau").Number(p.dau);
    w.Key("mau").Number(p.mau);
    w.Key("stickiness").Number(p.stickiness);
    w.EndObject();
  }
  w.EndArray();
  w.Key("movements").BeginArray();
  for (const auto& m : g.movements) {
    w.BeginObject().Key("from").String(m.from).Key("to").String(m.to).Key("matrix");
    WriteMatrix(m.matrix, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("movements_total");
  WriteMatrix(g.movements_total, w);
}

void Json(const Report& r, JsonWriter& w) {
  w.Key("period").String(r.period);
  w.Key("churn_after").Int(r.churn_after);
  w.Key("activation").BeginObject();
  w.Key("event").String(r.activation_event);
  w.Key("window_s").Number(static_cast<double>(r.activation_window_ms) / 1000.0);
  w.EndObject();
  w.Key("stages").BeginArray();
  for (size_t s = 0; s < kLifecycleStages; ++s) w.String(StageName(s));
  w.EndArray();
  WriteGroup(r.all, w);
  if (!r.header.by.empty()) {
    w.Key("groups").BeginArray();
    for (const auto& g : r.groups) {
      w.BeginObject().Key("key").String(g.key);
      WriteGroup(g, w);
      w.EndObject();
    }
    w.EndArray();
  }
}

std::string Csv(const Report& r) {
  TidyCsv csv(r.header.by, {"period", "complete", "stage"});
  auto rows = [&](const std::string* group, const kernels::LifecycleGroup& g) {
    for (const auto& p : g.periods) {
      const CsvCell complete = CsvInt(p.complete ? 1 : 0);
      for (size_t s = 0; s < kLifecycleStages; ++s) {
        const std::vector<CsvCell> dims = {p.period, complete, StageName(s)};
        csv.Add(group, dims, {"customers", CsvInt(p.counts[s]), "customers"});
        csv.Add(group, dims, {"share", p.percent[s], "%", std::nullopt,
                              {{static_cast<double>(p.counts[s]), static_cast<double>(p.customers)}}});
      }
      const std::vector<CsvCell> dims = {p.period, complete, CsvCell{}};
      csv.Add(group, dims, {"customers", CsvInt(p.customers), "customers"});
      csv.Add(group, dims, {"active", CsvInt(p.active), "customers"});
      csv.Add(group, dims, {"signups", CsvInt(p.signups), "customers"});
      csv.Add(group, dims, {"activation_rate", p.activation_rate, "%", {{p.activation_ci.low, p.activation_ci.high}},
                            {{static_cast<double>(p.activated), static_cast<double>(p.signups)}}});
      csv.Add(group, dims, {"dau", p.dau, "customers"});
      csv.Add(group, dims, {"mau", p.mau, "customers"});
      csv.Add(group, dims, {"stickiness", p.stickiness, "%"});
    }
  };
  rows(nullptr, r.all);
  for (const auto& g : r.groups) rows(&g.key, g);
  return csv.Render();
}

std::string MatrixTable(const kernels::StageMatrix& m, size_t width) {
  std::vector<TextTable::Column> cols = {{"from \\ to", Align::kLeft}};
  for (size_t to = 0; to < kLifecycleStages; ++to) cols.push_back({StageName(to)});
  TextTable t(cols);
  for (size_t from = 0; from < kLifecycleStages; ++from) {
    std::vector<std::string> row = {StageName(from)};
    for (size_t to = 0; to < kLifecycleStages; ++to) row.push_back(Thousands(m[from * kLifecycleStages + to]));
    t.AddRow(std::move(row));
  }
  return t.Render(width);
}

std::string GroupTable(const kernels::LifecycleGroup& g, size_t width) {
  std::vector<TextTable::Column> cols = {{"period", Align::kLeft}, {"customers"}};
  for (size_t s = 0; s < kLifecycleStages; ++s) cols.push_back({StageName(s)});
  for (const char* c : {"active", "signups", "activation", "stickiness"}) cols.push_back({c});
  TextTable t(cols);
  bool partial = false;
  for (const auto& p : g.periods) {
    partial |= !p.complete;
    std::vector<std::string> row = {p.period + (p.complete ? "" : "*"), Thousands(p.customers)};
    for (size_t s = 0; s < kLifecycleStages; ++s) {
      row.push_back(Thousands(p.counts[s]) + " (" + Fixed(p.percent[s], 1) + "%)");
    }
    row.push_back(Thousands(p.active));
    row.push_back(Thousands(p.signups));
    row.push_back(Percent(p.activation_rate, 1));
    row.push_back(Percent(p.stickiness, 1));
    t.AddRow(std::move(row));
  }
  std::string out = t.Render(width);
  if (partial) out += "* partial period: the range covers only part of it\n";
  out += "\nmovements, all periods (rows: from, columns: to)\n" + MatrixTable(g.movements_total, width);
  if (!g.movements.empty()) {
    const auto& last = g.movements.back();
    out += "\nmovements " + last.from + " -> " + last.to + "\n" + MatrixTable(last.matrix, width);
  }
  return out;
}

std::string Table(const Report& r, const TableOptions& o) {
  std::string out = "lifecycle by " + r.period + "; lost after " + std::to_string(r.churn_after) +
                    " inactive periods; activation: '" + r.activation_event + "' within " +
                    HumanDuration(static_cast<double>(r.activation_window_ms) / 1000.0) + "\n\n";
  out += GroupTable(r.all, o.width);
  std::string by;
  for (size_t i = 0; i < r.header.by.size(); ++i) by += (i ? " / " : "") + r.header.by[i];
  for (const auto& g : r.groups) out += "\n== " + by + " = " + DisplayKey(g.key) + "\n" + GroupTable(g, o.width);
  return out;
}

}  // namespace

std::unique_ptr<ResultBody> LifecycleBody(kernels::LifecycleReport report) {
  return std::make_unique<ReportBody<Report>>(std::move(report), Json, Csv, Table);
}

}  // namespace touchpoint::report
