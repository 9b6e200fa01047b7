// ProfileSegments: sizes, revenue shares and distinguishing traits of a
// labelled set of customers (docs/prediction.md, "Segments"). Each trait is
// a feature's mean in the segment and its distance from the overall mean in
// overall standard deviations; the description names the three largest.
#ifndef TOUCHPOINT_MODELS_SEGMENT_PROFILE_H_
#define TOUCHPOINT_MODELS_SEGMENT_PROFILE_H_

#include <string>
#include <vector>

#include "models/segments_report.h"

namespace touchpoint::models {

// x: rows x names.size() (NaN = missing, left out of means); revenue per
// row; label per row indexes `segment_names`. Segments come out in the
// order of `segment_names`, empty ones dropped.
std::vector<Segment> ProfileSegments(const std::vector<double>& x, const std::vector<std::string>& names,
                                     const std::vector<double>& revenue, const std::vector<int>& label,
                                     const std::vector<std::string>& segment_names);

}  // namespace touchpoint::models

#endif  // TOUCHPOINT_MODELS_SEGMENT_PROFILE_H_
