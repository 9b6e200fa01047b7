#include "demo/survey_model.h"

#include <cmath>
#include <span>

namespace touchpoint::demo {
namespace {

// Target score distributions (percent), lowest score first.
constexpr double kNpsPercent[11] = {1.5, 1, 1, 1.5, 2, 3, 5, 11, 21, 25, 28};
constexpr double kCsatPercent[5] = {5, 6, 10, 32, 47};
constexpr double kCesPercent[7] = {3, 5, 8, 14, 22, 26, 22};
// How much of the answer is the customer's lasting satisfaction vs. the moment;
// 0.8^2 + 0.6^2 = 1 keeps the mix standard normal, so the marginals above hold.
constexpr double kTraitWeight = 0.8;
constexpr double kMomentWeight = 0.6;

constexpr CommentTheme kComplaints[] = {CommentTheme::kPrice,         CommentTheme::kShippingDelay,
                                        CommentTheme::kSupportWait,   CommentTheme::kBug,
                                        CommentTheme::kCheckoutError, CommentTheme::kRefundProblem};
constexpr double kComplaintWeights[] = {25, 20, 20, 20, 10, 5};
constexpr double kUseActualIssueShare = 0.75;

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

int InvertPercent(std::span<const double> percent, int lowest, double q) {
  double cumulative = 0;
  for (size_t i = 0; i < percent.size(); ++i) {
    cumulative += percent[i] / 100.0;
    if (q < cumulative) return lowest + static_cast<int>(i);
  }
  return lowest + static_cast<int>(percent.size()) - 1;
}

}  // namespace

int SampleScore(Survey survey, double satisfaction, double shift, Rng& rng) {
  const double q = NormalCdf(kTraitWeight * satisfaction + kMomentWeight * rng.Normal() + shift);
  switch (survey) {
    case Survey::kNps:
      return InvertPercent(kNpsPercent, 0, q);
    case Survey::kCsat:
      return InvertPercent(kCsatPercent, 1, q);
    case Survey::kCes:
      return InvertPercent(kCesPercent, 1, q);
    case Survey::kNone:
      break;
  }
  return 0;
}

CommentTheme RandomComplaint(Rng& rng) { return kComplaints[rng.Pick(kComplaintWeights)]; }

CommentTheme ThemeForScore(Survey survey, int score, CommentTheme complaint, Rng& rng) {
  // (low, high): scores <= low are complaints, >= high praise, between mixed.
  int low = 6, high = 9;
  if (survey == Survey::kCsat) low = 2, high = 5;
  if (survey == Survey::kCes) low = 3, high = 6;
  if (score >= high) return CommentTheme::kPraise;
  if (score > low)
    return (survey == Survey::kCsat && rng.Bernoulli(0.5)) ? CommentTheme::kPraise : CommentTheme::kMixed;
  if (complaint != CommentTheme::kNone && rng.Bernoulli(kUseActualIssueShare)) return complaint;
  return RandomComplaint(rng);
}

}  // namespace touchpoint::demo
