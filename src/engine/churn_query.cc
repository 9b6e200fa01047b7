#include "engine/churn_query.h"

#include <algorithm>

#include "engine/analysis_scan.h"
#include "models/churn_consumer.h"
#include "models/churn_drivers.h"
#include "util/stopwatch.h"
#include "util/thread_pool.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

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

// At most `max_rows` rows of `rows`, evenly spaced (all of them when fewer).
// Rows arrive in customer-hash order, so the spacing samples customers at
// random, the same ones on every run.
models::ChurnRows EvenSample(const models::ChurnRows& rows, size_t max_rows, size_t cols) {
  models::ChurnRows s;
  s.rows = std::min(rows.rows, std::max<size_t>(max_rows, 1));
  s.x.resize(s.rows * cols);
  s.label.resize(s.rows);
  for (size_t k = 0; k < s.rows; ++k) {
    const size_t from = k * rows.rows / s.rows;
    std::copy_n(&rows.x[from * cols], cols, &s.x[k * cols]);
    s.label[k] = rows.label[from];
  }
  return s;
}

// Learns on `train`, judges on every row of `test`: AUC, top decile,
// calibration, and the drivers from exact TreeSHAP on an even sample of the
// test rows (its cost grows with rows x trees x leaves x depth^2, and a
// mean needs no more).
Status Evaluate(const models::ChurnRows& train, const models::ChurnRows& test, size_t cols, models::ChurnReport* r) {
  TP_ASSIGN_OR_RETURN(models::BoostedTrees model,
                      models::BoostedTrees::Train(train.x, train.label, train.rows, cols, r->params));
  TP_ASSIGN_OR_RETURN(std::vector<float> predicted, model.Predict(test.x, test.rows));
  r->auc = models::RocAuc(predicted, test.label);
  r->top_decile = models::TopDecileMetrics(predicted, test.label);
  r->calibration = models::CalibrationByDecile(predicted, test.label);
  const models::ChurnRows shap_rows = EvenSample(test, kShapSampleRows, cols);
  TP_ASSIGN_OR_RETURN(std::vector<float> shap, model.Contributions(shap_rows.x, shap_rows.rows));
  r->drivers = models::ChurnDrivers(shap, shap_rows.x, shap_rows.rows, r->features);
  return Status::OK();
}

// Learns on `train` and gives each row of `score` its risk.
Status Score(const models::ChurnRows& train, const models::ChurnRows& score, size_t cols,
             const models::BoostingParams& params, std::vector<float>* risk) {
  TP_ASSIGN_OR_RETURN(models::BoostedTrees model,
                      models::BoostedTrees::Train(train.x, train.label, train.rows, cols, params));
  TP_ASSIGN_OR_RETURN(*risk, model.Predict(score.x, score.rows));
  return Status::OK();
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
  Stopwatch clock;
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
  const models::ChurnRows train_sample = EvenSample(train, req.max_training_rows, cols);
  const models::ChurnRows test_sample = EvenSample(test, req.max_training_rows, cols);
  r.train.trained_on = train_sample.rows;
  r.test.trained_on = test_sample.rows;
  r.timings.scan = clock.Lap();

  // Two independent models: one learns on the training window and is judged
  // on the test window; the other learns on the test window, whose outcome
  // is known at as_of, and scores the customers active at as_of. Each runs
  // XGBoost on one thread, so with two threads they train side by side.
  Status status[2];
  double seconds[2] = {};
  std::vector<float> risk;
  RunParallel(2, threads, [&](size_t task) {
    Stopwatch task_clock;
    status[task] = task == 0 ? Evaluate(train_sample, test, cols, &r) : Score(test_sample, score, cols, r.params, &risk);
    seconds[task] = task_clock.Lap();
  });
  TP_RETURN_IF_ERROR(status[0]);
  TP_RETURN_IF_ERROR(status[1]);
  r.timings.evaluate = seconds[0];
  r.timings.score = seconds[1];
  r.customer_id = std::move(score.customer_id);
  r.risk.assign(risk.begin(), risk.end());
  r.header = analysis.Finish();
  return r;
}

}  // namespace touchpoint::engine
