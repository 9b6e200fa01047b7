// The analyses the registry lists, one file each in engine/analyses/.
#ifndef TOUCHPOINT_ENGINE_ANALYSES_ANALYSES_H_
#define TOUCHPOINT_ENGINE_ANALYSES_ANALYSES_H_

#include "engine/analysis_registry.h"

namespace touchpoint::engine {

const AnalysisDef& MetricsAnalysis();
const AnalysisDef& FunnelAnalysis();
const AnalysisDef& RetentionAnalysis();
const AnalysisDef& PathsAnalysis();
const AnalysisDef& AttributionAnalysis();
const AnalysisDef& LifecycleAnalysis();
const AnalysisDef& ClvAnalysis();
const AnalysisDef& ChurnAnalysis();
const AnalysisDef& SegmentsAnalysis();
const AnalysisDef& RecommendAnalysis();
const AnalysisDef& FeedbackAnalysis();

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_ANALYSES_ANALYSES_H_
