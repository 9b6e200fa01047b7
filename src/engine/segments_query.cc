#include "engine/segments_query.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "engine/analysis_scan.h"
#include "models/feature_snapshot.h"
#include "models/kmeans.h"
#include "models/rfm_segments.h"
#include "models/segment_profile.h"
#include "util/thread_pool.h"
#include "util/time.h"

namespace touchpoint::engine {
namespace {

// The behaviour features k-means clusters on (churn_features.h names),
// log1p-transformed: counts and money are heavy-tailed.
constexpr const char* kClusterFeatures[] = {"recency_days", "tenure_days", "active_days", "sessions", "page_views",
                                            "purchases",    "revenue",     "support_tickets", "feature_uses",
                                            "events_recent"};

int Column(const std::vector<std::string>& names, std::string_view name) {
  for (size_t j = 0; j < names.size(); ++j) {
    if (names[j] == name) return static_cast<int>(j);
  }
  return -1;
}

struct Snapshot {
  std::vector<std::string> names, ids;
  std::vector<float> rows;
  kernels::ResultHeader header;
};

Result<Snapshot> TakeSnapshot(std::shared_ptr<const store::Snapshot> snapshot, const SegmentsRequest& req,
                              int64_t* as_of) {
  AnalysisScan analysis(snapshot, "segments");
  TP_RETURN_IF_ERROR(analysis.Begin(req));
  models::FeatureSnapshotSpec spec;
  spec.at_ms = *as_of = req.as_of_ms.value_or(analysis.range().second);
  spec.where = analysis.where();
  spec.features.defs = req.definitions;
  TP_ASSIGN_OR_RETURN(auto run, analysis.Run<models::FeatureSnapshotConsumer>(
                                    spec, req.threads == 0 ? DefaultThreadCount() : req.threads));
  Snapshot s;
  s.names = spec.features.feature_names;
  s.ids = std::move(run.consumer->customer_id());
  s.rows = std::move(run.consumer->rows());
  s.header = analysis.Finish();
  return s;
}

Status Rfm(const Snapshot& s, models::SegmentsReport* r) {
  const size_t cols = s.names.size();
  const int rec = Column(s.names, "days_since_purchase"), freq = Column(s.names, "purchases"),
            mon = Column(s.names, "revenue");
  std::vector<double> recency, frequency, monetary;
  std::vector<size_t> who;
  for (size_t i = 0; i < s.ids.size(); ++i) {
    if (!(s.rows[i * cols + freq] > 0)) continue;
    who.push_back(i);
    recency.push_back(s.rows[i * cols + rec]);
    frequency.push_back(s.rows[i * cols + freq]);
    monetary.push_back(s.rows[i * cols + mon]);
  }
  if (who.empty()) return Status::InvalidArgument("no customer has a purchase before the as-of date: no RFM segments");
  const std::vector<int> R = models::QuintileScores(recency, true), F = models::QuintileScores(frequency, false),
                         M = models::QuintileScores(monetary, false);
  const auto& names = models::RfmSegmentNames();
  std::vector<std::string> segment_names(names.begin(), names.end());
  std::vector<int> label(who.size());
  std::vector<double> x(who.size() * 3);
  for (size_t k = 0; k < who.size(); ++k) {
    const std::string_view name = models::RfmSegmentName(R[k], F[k]);
    label[k] = static_cast<int>(std::find(names.begin(), names.end(), name) - names.begin());
    x[k * 3] = recency[k];
    x[k * 3 + 1] = frequency[k];
    x[k * 3 + 2] = monetary[k];
    r->customer_id.push_back(s.ids[who[k]]);
    r->segment.emplace_back(name);
    r->r_score.push_back(R[k]);
    r->f_score.push_back(F[k]);
    r->m_score.push_back(M[k]);
  }
  r->features = {"recency_days", "frequency", "monetary"};
  r->segments = models::ProfileSegments(x, r->features, monetary, label, segment_names);
  r->customers = who.size();
  return Status::OK();
}

Status KMeansSegments(const Snapshot& s, const SegmentsRequest& req, models::SegmentsReport* r) {
  const size_t cols = s.names.size(), rows = s.ids.size();
  std::vector<int> use;
  for (const char* f : kClusterFeatures) {
    const int j = Column(s.names, f);
    if (j >= 0) use.push_back(j);
  }
  const size_t d = use.size();
  if (rows <= req.min_k) return Status::InvalidArgument("too few active customers (" + std::to_string(rows) + ") for k-means");
  std::vector<double> raw(rows * d), x(rows * d);
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < d; ++j) {
      const float v = s.rows[i * cols + static_cast<size_t>(use[j])];
      raw[i * d + j] = std::isnan(v) ? 0.0 : v;
      x[i * d + j] = std::log1p(std::max(0.0, raw[i * d + j]));
    }
  }
  std::vector<double> mean, sd;
  models::Standardize(&x, rows, d, &mean, &sd);
  // Fit on an even sample, then assign everyone to the nearest centre.
  const size_t fit_rows = std::min(rows, kKMeansFitRows);
  std::vector<double> sample(fit_rows * d);
  for (size_t k = 0; k < fit_rows; ++k) std::copy_n(&x[(k * rows / fit_rows) * d], d, &sample[k * d]);
  models::KChoice choice = models::ChooseK(sample, fit_rows, d, req.min_k, req.max_k, req.seed);
  const models::KMeansResult& km = choice.best;
  std::vector<int> label(rows);
  for (size_t i = 0; i < rows; ++i) {
    double best = INFINITY;
    for (size_t c = 0; c < km.k; ++c) {
      double dist = 0;
      for (size_t j = 0; j < d; ++j) dist += (x[i * d + j] - km.centroids[c * d + j]) * (x[i * d + j] - km.centroids[c * d + j]);
      if (dist < best) {
        best = dist;
        label[i] = static_cast<int>(c);
      }
    }
  }
  // Segments named by size: segment_1 is the largest.
  std::vector<size_t> size(km.k, 0), rank(km.k);
  for (int l : label) ++size[static_cast<size_t>(l)];
  std::vector<size_t> order(km.k);
  for (size_t c = 0; c < km.k; ++c) order[c] = c;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return size[a] > size[b]; });
  for (size_t k = 0; k < km.k; ++k) rank[order[k]] = k;
  std::vector<std::string> names(km.k);
  for (size_t k = 0; k < km.k; ++k) names[k] = "segment_" + std::to_string(k + 1);
  for (int& l : label) l = static_cast<int>(rank[static_cast<size_t>(l)]);
  for (size_t j = 0; j < d; ++j) r->features.push_back(s.names[static_cast<size_t>(use[j])]);
  std::vector<double> revenue(rows);
  const int rev = Column(s.names, "revenue");
  for (size_t i = 0; i < rows; ++i) revenue[i] = s.rows[i * cols + static_cast<size_t>(rev)];
  r->segments = models::ProfileSegments(raw, r->features, revenue, label, names);
  r->silhouettes = choice.silhouettes;
  r->k = km.k;
  r->customers = rows;
  r->customer_id = s.ids;
  for (int l : label) r->segment.push_back(names[static_cast<size_t>(l)]);
  return Status::OK();
}

Status Predictive(std::shared_ptr<const store::Snapshot> snapshot, const SegmentsRequest& req,
                  models::SegmentsReport* r) {
  ChurnRequest churn_req = req.churn;
  ClvRequest clv_req = req.clv;
  for (AnalysisRequest* a : {static_cast<AnalysisRequest*>(&churn_req), static_cast<AnalysisRequest*>(&clv_req)}) {
    a->from_ms = req.from_ms;
    a->to_ms = req.to_ms;
    a->where = req.where;
    a->threads = req.threads;
  }
  if (req.as_of_ms) churn_req.as_of_ms = req.as_of_ms;
  churn_req.tz = clv_req.tz = req.tz;
  churn_req.definitions = clv_req.definitions = req.definitions;
  TP_ASSIGN_OR_RETURN(models::ChurnReport churn, RunChurn(snapshot, churn_req));
  TP_ASSIGN_OR_RETURN(models::ClvReport clv, RunClv(snapshot, clv_req));
  std::unordered_map<std::string_view, size_t> clv_row;
  for (size_t i = 0; i < clv.rows.size(); ++i) clv_row[clv.rows.customer_id[i]] = i;
  std::vector<size_t> churn_index, clv_index;
  std::vector<double> values;
  for (size_t i = 0; i < churn.customer_id.size(); ++i) {
    auto it = clv_row.find(churn.customer_id[i]);
    if (it == clv_row.end() || !std::isfinite(clv.rows.clv[it->second])) continue;
    churn_index.push_back(i);
    clv_index.push_back(it->second);
    values.push_back(clv.rows.clv[it->second]);
  }
  if (values.empty()) {
    return Status::InvalidArgument("no customer has both a churn risk and a predicted value: no predictive segments");
  }
  std::vector<double> sorted = values;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
  r->value_threshold = sorted[sorted.size() / 2];
  r->risk_threshold = req.risk_threshold;
  const std::vector<std::string> names = {"high_value_at_risk", "high_value_safe", "low_value_at_risk",
                                          "low_value_safe"};
  const size_t n = values.size();
  std::vector<int> label(n);
  std::vector<double> x(n * 2), revenue(n);
  for (size_t k = 0; k < n; ++k) {
    const double risk = churn.risk[churn_index[k]];
    const bool high = values[k] >= r->value_threshold, at_risk = risk >= r->risk_threshold;
    label[k] = (high ? 0 : 2) + (at_risk ? 0 : 1);
    x[k * 2] = risk;
    x[k * 2 + 1] = values[k];
    const size_t c = clv_index[k];
    revenue[k] = clv.rows.monetary[c] * clv.rows.frequency[c];  // realised repeat revenue
    r->customer_id.push_back(churn.customer_id[churn_index[k]]);
    r->segment.push_back(names[static_cast<size_t>(label[k])]);
  }
  r->features = {"churn_risk", "clv"};
  r->segments = models::ProfileSegments(x, r->features, revenue, label, names);
  for (models::Segment& s : r->segments) {
    for (const auto& t : s.traits) {
      if (t.feature == "churn_risk") s.mean_risk = t.mean;
      if (t.feature == "clv") {
        s.mean_clv = t.mean;
        s.total_clv = t.mean * static_cast<double>(s.customers);
      }
    }
  }
  r->customers = n;
  r->header = churn.header;
  r->header.analysis = "segments";
  r->header.scanned_events += clv.header.scanned_events;
  r->as_of = churn.as_of;
  r->header.notes.push_back(std::to_string(churn.customer_id.size() - n) +
                     " active customers without a purchase (no predicted value) are not segmented");
  r->header.notes.push_back("revenue here is realised repeat revenue (frequency x mean repeat spend) in the CLV calibration");
  return Status::OK();
}

}  // namespace

Result<models::SegmentsReport> RunSegments(std::shared_ptr<const store::Snapshot> snapshot, const SegmentsRequest& req) {
  if (!req.by.empty()) return Status::InvalidArgument("segments: --by is not supported");
  if (req.method != "rfm" && req.method != "kmeans" && req.method != "predictive") {
    return Status::InvalidArgument("--method must be rfm, kmeans or predictive, not '" + req.method + "'");
  }
  if (req.min_k < 2 || req.max_k < req.min_k) return Status::InvalidArgument("k must range over at least 2");
  const auto start = std::chrono::steady_clock::now();
  models::SegmentsReport r;
  r.method = req.method;
  if (req.method == "predictive") {
    TP_RETURN_IF_ERROR(Predictive(snapshot, req, &r));
  } else {
    int64_t as_of = 0;
    TP_ASSIGN_OR_RETURN(Snapshot s, TakeSnapshot(snapshot, req, &as_of));
    r.as_of = FormatTimestamp(as_of);
    r.header = s.header;
    TP_RETURN_IF_ERROR(req.method == "rfm" ? Rfm(s, &r) : KMeansSegments(s, req, &r));
  }
  r.header.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace touchpoint::engine
