#include "text/driver_analysis.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/stats.h"

namespace touchpoint::text {
namespace {

constexpr double kPromoterFrom = 9, kDetractorTo = 6;  // NPS, docs/metrics.md

// The sums of one group of answers.
struct Group {
  uint64_t n = 0, promoters = 0, detractors = 0, satisfied = 0;
  double sum = 0, sum_squares = 0;
  void Add(double s, double satisfied_min) {
    ++n;
    promoters += s >= kPromoterFrom;
    detractors += s <= kDetractorTo;
    satisfied += s >= satisfied_min;
    sum += s;
    sum_squares += s * s;
  }
  Group Minus(const Group& o) const {
    return {n - o.n, promoters - o.promoters, detractors - o.detractors, satisfied - o.satisfied, sum - o.sum,
            sum_squares - o.sum_squares};
  }
  double Measure(SurveyKind kind) const {
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    switch (kind) {
      case SurveyKind::kNps:
        return 100.0 * (static_cast<double>(promoters) - static_cast<double>(detractors)) / n;
      case SurveyKind::kCsat:
        return 100.0 * satisfied / n;
      case SurveyKind::kCes:
        return sum / n;
    }
    return 0;
  }
};

}  // namespace

std::string_view SurveyName(SurveyKind kind) {
  switch (kind) {
    case SurveyKind::kNps:
      return "nps";
    case SurveyKind::kCsat:
      return "csat";
    case SurveyKind::kCes:
      return "ces";
  }
  return "nps";
}

Result<SurveyKind> ParseSurvey(std::string_view name) {
  if (name == "nps") return SurveyKind::kNps;
  if (name == "csat") return SurveyKind::kCsat;
  if (name == "ces") return SurveyKind::kCes;
  return Status::InvalidArgument("--survey must be nps, csat or ces, not '" + std::string(name) + "'");
}

double SurveyMeasure(SurveyKind kind, std::span<const double> scores, double csat_satisfied_min) {
  Group g;
  for (double s : scores) g.Add(s, csat_satisfied_min);
  return g.Measure(kind);
}

DriverResult AnalyzeDrivers(const DriverInput& in) {
  DriverResult r;
  Group all;
  std::vector<Group> with(in.theme_count);
  for (size_t c = 0; c < in.score.size(); ++c) {
    const double s = in.score[c];
    all.Add(s, in.csat_satisfied_min);
    for (uint64_t k = in.offsets[c]; k < in.offsets[c + 1]; ++k) with[in.themes[k]].Add(s, in.csat_satisfied_min);
  }
  r.respondents = all.n;
  r.overall = all.Measure(in.survey);
  r.themes.resize(in.theme_count);
  const double n = static_cast<double>(std::max<uint64_t>(all.n, 1));
  for (size_t t = 0; t < in.theme_count; ++t) {
    const Group& w = with[t];
    const Group wo = all.Minus(w);
    ThemeDriver& d = r.themes[t];
    d.n_with = w.n;
    d.n_without = wo.n;
    d.with = w.Measure(in.survey);
    d.without = wo.Measure(in.survey);
    d.effect = w.n > 0 && wo.n > 0 ? d.with - d.without : 0;
    switch (in.survey) {
      case SurveyKind::kNps:
        d.impact = 100.0 * w.detractors / n;
        d.p_value = w.n > 0 && wo.n > 0
                        ? kernels::NpsDifferencePValue(w.promoters, w.detractors, w.n, wo.promoters, wo.detractors, wo.n)
                        : 1;
        break;
      case SurveyKind::kCsat:
        d.impact = 100.0 * (w.n - w.satisfied) / n;
        d.p_value = w.n > 0 && wo.n > 0 ? kernels::TwoProportionPValue(w.satisfied, w.n, wo.satisfied, wo.n) : 1;
        break;
      case SurveyKind::kCes:
        d.impact = w.n > 0 && wo.n > 0 ? w.n / n * (d.without - d.with) : 0;
        d.p_value = w.n > 1 && wo.n > 1 ? kernels::WelchPValue(w.n, w.sum, w.sum_squares, wo.n, wo.sum, wo.sum_squares) : 1;
        break;
    }
    if (!std::isfinite(d.p_value)) d.p_value = 1;
    if (d.effect < 0) r.negative.push_back(static_cast<uint32_t>(t));
    if (d.effect > 0) r.positive.push_back(static_cast<uint32_t>(t));
  }
  auto significant = [&](uint32_t t) { return r.themes[t].p_value < kDriverAlpha; };
  std::stable_sort(r.negative.begin(), r.negative.end(), [&](uint32_t a, uint32_t b) {
    if (significant(a) != significant(b)) return significant(a);
    return r.themes[a].impact > r.themes[b].impact;
  });
  std::stable_sort(r.positive.begin(), r.positive.end(), [&](uint32_t a, uint32_t b) {
    if (significant(a) != significant(b)) return significant(a);
    return r.themes[a].effect * r.themes[a].n_with > r.themes[b].effect * r.themes[b].n_with;
  });
  return r;
}

}  // namespace touchpoint::text
