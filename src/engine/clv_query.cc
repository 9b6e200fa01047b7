#include "engine/clv_query.h"

#include <cmath>
#include <tuple>

#include "engine/analysis_scan.h"
#include "models/clv_scoring.h"
#include "models/count_model.h"
#include "models/purchase_summary.h"
#include "util/stopwatch.h"
#include "util/thread_pool.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

// CLV discounts each week's expected purchases at the week's end.
constexpr double kDiscountStepDays = 7;
constexpr double kDaysPerYear = 365.25;

Status CheckRequest(const ClvRequest& req) {
  if (!req.by.empty()) return Status::InvalidArgument("clv fits one model for the whole store: --by is not supported");
  if (req.unit != "week" && req.unit != "day") {
    return Status::InvalidArgument("--unit must be week or day, not '" + req.unit + "'");
  }
  if (req.horizon_ms <= 0) return Status::InvalidArgument("--horizon must be positive");
  if (!(req.annual_discount_rate >= 0) || !std::isfinite(req.annual_discount_rate)) {
    return Status::InvalidArgument("--annual-discount-rate must be a number >= 0");
  }
  return Status::OK();
}

}  // namespace

Result<models::ClvReport> RunClv(std::shared_ptr<const store::Snapshot> snapshot, const ClvRequest& req) {
  TP_RETURN_IF_ERROR(CheckRequest(req));
  TP_ASSIGN_OR_RETURN(models::CountModelKind kind, models::ParseCountModel(req.model));
  const size_t threads = req.threads == 0 ? DefaultThreadCount() : req.threads;
  AnalysisScan analysis(snapshot, "clv");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  Stopwatch clock;
  models::PurchaseSummarySpec spec;
  spec.zone = analysis.zone();
  spec.where = analysis.where();
  std::tie(spec.from_ms, spec.to_ms) = analysis.range();
  if (spec.to_ms <= spec.from_ms) return Status::InvalidArgument("empty range: no data to fit");
  spec.calibration_end_ms = req.calibration_end_ms.value_or(spec.to_ms - 1);
  if (spec.calibration_end_ms < spec.from_ms || spec.calibration_end_ms >= spec.to_ms) {
    return Status::InvalidArgument("--calibration-end " + FormatTimestamp(spec.calibration_end_ms) +
                                   " is outside the range " + FormatTimestamp(spec.from_ms) + " .. " +
                                   FormatTimestamp(spec.to_ms));
  }
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<models::PurchaseSummaryConsumer>(spec, threads));
  const models::PurchaseSummary& s = run.consumer->summary();

  models::ClvReport r;
  r.timings.scan = clock.Lap();
  r.model = std::string(models::CountModelName(kind));
  r.unit = req.unit;
  const int last_day = spec.days.size() - 1;
  r.calibration_end = spec.days.label(spec.calibration_end_day);
  r.has_holdout = spec.calibration_end_day < last_day;
  if (r.has_holdout) {
    r.holdout_from = spec.days.label(spec.calibration_end_day + 1);
    r.holdout_to = spec.days.label(last_day);
  }
  const double unit_days = req.unit == "week" ? 7.0 : 1.0;
  r.horizon = static_cast<double>(req.horizon_ms) / static_cast<double>(kMillisPerDay) / unit_days;
  r.annual_discount_rate = req.annual_discount_rate;
  r.customers = s.size();
  r.later_customers = s.later_customers;
  r.purchase_events = s.purchase_events;
  if (s.size() == 0) return Status::InvalidArgument("no purchases on or before the calibration end: nothing to fit");

  // The summary in model units.
  models::ClvCustomers& rows = r.rows;
  const size_t n = s.size();
  rows.customer_id = s.customer_id;
  rows.frequency.resize(n);
  rows.recency.resize(n);
  rows.T.resize(n);
  rows.monetary = s.monetary;
  for (size_t i = 0; i < n; ++i) {
    rows.frequency[i] = s.frequency[i];
    rows.recency[i] = s.recency_days[i] / unit_days;
    rows.T[i] = s.age_days[i] / unit_days;
  }
  if (r.has_holdout) rows.holdout_purchases = s.holdout_purchases;

  const auto model = models::MakeCountModel(kind);
  for (auto name : model->param_names()) r.param_names.emplace_back(name);
  for (size_t i = 0; i < n; ++i) {
    if (s.age_days[i] >= models::kMaxCompressDays || s.frequency[i] >= models::kMaxCompressDays) {
      return Status::InvalidArgument("the range spans more than " + std::to_string(models::kMaxCompressDays) + " days");
    }
  }
  const models::RfmData data = models::CompressDays(s.frequency, s.recency_days, s.age_days, unit_days);
  TP_ASSIGN_OR_RETURN(r.fit, models::FitCountModel(*model, data, threads));
  r.timings.fit = clock.Lap();

  r.spend.correlation = models::FrequencySpendCorrelation(rows.frequency, rows.monetary);
  r.spend.correlation_warning = std::fabs(r.spend.correlation) >= models::kSpendCorrelationWarning;
  auto spend = models::FitGammaGamma(rows.frequency, rows.monetary, threads);
  if (spend.ok()) {
    r.spend.fitted = true;
    r.spend.fit = std::move(spend).value();
  } else {
    r.spend.error = spend.status().message();
  }
  r.timings.spend = clock.Lap();

  models::ClvScoringSpec scoring;
  scoring.horizon = r.horizon;
  scoring.step = std::fmin(kDiscountStepDays / unit_days, r.horizon);
  scoring.annual_discount_rate = req.annual_discount_rate;
  scoring.units_per_year = kDaysPerYear / unit_days;
  scoring.threads = threads;
  models::ClvScores scores = models::ScoreCustomers(*model, r.fit.params, r.spend.fitted ? &r.spend.fit.params : nullptr,
                                                    rows.frequency, rows.recency, rows.T, rows.monetary, scoring);
  rows.p_alive = std::move(scores.p_alive);
  rows.expected_purchases = std::move(scores.expected_purchases);
  rows.expected_spend = std::move(scores.expected_spend);
  rows.clv = std::move(scores.clv);
  for (size_t i = 0; i < n; ++i) {
    r.total_expected_purchases += rows.expected_purchases[i];
    r.total_clv += rows.clv[i];
    r.mean_p_alive += rows.p_alive[i] / static_cast<double>(n);
  }
  r.timings.score = clock.Lap();

  if (r.has_holdout) {
    models::HoldoutValidation v;
    v.holdout_length = (last_day - spec.calibration_end_day) / unit_days;
    models::ClvScoringSpec holdout;
    holdout.horizon = holdout.step = v.holdout_length;
    holdout.annual_discount_rate = 0;
    holdout.threads = threads;
    const models::ClvScores predicted = models::ScoreCustomers(*model, r.fit.params, nullptr, rows.frequency,
                                                               rows.recency, rows.T, rows.monetary, holdout);
    models::CompareHoldout(rows.frequency, predicted.expected_purchases, rows.holdout_purchases, &v);
    v.tracking = models::Tracking(*model, r.fit.params, s.first_day, s.repeat_by_day, spec.days,
                                  spec.calibration_end_day, last_day, static_cast<int>(unit_days), unit_days);
    r.validation = std::move(v);
  }
  r.timings.validation = clock.Lap();
  r.header = analysis.Finish();
  return r;
}

}  // namespace touchpoint::engine
