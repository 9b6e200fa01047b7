#include "report/recommend_format.h"

#include <algorithm>
#include <numeric>

#include "report/csv_table.h"
#include "report/customer_csv.h"
#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

// Customers whose recommendations the JSON and the table show inline; the
// CSV and `recommend --customers FILE` have all of them.
constexpr size_t kInlineCustomers = 100;
constexpr size_t kTableCustomers = 20;

std::vector<size_t> ById(const models::RecommendReport& r) {
  std::vector<size_t> order(r.customer_id.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return r.customer_id[a] < r.customer_id[b]; });
  return order;
}

}  // namespace

void RecommendJsonBody(const models::RecommendReport& r, JsonWriter& w) {
  const size_t max_customers = kInlineCustomers;
  w.Key("model").String("item-to-item cosine");
  w.Key("item_property").String(r.item_property);
  w.Key("items").Int(static_cast<int64_t>(r.items));
  w.Key("customers").Int(static_cast<int64_t>(r.customers));
  w.Key("purchases").Int(static_cast<int64_t>(r.purchases));
  const auto& e = r.evaluation;
  w.Key("evaluation").BeginObject();
  w.Key("holdout_from").String(e.holdout_from);
  w.Key("k").Int(static_cast<int64_t>(e.k));
  w.Key("customers").Int(static_cast<int64_t>(e.customers));
  w.Key("hit_rate").Number(e.hit_rate);
  w.Key("popular_hit_rate").Number(e.popular_hit_rate);
  w.Key("lift").Number(e.lift);
  w.EndObject();
  w.Key("top").Int(static_cast<int64_t>(r.top));
  w.Key("recommendations").BeginArray();
  const std::vector<size_t> order = ById(r);
  for (size_t k = 0; k < order.size() && k < max_customers; ++k) {
    const size_t i = order[k];
    w.BeginObject().Key("customer_id").String(r.customer_id[i]).Key("items").BeginArray();
    for (const auto& item : r.recommendations[i]) w.String(item);
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("recommended_customers").Int(static_cast<int64_t>(r.customer_id.size()));

}

std::string RecommendTable(const models::RecommendReport& r, size_t max_customers) {
  const auto& e = r.evaluation;
  std::string out = "recommendations (item-to-item, " + r.item_property + "): " + std::to_string(r.items) +
                    " items, " + std::to_string(r.customers) + " customers\n";
  out += "holdout from " + e.holdout_from + ": " + std::to_string(e.customers) + " customers bought something new; hit rate at " +
         std::to_string(e.k) + " " + FixedText(100 * e.hit_rate, 1) + "% vs most popular " +
         FixedText(100 * e.popular_hit_rate, 1) + "% (lift " + FixedText(e.lift, 2) + ")\n\n";
  const std::vector<size_t> order = ById(r);
  for (size_t k = 0; k < order.size() && k < max_customers; ++k) {
    const size_t i = order[k];
    out += r.customer_id[i] + ":";
    for (const auto& item : r.recommendations[i]) out += " " + item;
    out += "\n";
  }
  return out;
}

std::string RecommendCustomersCsv(const models::RecommendReport& r) {
  std::string out = "customer_id,rank,item\n";
  for (size_t i : ById(r)) {
    for (size_t k = 0; k < r.recommendations[i].size(); ++k) {
      out += CsvField(r.customer_id[i]) + "," + std::to_string(k + 1) + "," + CsvField(r.recommendations[i][k]) + "\n";
    }
  }
  return out;
}

// The evaluation and every recommendation as a tidy table (report/csv_table.h).
std::string RecommendCsv(const models::RecommendReport& r) {
  TidyCsv csv({}, {"customer_id", "rank", "item"});
  const auto& e = r.evaluation;
  csv.Add(nullptr, {CsvCell{}, CsvCell{}, CsvCell{}}, {"hit_rate", 100 * e.hit_rate, "%"});
  csv.Add(nullptr, {CsvCell{}, CsvCell{}, CsvCell{}}, {"popular_hit_rate", 100 * e.popular_hit_rate, "%"});
  csv.Add(nullptr, {CsvCell{}, CsvCell{}, CsvCell{}}, {"lift", e.lift});
  for (size_t i : ById(r)) {
    for (size_t k = 0; k < r.recommendations[i].size(); ++k) {
      csv.Add(nullptr, {r.customer_id[i], CsvInt(k + 1), r.recommendations[i][k]}, {"recommended", CsvInt(1)});
    }
  }
  return csv.Render();
}

std::unique_ptr<ResultBody> RecommendBody(models::RecommendReport report) {
  return std::make_unique<ReportBody<models::RecommendReport>>(
      std::move(report), RecommendJsonBody, RecommendCsv,
      [](const models::RecommendReport& r, const TableOptions&) { return RecommendTable(r, kTableCustomers); });
}
}  // namespace touchpoint::report
