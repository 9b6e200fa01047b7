#include "models/segment_profile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace touchpoint::models {
namespace {

constexpr size_t kDescribedTraits = 3;

std::string Describe(const std::vector<SegmentTrait>& traits) {
  std::string out;
  for (size_t k = 0; k < traits.size() && k < kDescribedTraits; ++k) {
    char buf[128];
    std::snprintf(buf, sizeof(buf), "%s%s %s (%+.1f sd)", k > 0 ? ", " : "", traits[k].z >= 0 ? "high" : "low",
                  traits[k].feature.c_str(), traits[k].z);
    out += buf;
  }
  return out;
}

}  // namespace

std::vector<Segment> ProfileSegments(const std::vector<double>& x, const std::vector<std::string>& names,
                                     const std::vector<double>& revenue, const std::vector<int>& label,
                                     const std::vector<std::string>& segment_names) {
  const size_t rows = label.size(), cols = names.size(), k = segment_names.size();
  std::vector<double> mean(cols, 0), sd(cols, 0), n(cols, 0);
  std::vector<double> seg_sum(k * cols, 0), seg_n(k * cols, 0);
  std::vector<Segment> segments(k);
  double total_revenue = 0;
  for (size_t i = 0; i < rows; ++i) {
    const size_t s = static_cast<size_t>(label[i]);
    ++segments[s].customers;
    segments[s].revenue += revenue[i];
    total_revenue += revenue[i];
    for (size_t j = 0; j < cols; ++j) {
      const double v = x[i * cols + j];
      if (std::isnan(v)) continue;
      mean[j] += v;
      n[j] += 1;
      seg_sum[s * cols + j] += v;
      seg_n[s * cols + j] += 1;
    }
  }
  for (size_t j = 0; j < cols; ++j) mean[j] = n[j] > 0 ? mean[j] / n[j] : NAN;
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) {
      const double v = x[i * cols + j];
      if (!std::isnan(v)) sd[j] += (v - mean[j]) * (v - mean[j]);
    }
  }
  for (size_t j = 0; j < cols; ++j) sd[j] = n[j] > 1 ? std::sqrt(sd[j] / n[j]) : 0;
  std::vector<Segment> out;
  for (size_t s = 0; s < k; ++s) {
    Segment& seg = segments[s];
    if (seg.customers == 0) continue;
    seg.name = segment_names[s];
    seg.share = static_cast<double>(seg.customers) / static_cast<double>(rows);
    seg.revenue_share = total_revenue > 0 ? seg.revenue / total_revenue : 0;
    for (size_t j = 0; j < cols; ++j) {
      if (seg_n[s * cols + j] == 0) continue;
      SegmentTrait t;
      t.feature = names[j];
      t.mean = seg_sum[s * cols + j] / seg_n[s * cols + j];
      t.z = sd[j] > 0 ? (t.mean - mean[j]) / sd[j] : 0;
      seg.traits.push_back(t);
    }
    std::stable_sort(seg.traits.begin(), seg.traits.end(),
                     [](const SegmentTrait& a, const SegmentTrait& b) { return std::fabs(a.z) > std::fabs(b.z); });
    seg.description = Describe(seg.traits);
    out.push_back(std::move(seg));
  }
  return out;
}

}  // namespace touchpoint::models
