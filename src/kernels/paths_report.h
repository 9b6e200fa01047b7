// PathsReport: the result of `touchpoint paths` (docs/paths.md) as plain
// data, named through the catalog: top paths with share of customers and
// conversion after the path, the transition matrix, the per-touchpoint
// table, exits, a Sankey graph by position and a funnel chart of the most
// frequent path. report/paths_format.h prints it. Rates are percentages,
// NaN where the denominator is zero (null in JSON).
#ifndef TOUCHPOINT_KERNELS_PATHS_REPORT_H_
#define TOUCHPOINT_KERNELS_PATHS_REPORT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/paths_consumer.h"
#include "kernels/result_header.h"
#include "kernels/stats.h"
#include "scan/catalog.h"

namespace touchpoint::kernels {

inline constexpr std::string_view kStartLabel = "(start)";
inline constexpr std::string_view kExitLabel = "(exit)";

struct PathResult {
  std::vector<std::string> path;
  uint64_t paths = 0, ended = 0, customers = 0, converted = 0;
  double share_of_customers = 0;  // customers / customers with a path in the group
  double conversion_after = 0;    // converted / customers
  ConfidenceInterval conversion_ci;
};

struct TransitionResult {
  std::string from, to;
  uint64_t count = 0;
  double share = 0;  // of the from-node's outgoing transitions, "(exit)" included
  double mean_time_s = 0;  // from leaving `from` to reaching `to`; NaN for "(start)" and "(exit)"
};

struct TouchpointResult {
  std::string touchpoint;
  uint64_t events = 0, customers = 0, journeys = 0, entries = 0, exits = 0, converted_after = 0;
  double exit_rate = 0;         // exits / journeys containing it
  double conversion_after = 0;  // converted_after / customers
  ConfidenceInterval conversion_ci;
  uint64_t csat_answers = 0;
  double csat = 0;  // satisfied answers / answers
  ConfidenceInterval csat_ci;
  uint64_t ces_answers = 0;
  double ces = 0;  // mean, 7 = easiest
  ConfidenceInterval ces_ci;
};

struct SankeyLink {
  size_t source = 0, target = 0;
  uint64_t value = 0;
};

struct FunnelChartStep {
  std::string step;
  uint64_t customers = 0;
};

struct PathsGroupResult {
  std::string key;
  uint64_t customers = 0, paths_counted = 0;
  std::vector<PathResult> top_paths;
};

struct PathsReport {
  ResultHeader header;
  // What was asked.
  std::string touchpoint, scope, start, end;
  bool collapse = true;
  int depth = 0;
  size_t top = 0;
  std::vector<std::string> conversion;
  int64_t session_timeout_ms = 0;
  // What was found.
  uint64_t customers = 0;            // with at least one journey
  uint64_t journeys = 0;             // non-empty sessions (or customers, in customer scope)
  uint64_t customers_with_path = 0;  // the share-of-customers base (after --start/--end)
  uint64_t paths_counted = 0;        // journeys with a path
  uint64_t inactive_skipped = 0;     // inactive events (impressions...) on no journey
  std::vector<PathResult> top_paths;
  std::vector<TransitionResult> transitions;  // by count, descending
  std::vector<TouchpointResult> touchpoints;  // by customers, descending
  std::vector<TouchpointResult> exits;        // touchpoints with exits, by exits, descending
  std::vector<std::string> sankey_nodes;
  std::vector<SankeyLink> sankey_links;
  std::vector<FunnelChartStep> funnel_chart;
  std::vector<PathsGroupResult> groups;  // with --by, by customers descending
};

// The label of `node` ("page_view", "web:page_view", "/pricing", "(exit)").
std::string NodeLabel(const PathsSpec& spec, const scan::Catalog& catalog, uint32_t node);

// Fills the "found" half of `report` from a merged consumer; `top` paths per group.
void SummarizePaths(const PathsSpec& spec, const PathsConsumer& consumer, const scan::Catalog& catalog, size_t top,
                    PathsReport* report);

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_PATHS_REPORT_H_
