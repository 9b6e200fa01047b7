// SegmentsReport: the result of a segmentation (engine/segments_query.h):
// RFM named segments, k-means behavioural segments or predictive segments
// (churn risk x predicted value), each with its size, revenue share and what
// sets it apart, and every customer's segment as a column (for --save and
// CSV). JSON in report/segments_format.h (docs/prediction.md).
// Plain data; copyable.
#ifndef TOUCHPOINT_MODELS_SEGMENTS_REPORT_H_
#define TOUCHPOINT_MODELS_SEGMENTS_REPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "kernels/result_header.h"

namespace touchpoint::models {

struct SegmentTrait {
  std::string feature;
  double mean = 0;  // the segment's mean, natural units
  double z = 0;     // how far that is from everyone's mean, in standard deviations
};

struct Segment {
  std::string name;
  uint64_t customers = 0;
  double share = 0;          // of the segmented customers
  double revenue = 0;        // realised revenue of its customers
  double revenue_share = 0;  // of all segmented customers' revenue
  std::vector<SegmentTrait> traits;  // by |z|, largest first
  std::string description;           // the three most distinctive traits in words
  double mean_risk = 0, mean_clv = 0, total_clv = 0;  // predictive segments
};

struct SegmentsReport {
  std::string method;  // rfm, kmeans, predictive
  kernels::ResultHeader header;  // range, zone, scanned events, wall time
  std::string as_of;
  uint64_t customers = 0;  // segmented
  std::vector<Segment> segments;
  // k-means: the features, each k tried with its mean silhouette, the k kept.
  std::vector<std::string> features;
  std::vector<std::pair<size_t, double>> silhouettes;
  size_t k = 0;
  // predictive: the cut points.
  double risk_threshold = 0, value_threshold = 0;
  // Per customer.
  std::vector<std::string> customer_id, segment;
  std::vector<double> r_score, f_score, m_score;  // RFM only
};

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_SEGMENTS_REPORT_H_
