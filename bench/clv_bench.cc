// clv_bench: the lifetime-value path of the engine (engine/clv_query.h:
// scan, purchase summary, BG/NBD and Gamma-Gamma fits, every customer
// scored) on customers simulated from the models with known parameters, so
// each run is also a recovery check (bench/RESULTS.md, "Prediction").
//
//   clv_bench make DIR CUSTOMERS [SEED]  simulate, write a compacted store in
//                                        DIR/store and the ready summary
//                                        DIR/summary.csv (for the scipy peer)
//   clv_bench run DIR [THREADS]          RunClv on DIR/store; prints the
//                                        stage times, the fits and the
//                                        recovery check
//   clv_bench churn STORE [THREADS [ROUNDS [ETA [MAX_ROWS]]]]
//                                        RunChurn on any store (e.g. demo
//                                        data): customers per window, stage
//                                        times, AUC; the model's settings
//                                        overridden where given (0: default)
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "engine/churn_query.h"
#include "engine/clv_query.h"
#include "models/count_model_fit.h"
#include "models/simulate.h"
#include "report/clv_format.h"
#include "store/load_writer.h"
#include "store/store.h"
#include "util/file.h"

namespace touchpoint {
namespace {

// CDNOW's published fits (FHL 2005; Fader & Hardie 2013), weekly units.
constexpr models::CountParams kTruth = {0.243, 4.414, 0.793, 2.426};
constexpr models::GammaGammaParams kSpendTruth = {6.25, 3.74, 15.44};
// First purchases over 12 weeks, observed for 52: about 2.2 purchases each.
constexpr double kAcquisitionWeeks = 12, kEndWeeks = 52;
constexpr int64_t kStartMs = 1704067200000;  // 2024-01-01T00:00:00Z
constexpr int64_t kWeekMs = 7 * 86400 * 1000LL;
constexpr size_t kBatchRows = 1 << 20;

int Make(const std::string& dir, size_t customers, uint64_t seed) {
  models::SimulationSpec spec;
  spec.kind = models::CountModelKind::kBgNbd;
  spec.params = kTruth;
  spec.spend = kSpendTruth;
  spec.acquisition_span = kAcquisitionWeeks;
  spec.end = kEndWeeks;
  spec.seed = seed;
  const models::SimulatedPurchases s = models::SimulatePurchases(spec, customers);
  std::filesystem::remove_all(dir + "/store");
  std::filesystem::create_directories(dir);
  auto store = store::Store::Open(dir + "/store", store::StoreOptions{});
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().ToString().c_str()), 1;
  auto load = (*store)->BeginLoad("clv_bench", seed, s.time.size(), false);
  if (!load.ok()) return std::fprintf(stderr, "%s\n", load.status().ToString().c_str()), 1;
  EventBatch batch;
  for (size_t i = 0; i < s.time.size(); ++i) {
    EventRow row;
    const std::string id = "c" + std::to_string(s.customer[i]);
    row.customer_id = id;
    row.timestamp_ms = kStartMs + static_cast<int64_t>(s.time[i] * kWeekMs);
    row.event = "purchase";
    row.revenue = std::round(s.value[i] * 100) / 100;
    batch.Append(row);
    if (batch.size() == kBatchRows || i + 1 == s.time.size()) {
      if (Status st = (*load)->Add(batch); !st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
      batch = EventBatch();
    }
  }
  store::LoadEntry entry;
  if (Status st = (*load)->Commit(&entry); !st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
  store::CompactStats compact;
  if (Status st = (*store)->Compact(&compact); !st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
  // The ready summary for the peer, from the engine's own pass.
  auto snapshot = (*store)->GetSnapshot();
  engine::ClvRequest req;
  auto report = engine::RunClv(*snapshot, req);
  if (!report.ok()) return std::fprintf(stderr, "%s\n", report.status().ToString().c_str()), 1;
  if (Status st = WriteFileSynced(dir + "/summary.csv", report::ClvCustomersCsv(*report)); !st.ok()) {
    return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
  }
  std::printf("customers %zu purchases %zu (%.2f per customer), parts %zu\n", customers, s.time.size(),
              static_cast<double>(s.time.size()) / static_cast<double>(customers), compact.parts_after);
  // Recovery in the model's own continuous time (no calendar days): what
  // the fit recovers before same-day purchases merge and days round.
  auto fit = models::FitCountModel(*models::MakeCountModel(models::CountModelKind::kBgNbd), models::SimulatedRfm(s, kEndWeeks), 2);
  if (fit.ok()) {
    std::printf("continuous-time fit:");
    for (size_t k = 0; k < 4; ++k) {
      std::printf("  %.5f (se %.5f, truth %.3f, z %+.2f)", fit->params[k], fit->std_errors[k], kTruth[k],
                  (fit->params[k] - kTruth[k]) / fit->std_errors[k]);
    }
    std::printf("\n");
  }
  return 0;
}

int Run(const std::string& dir, size_t threads) {
  auto store = store::Store::Open(dir + "/store", store::StoreOptions{true, true});
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().ToString().c_str()), 1;
  engine::ClvRequest req;
  req.threads = threads;
  auto report = engine::RunClv((*store)->GetSnapshot().value(), req);
  if (!report.ok()) return std::fprintf(stderr, "%s\n", report.status().ToString().c_str()), 1;
  const models::ClvReport& r = *report;
  std::printf("customers %llu  query %.3f s: scan+summary %.3f  fit %.3f  spend %.3f  score %.3f\n",
              static_cast<unsigned long long>(r.customers), r.header.seconds, r.timings.scan, r.timings.fit, r.timings.spend,
              r.timings.score);
  std::printf("bgnbd LL %.4f  evaluations %d\n", r.fit.log_likelihood, r.fit.evaluations);
  for (size_t k = 0; k < 4; ++k) {
    const double z = (r.fit.params[k] - kTruth[k]) / r.fit.std_errors[k];
    std::printf("  %-6s %.5f (se %.5f)  truth %.3f  z %+.2f\n", r.param_names[k].c_str(), r.fit.params[k],
                r.fit.std_errors[k], kTruth[k], z);
  }
  const auto& g = r.spend.fit;
  std::printf("gamma-gamma LL %.4f  p %.4f (se %.4f, truth 6.25)  q %.4f (se %.4f, truth 3.74)  v %.4f (se %.4f, "
              "truth 15.44)\n",
              g.log_likelihood, g.params.p, g.std_errors[0], g.params.q, g.std_errors[1], g.params.v, g.std_errors[2]);
  std::printf("totals: expected purchases %.2f  clv %.2f  mean p_alive %.6f\n", r.total_expected_purchases, r.total_clv,
              r.mean_p_alive);
  return 0;
}

// ROUNDS, ETA and MAX_ROWS override the model's defaults (0: keep), for
// trying settings on a large store.
int Churn(const std::string& dir, size_t threads, int rounds, double eta, size_t max_rows) {
  auto store = store::Store::Open(dir, store::StoreOptions{true, true});
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().ToString().c_str()), 1;
  engine::ChurnRequest req;
  req.threads = threads;
  if (rounds > 0) req.boosting.rounds = rounds;
  if (eta > 0) req.boosting.learning_rate = eta;
  if (max_rows > 0) req.max_training_rows = max_rows;
  auto r = engine::RunChurn((*store)->GetSnapshot().value(), req);
  if (!r.ok()) return std::fprintf(stderr, "%s\n", r.status().ToString().c_str()), 1;
  std::printf("train %llu customers (%.1f%% churned), test %llu, scored %zu (models learned from %llu and %llu); query %.3f s: "
              "scan %.3f  evaluate %.3f  refit+score %.3f (side by side); AUC %.4f, top-decile precision %.3f recall %.3f\n",
              static_cast<unsigned long long>(r->train.customers), 100 * r->train.churn_rate,
              static_cast<unsigned long long>(r->test.customers), r->risk.size(),
              static_cast<unsigned long long>(r->train.trained_on), static_cast<unsigned long long>(r->test.trained_on),
              r->header.seconds, r->timings.scan, r->timings.evaluate, r->timings.score, r->auc, r->top_decile.precision,
              r->top_decile.recall);
  return 0;
}

}  // namespace
}  // namespace touchpoint

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "make" && argc >= 4) {
    return touchpoint::Make(argv[2], std::strtoull(argv[3], nullptr, 10), argc > 4 ? std::strtoull(argv[4], nullptr, 10) : 1);
  }
  if (mode == "churn" && argc >= 3) {
    auto arg = [&](int i) { return argc > i ? argv[i] : "0"; };
    return touchpoint::Churn(argv[2], std::strtoull(arg(3), nullptr, 10), std::atoi(arg(4)), std::atof(arg(5)),
                             std::strtoull(arg(6), nullptr, 10));
  }
  if (mode == "run" && argc >= 3) return touchpoint::Run(argv[2], argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 0);
  std::fprintf(stderr, "usage: clv_bench make DIR CUSTOMERS [SEED] | clv_bench run DIR [THREADS] | clv_bench churn STORE [THREADS [ROUNDS [ETA [MAX_ROWS]]]]\n");
  return 2;
}
