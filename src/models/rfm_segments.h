// RFM segmentation (docs/prediction.md, "Segments"): recency, frequency and
// monetary quintile scores 1-5 and the usual named segments on the
// (recency, frequency) grid. Pure functions; thread-safe.
#ifndef TOUCHPOINT_MODELS_RFM_SEGMENTS_H_
#define TOUCHPOINT_MODELS_RFM_SEGMENTS_H_

#include <string_view>
#include <vector>

namespace touchpoint::models {

// Quintile score of each value: 1 + floor(5 * (values strictly worse) / n),
// so tied customers share a score. Higher is better: larger values score
// higher, or smaller ones when `smaller_is_better` (recency).
std::vector<int> QuintileScores(const std::vector<double>& values, bool smaller_is_better);

// The segment of an (R, F) score pair:
//   R 5, F 4-5 champions          R 3-4, F 4-5 loyal
//   R 4-5, F 2-3 potential_loyalists
//   R 5, F 1 new_customers        R 4, F 1 promising
//   R 3, F 3 need_attention       R 3, F 1-2 about_to_sleep
//   R 1-2, F 5 cant_lose_them     R 1-2, F 3-4 at_risk
//   R 1-2, F 1-2 hibernating
std::string_view RfmSegmentName(int r, int f);
// All names, in the order reports list them.
const std::vector<std::string_view>& RfmSegmentNames();

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_RFM_SEGMENTS_H_
