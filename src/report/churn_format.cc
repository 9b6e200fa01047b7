#include "report/churn_format.h"

#include <cmath>
#include <cstdio>

#include "report/customer_csv.h"
#include "report/csv_table.h"
#include "report/json_writer.h"
#include "util/time.h"

namespace touchpoint::report {
namespace {

constexpr double kMsPerDay = 86400.0 * 1000.0;

void Split(const models::ChurnSplit& s, JsonWriter* w) {
  w->BeginObject();
  w->Key("cutoff").String(s.cutoff);
  w->Key("customers").Int(static_cast<int64_t>(s.customers));
  w->Key("churned").Int(static_cast<int64_t>(s.churned));
  w->Key("churn_rate").Number(s.churn_rate);
  w->Key("trained_on").Int(static_cast<int64_t>(s.trained_on));
  w->EndObject();
}

std::string_view Direction(int d) { return d > 0 ? "raises risk" : d < 0 ? "lowers risk" : "mixed"; }

}  // namespace

void ChurnJsonBody(const models::ChurnReport& r, JsonWriter& w) {
  w.Key("as_of").String(r.as_of);
  w.Key("horizon_s").Int(r.horizon_ms / 1000);
  w.Key("lookback_s").Int(r.lookback_ms / 1000);
  w.Key("model").BeginObject();
  w.Key("kind").String("gradient-boosted trees (xgboost, binary:logistic)");
  w.Key("rounds").Int(r.params.rounds);
  w.Key("max_depth").Int(r.params.max_depth);
  w.Key("learning_rate").Number(r.params.learning_rate);
  w.Key("subsample").Number(r.params.subsample);
  w.Key("min_child_weight").Number(r.params.min_child_weight);
  w.EndObject();
  w.Key("features").BeginArray();
  for (const auto& f : r.features) w.String(f);
  w.EndArray();
  w.Key("train");
  Split(r.train, &w);
  w.Key("test");
  Split(r.test, &w);
  w.Key("auc").Number(r.auc);
  w.Key("top_decile").BeginObject();
  w.Key("customers").Int(static_cast<int64_t>(r.top_decile.customers));
  w.Key("precision").Number(r.top_decile.precision);
  w.Key("recall").Number(r.top_decile.recall);
  w.Key("lift").Number(r.top_decile.lift);
  w.EndObject();
  w.Key("calibration").BeginArray();
  for (size_t k = 0; k < r.calibration.size(); ++k) {
    const auto& b = r.calibration[k];
    w.BeginObject();
    w.Key("decile").Int(static_cast<int64_t>(k + 1));
    w.Key("customers").Int(static_cast<int64_t>(b.customers));
    w.Key("predicted").Number(b.predicted);
    w.Key("actual").Number(b.actual);
    w.EndObject();
  }
  w.EndArray();
  w.Key("drivers").BeginArray();
  for (const auto& d : r.drivers) {
    w.BeginObject();
    w.Key("feature").String(d.feature);
    w.Key("mean_abs_shap").Number(d.mean_abs_shap);
    w.Key("share").Number(d.share);
    w.Key("direction").Int(d.direction);
    w.EndObject();
  }
  w.EndArray();
  w.Key("scored_customers").Int(static_cast<int64_t>(r.risk.size()));
  double mean = 0;
  for (double v : r.risk) mean += v / static_cast<double>(r.risk.size());
  w.Key("mean_risk").Number(r.risk.empty() ? NAN : mean);

}

std::string ChurnTable(const models::ChurnReport& r) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof(line), "churn risk as of %s, horizon %s d, active = activity in the %s d before\n",
                r.as_of.c_str(), FixedText(r.horizon_ms / kMsPerDay, 0).c_str(),
                FixedText(r.lookback_ms / kMsPerDay, 0).c_str());
  out += line;
  std::snprintf(line, sizeof(line), "train: cut-off %s, %llu customers, %.1f%% churned\n", r.train.cutoff.c_str(),
                static_cast<unsigned long long>(r.train.customers), 100 * r.train.churn_rate);
  out += line;
  std::snprintf(line, sizeof(line), "test:  cut-off %s, %llu customers, %.1f%% churned\n", r.test.cutoff.c_str(),
                static_cast<unsigned long long>(r.test.customers), 100 * r.test.churn_rate);
  out += line;
  out += "\nAUC " + FixedText(r.auc, 3) + "; top decile (" + std::to_string(r.top_decile.customers) +
         " customers): precision " + FixedText(100 * r.top_decile.precision, 1) + "%, recall " +
         FixedText(100 * r.top_decile.recall, 1) + "%, lift " + FixedText(r.top_decile.lift, 2) + "\n";
  out += "\ncalibration  customers  predicted   actual\n";
  for (size_t k = 0; k < r.calibration.size(); ++k) {
    const auto& b = r.calibration[k];
    std::snprintf(line, sizeof(line), "decile %-5zu %10llu %9s%% %7s%%\n", k + 1,
                  static_cast<unsigned long long>(b.customers), FixedText(100 * b.predicted, 1).c_str(),
                  FixedText(100 * b.actual, 1).c_str());
    out += line;
  }
  out += "\ntop drivers (mean |SHAP|, log-odds)\n";
  for (size_t k = 0; k < r.drivers.size() && k < 10; ++k) {
    const auto& d = r.drivers[k];
    std::snprintf(line, sizeof(line), "%-24s %8s %6s%%  higher values %s\n", d.feature.c_str(),
                  FixedText(d.mean_abs_shap, 3).c_str(), FixedText(100 * d.share, 1).c_str(),
                  std::string(Direction(d.direction)).c_str());
    out += line;
  }
  out += "\n" + std::to_string(r.risk.size()) + " active customers scored\n";
  return out;
}

std::string ChurnCustomersCsv(const models::ChurnReport& r) {
  return CustomerCsv(r.customer_id, {{"churn_risk", &r.risk}});
}

// Evaluation, calibration and drivers as a tidy table (report/csv_table.h).
std::string ChurnCsv(const models::ChurnReport& r) {
  TidyCsv csv({}, {"section", "item"});
  csv.Add(nullptr, {std::string("evaluation"), CsvCell{}}, {"auc", r.auc});
  csv.Add(nullptr, {std::string("evaluation"), std::string("top_decile")}, {"precision", r.top_decile.precision});
  csv.Add(nullptr, {std::string("evaluation"), std::string("top_decile")}, {"recall", r.top_decile.recall});
  csv.Add(nullptr, {std::string("evaluation"), std::string("top_decile")}, {"lift", r.top_decile.lift});
  for (size_t k = 0; k < r.calibration.size(); ++k) {
    const std::vector<CsvCell> dims = {std::string("calibration"), CsvInt(k + 1)};
    csv.Add(nullptr, dims, {"customers", CsvInt(r.calibration[k].customers), "customers"});
    csv.Add(nullptr, dims, {"predicted", r.calibration[k].predicted});
    csv.Add(nullptr, dims, {"actual", r.calibration[k].actual});
  }
  for (const auto& d : r.drivers) {
    csv.Add(nullptr, {std::string("driver"), d.feature}, {"mean_abs_shap", d.mean_abs_shap});
    csv.Add(nullptr, {std::string("driver"), d.feature}, {"share", d.share});
  }
  return csv.Render();
}

std::unique_ptr<ResultBody> ChurnBody(models::ChurnReport report) {
  return std::make_unique<ReportBody<models::ChurnReport>>(
      std::move(report), ChurnJsonBody, ChurnCsv,
      [](const models::ChurnReport& r, const TableOptions&) { return ChurnTable(r); });
}
}  // namespace touchpoint::report
