// Driver analysis: which themes move the survey score (docs/feedback.md,
// "Drivers"). For each theme, the customers who mention it (in any
// comment) against the respondents who do not:
//   NPS:  100 (promoters - detractors) / answers of each group; z-test on
//         the difference (kernels::NpsDifferencePValue); impact = the NPS
//         points the whole gains if the theme's detractors became
//         passives = 100 x detractors_with / all answers;
//   CSAT: % satisfied (score >= csat_satisfied_min); pooled two-proportion
//         z-test; impact = 100 x unsatisfied_with / all answers;
//   CES:  mean effort (7 = easiest); Welch's t-test; impact = the mean's
//         gain if the theme's customers scored like the others:
//         n_with / n x (mean_without - mean_with).
// effect = with - without. Negative drivers (effect < 0) are listed by
// impact, positive ones (effect > 0) by effect x n_with / n, the
// significant (p < kDriverAlpha) first. A customer's answer is their last
// in the range. Pure function; thread-safe.
#ifndef TOUCHPOINT_TEXT_DRIVER_ANALYSIS_H_
#define TOUCHPOINT_TEXT_DRIVER_ANALYSIS_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace touchpoint::text {

enum class SurveyKind : uint8_t { kNps, kCsat, kCes };
std::string_view SurveyName(SurveyKind kind);
Result<SurveyKind> ParseSurvey(std::string_view name);

inline constexpr double kDriverAlpha = 0.05;

struct DriverInput {
  SurveyKind survey = SurveyKind::kNps;
  double csat_satisfied_min = 4;
  // Per respondent: the answer (CES already oriented so 7 = easiest) and
  // the themes they mention (distinct).
  std::vector<double> score;
  std::vector<uint64_t> offsets = {0};  // themes of respondent r: [offsets[r], offsets[r+1])
  std::vector<uint32_t> themes;
  size_t theme_count = 0;
};

struct ThemeDriver {
  uint64_t n_with = 0, n_without = 0;
  double with = 0, without = 0;  // the measure of each group (NaN when empty)
  double effect = 0;             // with - without
  double impact = 0;
  double p_value = 1;
};

struct DriverResult {
  uint64_t respondents = 0;
  double overall = 0;               // the measure over all respondents
  std::vector<ThemeDriver> themes;  // per theme index
  std::vector<uint32_t> negative, positive;  // theme indices, top drivers first
};

DriverResult AnalyzeDrivers(const DriverInput& input);

// The measure of a set of answers: NPS (-100..100), CSAT (%), CES (mean).
double SurveyMeasure(SurveyKind kind, std::span<const double> scores, double csat_satisfied_min);

}  // namespace touchpoint::text

#endif  // TOUCHPOINT_TEXT_DRIVER_ANALYSIS_H_
