#include "models/rfm_segments.h"

#include <algorithm>
#include <numeric>

namespace touchpoint::models {

std::vector<int> QuintileScores(const std::vector<double>& values, bool smaller_is_better) {
  const size_t n = values.size();
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> scores(n);
  for (size_t i = 0; i < n; ++i) {
    // Values strictly worse than this one.
    const size_t worse = smaller_is_better
                             ? static_cast<size_t>(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), values[i]))
                             : static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), values[i]) - sorted.begin());
    scores[i] = 1 + static_cast<int>(5 * worse / n);
  }
  return scores;
}

std::string_view RfmSegmentName(int r, int f) {
  if (r <= 2) return f == 5 ? "cant_lose_them" : f >= 3 ? "at_risk" : "hibernating";
  if (r == 3) return f >= 4 ? "loyal" : f == 3 ? "need_attention" : "about_to_sleep";
  if (f >= 4) return r == 5 ? "champions" : "loyal";
  if (f >= 2) return "potential_loyalists";
  return r == 5 ? "new_customers" : "promising";
}

const std::vector<std::string_view>& RfmSegmentNames() {
  static const std::vector<std::string_view> names = {
      "champions", "loyal", "potential_loyalists", "new_customers", "promising", "need_attention",
      "about_to_sleep", "cant_lose_them", "at_risk", "hibernating"};
  return names;
}

}  // namespace touchpoint::models
