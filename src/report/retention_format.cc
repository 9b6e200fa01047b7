#include "report/retention_format.h"

#include <algorithm>
#include <cmath>

#include "report/csv_table.h"
#include "report/format.h"
#include "report/text_table.h"

namespace touchpoint::report {
namespace {

using Report = kernels::RetentionReport;
using Matrix = kernels::RetentionMatrix;

void Numbers(std::string_view key, const std::vector<double>& v, JsonWriter& w) {
  w.Key(key).BeginArray();
  for (double x : v) w.Number(x);
  w.EndArray();
}

void Counts(std::string_view key, const std::vector<uint64_t>& v, JsonWriter& w) {
  w.Key(key).BeginArray();
  for (uint64_t x : v) w.Int(static_cast<int64_t>(x));
  w.EndArray();
}

void Intervals(std::string_view key, const std::vector<kernels::ConfidenceInterval>& v, JsonWriter& w) {
  w.Key(key).BeginArray();
  for (const auto& ci : v) w.BeginArray().Number(ci.low).Number(ci.high).EndArray();
  w.EndArray();
}

void WriteMatrix(const Matrix& m, JsonWriter& w) {
  w.Key("cohorts").BeginArray();
  for (const auto& c : m.cohorts) {
    w.BeginObject();
    w.Key("cohort").String(c.cohort);
    w.Key("size").Int(static_cast<int64_t>(c.size));
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
    w.Key("complete_periods").Int(static_cast<int64_t>(c.complete_periods));
    w.EndObject();
  }
  w.EndArray();
  Numbers("average", m.average, w);
  Intervals("average_ci95", m.average_ci, w);
  Counts("average_n", m.average_n, w);
  Numbers("average_churn", m.average_churn, w);
  if (m.has_subscriptions) Numbers("average_contractual_churn", m.average_contractual_churn, w);
}

void Json(const Report& r, JsonWriter& w) {
  w.Key("period").String(r.period);
  w.Key("cohort").String(r.cohort);
  w.Key("return").String(r.return_event);
  w.Key("unbounded").Bool(r.unbounded);
  if (r.periods) w.Key("periods").Int(*r.periods);
  WriteMatrix(r.all, w);
  if (!r.groups.empty()) {
    w.Key("groups").BeginArray();
    for (const auto& g : r.groups) {
      w.BeginObject().Key("key").String(g.key);
      WriteMatrix(g, w);
      w.EndObject();
    }
    w.EndArray();
  }
}

std::string Csv(const Report& r) {
  TidyCsv csv(r.header.by, {"cohort", "period_index", "complete"});
  auto rows = [&](const std::string* group, const Matrix& m) {
    for (const auto& c : m.cohorts) {
      for (size_t k = 0; k < c.percent.size(); ++k) {
        const std::vector<CsvCell> dims = {c.cohort, CsvInt(k), CsvInt(k < c.complete_periods ? 1 : 0)};
        csv.Add(group, dims, {"retained", CsvInt(c.retained[k]), "customers"});
        csv.Add(group, dims, {"retention", c.percent[k], "%", {{c.percent_ci[k].low, c.percent_ci[k].high}},
                              {{static_cast<double>(c.retained[k]), static_cast<double>(c.size)}}});
        csv.Add(group, dims, {"churn", c.churn[k], "%"});
        csv.Add(group, dims, {"revenue", c.revenue[k], "money"});
        csv.Add(group, dims, {"net_revenue_retention", c.net_revenue_retention[k], "%"});
        csv.Add(group, dims, {"gross_revenue_retention", c.gross_revenue_retention[k], "%"});
        if (m.has_subscriptions) {
          csv.Add(group, dims, {"subscribed", CsvInt(c.subscribed[k]), "customers"});
          csv.Add(group, dims, {"contractual_churn", c.contractual_churn[k], "%"});
        }
      }
    }
    for (size_t k = 0; k < m.average.size(); ++k) {
      const std::vector<CsvCell> dims = {std::string("average"), CsvInt(k), CsvInt(1)};
      csv.Add(group, dims, {"retention", m.average[k], "%", {{m.average_ci[k].low, m.average_ci[k].high}},
                            {{m.average[k] * static_cast<double>(m.average_n[k]) / 100.0,
                              static_cast<double>(m.average_n[k])}}});
      csv.Add(group, dims, {"churn", m.average_churn[k], "%"});
      if (m.has_subscriptions) csv.Add(group, dims, {"contractual_churn", m.average_contractual_churn[k], "%"});
    }
  };
  rows(nullptr, r.all);
  for (const auto& g : r.groups) rows(&g.key, g);
  return csv.Render();
}

using Align = TextTable::Align;

size_t Columns(const Matrix& m) {
  size_t n = m.average.size();
  for (const auto& c : m.cohorts) n = std::max(n, c.percent.size());
  return n;
}

// One matrix: rows of cohorts, then the curves, one column per period k.
std::string MatrixTable(const Report& r, const Matrix& m, size_t width) {
  const size_t columns = Columns(m);
  std::vector<TextTable::Column> head = {{"cohort", Align::kLeft}, {"size"}};
  for (size_t k = 0; k < columns; ++k) head.push_back({r.period + " " + std::to_string(k)});
  auto percents = [&](const std::vector<double>& v, size_t complete) {
    std::vector<std::string> cells;
    for (size_t k = 0; k < columns; ++k) {
      if (k >= v.size()) {
        cells.emplace_back("");
      } else {
        cells.push_back(Fixed(v[k], 1) + (k < complete ? "" : "*"));
      }
    }
    return cells;
  };
  TextTable t(head, 2);
  for (const auto& c : m.cohorts) {
    std::vector<std::string> row = {c.cohort, Thousands(c.size)};
    for (std::string& cell : percents(c.percent, c.complete_periods)) row.push_back(std::move(cell));
    t.AddRow(std::move(row));
  }
  auto curve = [&](const std::string& label, const std::vector<double>& v) {
    std::vector<std::string> row = {label, ""};
    for (std::string& cell : percents(v, v.size())) row.push_back(std::move(cell));
    t.AddRow(std::move(row));
  };
  curve("average", m.average);
  curve("churn", m.average_churn);
  if (m.has_subscriptions) curve("contractual churn", m.average_contractual_churn);
  std::string out = "retained, % of the cohort\n" + t.Render(width);

  // Revenue: what each cohort spent in period k against period 0.
  TextTable rev(head, 2);
  bool any_revenue = false;
  for (const auto& c : m.cohorts) {
    if (c.revenue.empty() || !(c.revenue[0] > 0)) continue;
    any_revenue = true;
    std::vector<std::string> row = {c.cohort, Thousands(c.size)};
    for (std::string& cell : percents(c.net_revenue_retention, c.complete_periods)) row.push_back(std::move(cell));
    rev.AddRow(std::move(row));
  }
  if (any_revenue) out += "\nnet revenue retention, % of the cohort's revenue in " + r.period + " 0\n" + rev.Render(width);
  out += "(* = period cut off by the end of the data; churn: retained in k-1, not in k)\n";
  return out;
}

std::string Table(const Report& r, const TableOptions& o) {
  std::string out = "retention by " + r.period + ": cohort " + r.cohort + ", return " + r.return_event +
                    (r.unbounded ? ", unbounded" : "") + "\n\n";
  out += MatrixTable(r, r.all, o.width);
  for (const auto& g : r.groups) out += "\n== " + DisplayKey(g.key) + "\n" + MatrixTable(r, g, o.width);
  return out;
}

}  // namespace

std::unique_ptr<ResultBody> RetentionBody(kernels::RetentionReport report) {
  return std::make_unique<ReportBody<Report>>(std::move(report), Json, Csv, Table);
}

}  // namespace touchpoint::report
