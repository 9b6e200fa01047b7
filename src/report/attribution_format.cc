#include "report/attribution_format.h"

#include "report/csv_table.h"
#include "report/format.h"
#include "report/text_table.h"

namespace touchpoint::report {
namespace {

using Report = kernels::AttributionReport;
using Align = TextTable::Align;
using kernels::AttributionModel;
using kernels::AttributionModelName;
using kernels::kAttributionModelCount;

AttributionModel Model(size_t m) { return static_cast<AttributionModel>(m); }

void PerModel(std::string_view key, const double* values, JsonWriter& w) {
  w.Key(key).BeginObject();
  for (size_t m = 0; m < kAttributionModelCount; ++m) w.Key(AttributionModelName(Model(m))).Number(values[m]);
  w.EndObject();
}

void Json(const Report& r, JsonWriter& w) {
  w.Key("conversion").BeginArray();
  for (const std::string& e : r.conversion) w.String(e);
  w.EndArray();
  w.Key("window_s").Number(static_cast<double>(r.window_ms) / 1000.0);
  w.Key("half_life_s").Number(static_cast<double>(r.half_life_ms) / 1000.0);
  w.Key("value").String(kernels::AttributionValueName(r.value));
  w.Key("conversions").Int(static_cast<int64_t>(r.conversions));
  w.Key("revenue").Number(r.revenue);
  w.Key("attributed").BeginObject();
  w.Key("conversions").Int(static_cast<int64_t>(r.attributed_conversions()));
  w.Key("revenue").Number(r.attributed_revenue());
  w.EndObject();
  w.Key("unattributed").BeginObject();
  w.Key("key").String(r.unattributed_key);
  w.Key("conversions").Int(static_cast<int64_t>(r.unattributed_conversions));
  w.Key("revenue").Number(r.unattributed_revenue);
  w.EndObject();
  w.Key("channels").BeginArray();
  for (const auto& row : r.rows) {
    w.BeginObject();
    w.Key("channel").String(row.key);
    w.Key("touchpoints").Int(static_cast<int64_t>(row.touchpoints));
    w.Key("null_touchpoints").Int(static_cast<int64_t>(row.null_touchpoints));
    w.Key("paths").Int(static_cast<int64_t>(row.paths));
    for (size_t m = 0; m < kAttributionModelCount; ++m) {
      w.Key(AttributionModelName(Model(m))).Number(row.value(Model(m), r.value));
    }
    w.Key("removal_effect").Number(row.removal_effect);
    PerModel("share_pct", row.share_pct, w);
    PerModel("attributed_conversions", row.conversions, w);
    PerModel("attributed_revenue", row.revenue, w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("markov").BeginObject();
  w.Key("conversion_probability").Number(r.conversion_probability);
  w.Key("converting_paths").Int(static_cast<int64_t>(r.converting_paths));
  w.Key("null_paths").Int(static_cast<int64_t>(r.null_paths));
  w.Key("transitions").BeginArray();
  for (const auto& t : r.transitions) {
    w.BeginObject().Key("from").String(t.from).Key("to").String(t.to);
    w.Key("count").Int(static_cast<int64_t>(t.count)).Key("probability").Number(t.probability).EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// Attribution's --by is the touchpoint dimension, not a cut of the result:
// its values are rows (the `channel` column), so the CSV has no --by columns.
std::string Csv(const Report& r) {
  TidyCsv csv({}, {"channel", "model"});
  for (const auto& row : r.rows) {
    for (size_t m = 0; m < kAttributionModelCount; ++m) {
      const std::vector<CsvCell> dims = {row.key, std::string(AttributionModelName(Model(m)))};
      csv.Add(nullptr, dims, {"conversions", row.conversions[m], "conversions"});
      csv.Add(nullptr, dims, {"revenue", row.revenue[m], "money"});
      csv.Add(nullptr, dims, {"share", row.share_pct[m], "%"});
    }
    const std::vector<CsvCell> dims = {row.key, CsvCell{}};
    csv.Add(nullptr, dims, {"touchpoints", CsvInt(row.touchpoints), "touchpoints"});
    csv.Add(nullptr, dims, {"null_touchpoints", CsvInt(row.null_touchpoints), "touchpoints"});
    csv.Add(nullptr, dims, {"paths", CsvInt(row.paths), "paths"});
    csv.Add(nullptr, dims, {"removal_effect", row.removal_effect, ""});
  }
  const std::vector<CsvCell> dims = {r.unattributed_key, CsvCell{}};
  csv.Add(nullptr, dims, {"conversions", CsvInt(r.unattributed_conversions), "conversions"});
  csv.Add(nullptr, dims, {"revenue", r.unattributed_revenue, "money"});
  return csv.Render();
}

std::string ModelsTable(const Report& r, bool shares, size_t width) {
  const std::string by = r.header.by.empty() ? "channel" : r.header.by[0];
  std::vector<TextTable::Column> cols = {{by, Align::kLeft}, {"touches"}, {"paths"}};
  for (size_t m = 0; m < kAttributionModelCount; ++m) cols.push_back({std::string(AttributionModelName(Model(m)))});
  if (!shares) cols.push_back({"removal"});
  TextTable t(cols);
  for (const auto& row : r.rows) {
    std::vector<std::string> cells = {row.key, Thousands(row.touchpoints), Thousands(row.paths)};
    for (size_t m = 0; m < kAttributionModelCount; ++m) {
      cells.push_back(shares ? Fixed(row.share_pct[m], 1) : Fixed(row.value(Model(m), r.value), 2));
    }
    if (!shares) cells.push_back(Fixed(row.removal_effect, 4));
    t.AddRow(std::move(cells));
  }
  if (!shares) {
    const double unattributed = r.value == kernels::AttributionValue::kRevenue
                                    ? r.unattributed_revenue
                                    : static_cast<double>(r.unattributed_conversions);
    std::vector<std::string> cells = {r.unattributed_key, "-", "-"};
    for (size_t m = 0; m < kAttributionModelCount; ++m) cells.push_back(Fixed(unattributed, 2));
    cells.emplace_back("");
    t.AddRow(std::move(cells));
  }
  return t.Render(width);
}

std::string Table(const Report& r, const TableOptions& o) {
  std::string conversion;
  for (const std::string& e : r.conversion) conversion += (conversion.empty() ? "" : ",") + e;
  const std::string value(kernels::AttributionValueName(r.value));
  std::string out = "attribution of " + conversion + " " + value + ", lookback " +
                    HumanDuration(static_cast<double>(r.window_ms) / 1000.0) + ", time-decay half-life " +
                    HumanDuration(static_cast<double>(r.half_life_ms) / 1000.0) + "\n";
  out += "conversions " + Thousands(r.conversions) + ", revenue " + Fixed(r.revenue, 2) + "; no touchpoint " +
         r.unattributed_key + ": " + Thousands(r.unattributed_conversions) + " conversions, " +
         Fixed(r.unattributed_revenue, 2) + " revenue\n";
  out += "Markov P(conversion) " + Fixed(r.conversion_probability, 4) + " over " + Thousands(r.converting_paths) +
         " converting and " + Thousands(r.null_paths) + " non-converting paths\n\n";
  out += value + " credited by each model\n" + ModelsTable(r, false, o.width);
  out += "\nshare of attributed " + value + " (%)\n" + ModelsTable(r, true, o.width);
  return out;
}

}  // namespace

std::unique_ptr<ResultBody> AttributionBody(kernels::AttributionReport report) {
  return std::make_unique<ReportBody<Report>>(std::move(report), Json, Csv, Table);
}

}  // namespace touchpoint::report
