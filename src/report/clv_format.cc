#include "report/clv_format.h"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "report/customer_csv.h"
#include "report/format.h"
#include "report/csv_table.h"
#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

void Strings(const std::vector<std::string>& values, JsonWriter* w) {
  w->BeginArray();
  for (const auto& v : values) w->String(v);
  w->EndArray();
}

void Validation(const models::HoldoutValidation& v, JsonWriter* w) {
  w->BeginObject();
  w->Key("holdout_length").Number(v.holdout_length);
  w->Key("actual_total").Number(v.actual_total);
  w->Key("predicted_total").Number(v.predicted_total);
  w->Key("mae").Number(v.mae);
  w->Key("rmse").Number(v.rmse);
  w->Key("correlation").Number(v.correlation);
  w->Key("by_frequency").BeginArray();
  for (const auto& b : v.buckets) {
    w->BeginObject();
    w->Key("frequency").String(b.label);
    w->Key("customers").Int(static_cast<int64_t>(b.customers));
    w->Key("actual").Number(b.actual_mean);
    w->Key("predicted").Number(b.predicted_mean);
    w->EndObject();
  }
  w->EndArray();
  w->Key("tracking").BeginArray();
  for (const auto& p : v.tracking) {
    w->BeginObject();
    w->Key("period").String(p.period);
    w->Key("holdout").Bool(p.holdout);
    w->Key("actual").Number(p.actual);
    w->Key("expected").Number(p.expected);
    w->Key("actual_cumulative").Number(p.actual_cumulative);
    w->Key("expected_cumulative").Number(p.expected_cumulative);
    w->EndObject();
  }
  w->EndArray();
  w->EndObject();
}

// The customers with the highest CLV, most valuable first (ties by id).
constexpr size_t kTopCustomers = 10;

std::vector<size_t> TopCustomers(const models::ClvCustomers& rows) {
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), size_t{0});
  const size_t top = std::min(kTopCustomers, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), [&](size_t a, size_t b) {
    return rows.clv[a] > rows.clv[b] || (rows.clv[a] == rows.clv[b] && rows.customer_id[a] < rows.customer_id[b]);
  });
  order.resize(top);
  return order;
}

}  // namespace

void ClvJsonBody(const models::ClvReport& r, JsonWriter& w) {
  w.Key("model").String(r.model);
  w.Key("unit").String(r.unit);
  w.Key("customers").Int(static_cast<int64_t>(r.customers));
  w.Key("customers_after_calibration").Int(static_cast<int64_t>(r.later_customers));
  w.Key("purchase_events").Int(static_cast<int64_t>(r.purchase_events));
  w.Key("calibration_end").String(r.calibration_end);
  w.Key("holdout");
  if (r.has_holdout) {
    w.BeginObject().Key("from").String(r.holdout_from).Key("to").String(r.holdout_to).EndObject();
  } else {
    w.Null();
  }
  w.Key("horizon").Number(r.horizon);
  w.Key("annual_discount_rate").Number(r.annual_discount_rate);
  w.Key("params").BeginObject();
  for (size_t k = 0; k < r.param_names.size(); ++k) w.Key(r.param_names[k]).Number(r.fit.params[k]);
  w.EndObject();
  w.Key("std_errors").BeginObject();
  for (size_t k = 0; k < r.param_names.size(); ++k) w.Key(r.param_names[k]).Number(r.fit.std_errors[k]);
  w.EndObject();
  w.Key("log_likelihood").Number(r.fit.log_likelihood);
  w.Key("converged").Bool(r.fit.converged);
  w.Key("warnings");
  Strings(r.fit.warnings, &w);
  w.Key("spend_model").BeginObject();
  w.Key("model").String("gamma-gamma");
  w.Key("frequency_spend_correlation").Number(r.spend.correlation);
  w.Key("correlation_warning").Bool(r.spend.correlation_warning);
  if (r.spend.fitted) {
    const auto& f = r.spend.fit;
    w.Key("p").Number(f.params.p).Key("q").Number(f.params.q).Key("v").Number(f.params.v);
    w.Key("std_errors").BeginObject();
    w.Key("p").Number(f.std_errors[0]).Key("q").Number(f.std_errors[1]).Key("v").Number(f.std_errors[2]);
    w.EndObject();
    w.Key("log_likelihood").Number(f.log_likelihood);
    w.Key("customers").Int(static_cast<int64_t>(f.customers));
    w.Key("converged").Bool(f.converged);
    w.Key("warnings");
    Strings(f.warnings, &w);
  } else {
    w.Key("error").String(r.spend.error);
  }
  w.EndObject();
  w.Key("totals").BeginObject();
  w.Key("expected_purchases").Number(r.total_expected_purchases);
  w.Key("clv").Number(r.total_clv);
  w.Key("mean_p_alive").Number(r.mean_p_alive);
  w.EndObject();
  w.Key("validation");
  if (r.validation) {
    Validation(*r.validation, &w);
  } else {
    w.Null();
  }
  const auto& rows = r.rows;
  w.Key("top_customers").BeginArray();
  for (size_t i : TopCustomers(rows)) {
    w.BeginObject().Key("customer_id").String(rows.customer_id[i]);
    w.Key("frequency").Number(rows.frequency[i]).Key("recency").Number(rows.recency[i]).Key("T").Number(rows.T[i]);
    w.Key("monetary").Number(rows.monetary[i]).Key("p_alive").Number(rows.p_alive[i]);
    w.Key("expected_purchases").Number(rows.expected_purchases[i]).Key("expected_spend").Number(rows.expected_spend[i]);
    w.Key("clv").Number(rows.clv[i]).EndObject();
  }
  w.EndArray();
}

std::string ClvTable(const models::ClvReport& r, size_t width) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof(line), "clv  model %s  unit %s  customers %llu  calibration end %s%s\n", r.model.c_str(),
                r.unit.c_str(), static_cast<unsigned long long>(r.customers), r.calibration_end.c_str(),
                r.has_holdout ? ("  holdout " + r.holdout_from + " .. " + r.holdout_to).c_str() : "");
  out += line;
  out += "\nparameter        value    std error\n";
  for (size_t k = 0; k < r.param_names.size(); ++k) {
    std::snprintf(line, sizeof(line), "%-9s %12s %12s\n", r.param_names[k].c_str(), FixedText(r.fit.params[k], 4).c_str(),
                  FixedText(r.fit.std_errors[k], 4).c_str());
    out += line;
  }
  out += "log-likelihood " + FixedText(r.fit.log_likelihood, 3) + (r.fit.converged ? "" : "  (not converged)") + "\n";
  for (const auto& warning : r.fit.warnings) out += Wrapped("warning: " + warning, width);
  out += "\n" + Wrapped("spend model (Gamma-Gamma): frequency-spend correlation " + FixedText(r.spend.correlation, 3) +
                        (r.spend.correlation_warning ? "  (correlated: the model's assumption is doubtful)" : ""),
                        width);
  if (r.spend.fitted) {
    const auto& f = r.spend.fit;
    out += "  p " + FixedText(f.params.p, 4) + "  q " + FixedText(f.params.q, 4) + "  v " + FixedText(f.params.v, 4) +
           "  log-likelihood " + FixedText(f.log_likelihood, 3) + "  repeat buyers " + std::to_string(f.customers) + "\n";
    for (const auto& warning : f.warnings) out += Wrapped("warning: " + warning, width);
  } else {
    out += Wrapped("  not fitted: " + r.spend.error, width);
  }
  std::snprintf(line, sizeof(line), "\nnext %s %s: expected purchases %s, CLV %s (discount %s a year), mean P(alive) %s\n",
                FixedText(r.horizon, 1).c_str(), r.unit.c_str(), FixedText(r.total_expected_purchases, 1).c_str(),
                FixedText(r.total_clv, 2).c_str(), FixedText(r.annual_discount_rate, 3).c_str(),
                FixedText(r.mean_p_alive, 3).c_str());
  out += line;
  if (r.validation) {
    const auto& v = *r.validation;
    out += "\nholdout (" + FixedText(v.holdout_length, 1) + " " + r.unit + "s): purchases per customer\n";
    out += "frequency  customers    actual  predicted\n";
    for (const auto& b : v.buckets) {
      std::snprintf(line, sizeof(line), "%-9s %10llu %9s %10s\n", b.label.c_str(),
                    static_cast<unsigned long long>(b.customers), FixedText(b.actual_mean, 3).c_str(),
                    FixedText(b.predicted_mean, 3).c_str());
      out += line;
    }
    out += "total: actual " + FixedText(v.actual_total, 0) + ", predicted " + FixedText(v.predicted_total, 1) +
           "; per customer MAE " + FixedText(v.mae, 3) + ", correlation " + FixedText(v.correlation, 3) + "\n";
  }
  const auto& rows = r.rows;
  out += "\ncustomer              frequency  P(alive)  expected  avg spend        CLV\n";
  for (size_t i : TopCustomers(rows)) {
    std::snprintf(line, sizeof(line), "%-20.20s %10.0f %9s %9s %10s %10s\n", rows.customer_id[i].c_str(), rows.frequency[i],
                  FixedText(rows.p_alive[i], 3).c_str(), FixedText(rows.expected_purchases[i], 2).c_str(),
                  FixedText(rows.expected_spend[i], 2).c_str(), FixedText(rows.clv[i], 2).c_str());
    out += line;
  }
  return out;
}

std::string ClvCustomersCsv(const models::ClvReport& r) {
  const auto& rows = r.rows;
  std::vector<CustomerColumn> columns = {
      {"frequency", &rows.frequency}, {"recency", &rows.recency},
      {"T", &rows.T},                 {"monetary", &rows.monetary},
      {"p_alive", &rows.p_alive},     {"expected_purchases", &rows.expected_purchases},
      {"expected_spend", &rows.expected_spend}, {"clv", &rows.clv},
  };
  std::vector<double> holdout(rows.holdout_purchases.begin(), rows.holdout_purchases.end());
  if (r.has_holdout) columns.push_back({"holdout_purchases", &holdout});
  return CustomerCsv(rows.customer_id, columns);
}

// The fits and the validation as a tidy table (report/csv_table.h).
std::string ClvCsv(const models::ClvReport& r) {
  TidyCsv csv({}, {"section", "item"});
  for (size_t k = 0; k < r.param_names.size(); ++k) {
    csv.Add(nullptr, {std::string("count_model"), r.param_names[k]}, {"estimate", r.fit.params[k]});
    csv.Add(nullptr, {std::string("count_model"), r.param_names[k]}, {"std_error", r.fit.std_errors[k]});
  }
  csv.Add(nullptr, {std::string("count_model"), CsvCell{}}, {"log_likelihood", r.fit.log_likelihood});
  csv.Add(nullptr, {std::string("spend_model"), CsvCell{}}, {"frequency_spend_correlation", r.spend.correlation});
  if (r.spend.fitted) {
    const auto& f = r.spend.fit;
    const std::pair<const char*, double> params[] = {{"p", f.params.p}, {"q", f.params.q}, {"v", f.params.v}};
    for (size_t k = 0; k < 3; ++k) {
      csv.Add(nullptr, {std::string("spend_model"), std::string(params[k].first)}, {"estimate", params[k].second});
      csv.Add(nullptr, {std::string("spend_model"), std::string(params[k].first)}, {"std_error", f.std_errors[k]});
    }
    csv.Add(nullptr, {std::string("spend_model"), CsvCell{}}, {"log_likelihood", f.log_likelihood});
  }
  csv.Add(nullptr, {std::string("totals"), CsvCell{}}, {"customers", CsvInt(r.customers), "customers"});
  csv.Add(nullptr, {std::string("totals"), CsvCell{}}, {"expected_purchases", r.total_expected_purchases, "purchases"});
  csv.Add(nullptr, {std::string("totals"), CsvCell{}}, {"clv", r.total_clv, "money"});
  csv.Add(nullptr, {std::string("totals"), CsvCell{}}, {"mean_p_alive", r.mean_p_alive});
  if (r.validation) {
    for (const auto& b : r.validation->buckets) {
      const std::vector<CsvCell> dims = {std::string("validation"), b.label};
      csv.Add(nullptr, dims, {"customers", CsvInt(b.customers), "customers"});
      csv.Add(nullptr, dims, {"actual", b.actual_mean, "purchases per customer"});
      csv.Add(nullptr, dims, {"predicted", b.predicted_mean, "purchases per customer"});
    }
    csv.Add(nullptr, {std::string("validation"), CsvCell{}}, {"mae", r.validation->mae});
    csv.Add(nullptr, {std::string("validation"), CsvCell{}}, {"correlation", r.validation->correlation});
  }
  return csv.Render();
}

std::unique_ptr<ResultBody> ClvBody(models::ClvReport report) {
  return std::make_unique<ReportBody<models::ClvReport>>(
      std::move(report), ClvJsonBody, ClvCsv, [](const models::ClvReport& r, const TableOptions& o) { return ClvTable(r, o.width); });
}
}  // namespace touchpoint::report
