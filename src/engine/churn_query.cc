#include "engine/churn_query.h"

#include <algorithm>
#include <chrono>

#include "engine/analysis_scan.h"
#include "models/churn_consumer.h"
#include "models/churn_drivers.h"
#include "util/thread_pool.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

double Since(std::chrono::steady_clock::time_point* t) {
  const auto now = std::chrono::steady_clock::now();
  const double s = std::chrono::duration<double>(now - *t).count();
  *t = now;
  return s;
}

models::ChurnSplit Split(const models::ChurnRows& rows, int64_t cutoff) {
  models::ChurnSplit s;
  s.cutoff = FormatTimestamp(cutoff);
  s.customers = rows.rows;
  for (float y : rows.label) s.churned += y > 0.5f;
  s.churn_rate = rows.rows > 0 ? static_cast<double>(s.churned) / static_cast<double>(rows.rows) : 0;
  return s;
}

Status CheckClasses(const models::ChurnSplit& s, const char* window) {
  const uint64_t stayed = s.customers - s.churned;
  if (s.churned >= kMinChurnClass && stayed >= kMinChurnClass) return Status::OK();
  return Status::InvalidArgument(std::string("too few examples to learn churn from: the ") + window +
                                 " window (cut-off " + s.cutoff + ") has " + std::to_string(s.churned) +
                                 " customers who churned and " + std::to_string(stayed) + " who stayed; at least " +
                                 std::to_string(kMinChurnClass) +
                                 " of each are needed (a longer history, a shorter --horizon or an earlier --as-of helps)");
}

}  // namespace

Result<models::ChurnReport> RunChurn(std::shared_ptr<const store::Snapshot> snapshot, const ChurnRequest& req) {
  if (!req.by.empty()) return Status::InvalidArgument("churn fits one model for the whole store: --by is not supported");
  if (req.horizon_ms <= 0) return Status::InvalidArgument("--horizon must be positive");
  if (req.lookback_ms <= 0) return Status::InvalidArgument("the lookback window must be positive");
  if (req.boosting.rounds < 1 || req.boosting.max_depth < 1 || !(req.boosting.learning_rate > 0)) {
    return Status::InvalidArgument("boosting needs at least one round, a depth >= 1 and a positive learning rate");
  }
  const size_t threads = req.threads == 0 ? DefaultThreadCount() : req.threads;
  AnalysisScan analysis(snapshot, "churn");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  auto clock = std::chrono::steady_clock::now();
  models::ChurnSpec spec;
  spec.where = analysis.where();
  const auto [from_ms, to_ms] = analysis.range();
  spec.as_of_ms = req.as_of_ms.value_or(to_ms);
  spec.horizon_ms = req.horizon_ms;
  spec.lookback_ms = req.lookback_ms;
  spec.features.window_ms = req.horizon_ms;
  spec.features.defs = req.definitions;
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<models::ChurnConsumer>(spec, threads));
  models::ChurnConsumer& consumer = *run.consumer;

  models::ChurnReport r;
  r.timings.scan = Since(&clock);
  r.as_of = FormatTimestamp(spec.as_of_ms);
  r.horizon_ms = req.horizon_ms;
  r.lookback_ms = req.lookback_ms;
  r.params = req.boosting;
  r.features = spec.features.feature_names;
  const models::ChurnRows& train = consumer.set(models::kTrainSet);
  const models::ChurnRows& test = consumer.set(models::kTestSet);
  models::ChurnRows& score = consumer.set(models::kScoreSet);
  r.train = Split(train, spec.cutoff[models::kTrainSet]);
  r.test = Split(test, spec.cutoff[models::kTestSet]);
  TP_RETURN_IF_ERROR(CheckClasses(r.train, "training"));
  TP_RETURN_IF_ERROR(CheckClasses(r.test, "test"));
  const size_t cols = r.features.size();

  TP_ASSIGN_OR_RETURN(models::BoostedTrees model,
                      models::BoostedTrees::Train(train.x, train.label, train.rows, cols, r.params));
  r.timings.train = Since(&clock);
  TP_ASSIGN_OR_RETURN(std::vector<float> predicted, model.Predict(test.x, test.rows));
  r.auc = models::RocAuc(predicted, test.label);
  r.top_decile = models::TopDecileMetrics(predicted, test.label);
  r.calibration = models::CalibrationByDecile(predicted, test.label);
  // Drivers from exact TreeSHAP on an even sample of the test rows: its cost
  // grows with rows x trees x leaves x depth^2, and a mean needs no more.
  const size_t sample = std::min(test.rows, kShapSampleRows);
  std::vector<float> sample_x(sample * cols);
  for (size_t k = 0; k < sample; ++k) {
    std::copy_n(&test.x[(k * test.rows / sample) * cols], cols, &sample_x[k * cols]);
  }
  TP_ASSIGN_OR_RETURN(std::vector<float> shap, model.Contributions(sample_x, sample));
  r.drivers = models::ChurnDrivers(shap, sample_x, sample, r.features);
  r.timings.evaluate = Since(&clock);

  // The same procedure one horizon later: learn on the test window, whose
  // outcome is known at as_of, and score the customers active at as_of.
  TP_ASSIGN_OR_RETURN(models::BoostedTrees latest,
                      models::BoostedTrees::Train(test.x, test.label, test.rows, cols, r.params));
  TP_ASSIGN_OR_RETURN(std::vector<float> risk, latest.Predict(score.x, score.rows));
  r.customer_id = std::move(score.customer_id);
  r.risk.assign(risk.begin(), risk.end());
  r.timings.score = Since(&clock);
  r.header = analysis.Finish();
  return r;
}

}  // namespace touchpoint::engine
