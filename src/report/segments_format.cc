#include "report/segments_format.h"

#include <cstdio>

#include "report/customer_csv.h"
#include "report/format.h"
#include "report/text_table.h"
#include "report/csv_table.h"
#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {

void SegmentsJsonBody(const models::SegmentsReport& r, JsonWriter& w) {
  w.Key("method").String(r.method);
  w.Key("as_of").String(r.as_of);
  w.Key("customers").Int(static_cast<int64_t>(r.customers));
  w.Key("features").BeginArray();
  for (const auto& f : r.features) w.String(f);
  w.EndArray();
  if (r.method == "kmeans") {
    w.Key("k").Int(static_cast<int64_t>(r.k));
    w.Key("silhouette").BeginArray();
    for (const auto& [k, s] : r.silhouettes) w.BeginObject().Key("k").Int(static_cast<int64_t>(k)).Key("mean").Number(s).EndObject();
    w.EndArray();
  }
  if (r.method == "predictive") {
    w.Key("risk_threshold").Number(r.risk_threshold);
    w.Key("value_threshold").Number(r.value_threshold);
  }
  w.Key("segments").BeginArray();
  for (const auto& s : r.segments) {
    w.BeginObject();
    w.Key("name").String(s.name);
    w.Key("customers").Int(static_cast<int64_t>(s.customers));
    w.Key("share").Number(s.share);
    w.Key("revenue").Number(s.revenue);
    w.Key("revenue_share").Number(s.revenue_share);
    if (r.method == "predictive") {
      w.Key("mean_risk").Number(s.mean_risk);
      w.Key("mean_clv").Number(s.mean_clv);
      w.Key("total_clv").Number(s.total_clv);
    }
    w.Key("description").String(s.description);
    w.Key("traits").BeginArray();
    for (const auto& t : s.traits) {
      w.BeginObject().Key("feature").String(t.feature).Key("mean").Number(t.mean).Key("z").Number(t.z).EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();

}

std::string SegmentsTable(const models::SegmentsReport& r, size_t width) {
  std::string out = "segments (" + r.method + ") as of " + r.as_of + ": " + std::to_string(r.customers) + " customers";
  if (r.method == "kmeans") {
    out += ", k = " + std::to_string(r.k) + " by silhouette (";
    for (size_t i = 0; i < r.silhouettes.size(); ++i) {
      out += (i > 0 ? ", " : "") + std::to_string(r.silhouettes[i].first) + ": " + FixedText(r.silhouettes[i].second, 3);
    }
    out += ")";
  }
  out += "\n\n";
  using Align = TextTable::Align;
  TextTable t({{"segment", Align::kLeft}, {"customers"}, {"share"}, {"revenue share"},
               {"what sets it apart", Align::kLeft}});
  for (const auto& s : r.segments) {
    t.AddRow({s.name, Thousands(s.customers), FixedText(100 * s.share, 1) + "%", FixedText(100 * s.revenue_share, 1) + "%",
              s.description});
  }
  out += t.Render(width);
  return out;
}

std::string SegmentsCustomersCsv(const models::SegmentsReport& r) {
  std::vector<CustomerColumn> columns = {{"segment", nullptr, &r.segment}};
  if (r.method == "rfm") {
    columns.push_back({"r_score", &r.r_score});
    columns.push_back({"f_score", &r.f_score});
    columns.push_back({"m_score", &r.m_score});
  }
  return CustomerCsv(r.customer_id, columns);
}

// Each segment's size and revenue as a tidy table (report/csv_table.h).
std::string SegmentsCsv(const models::SegmentsReport& r) {
  TidyCsv csv({}, {"segment"});
  for (const auto& s : r.segments) {
    csv.Add(nullptr, {s.name}, {"customers", CsvInt(s.customers), "customers"});
    csv.Add(nullptr, {s.name}, {"share", 100 * s.share, "%"});
    csv.Add(nullptr, {s.name}, {"revenue", s.revenue, "money"});
    csv.Add(nullptr, {s.name}, {"revenue_share", 100 * s.revenue_share, "%"});
    if (r.method == "predictive") {
      csv.Add(nullptr, {s.name}, {"mean_risk", s.mean_risk});
      csv.Add(nullptr, {s.name}, {"mean_clv", s.mean_clv, "money"});
    }
  }
  return csv.Render();
}

std::unique_ptr<ResultBody> SegmentsBody(models::SegmentsReport report) {
  return std::make_unique<ReportBody<models::SegmentsReport>>(
      std::move(report), SegmentsJsonBody, SegmentsCsv,
      [](const models::SegmentsReport& r, const TableOptions& o) { return SegmentsTable(r, o.width); });
}
}  // namespace touchpoint::report
