// ResultHeader: what every analysis result says about the request it
// answers, the same fields in every analysis (docs/api.md, "The header"):
// the analysis, the range and its reporting zone, the definitions preset,
// the cut and the filters, how many events the scan handed over, which
// derived columns were stale, and notes such as a named event with no rows
// in the range. The engine fills it in one place (engine/analysis_scan.h);
// report/ writes it first in every JSON answer. Plain data; copyable.
#ifndef TOUCHPOINT_KERNELS_RESULT_HEADER_H_
#define TOUCHPOINT_KERNELS_RESULT_HEADER_H_

#include <cstdint>
#include <string>
#include <vector>

namespace touchpoint::kernels {

struct ResultHeader {
  std::string analysis;             // "metrics", "funnel", ...
  int64_t from_ms = 0, to_ms = 0;   // [from, to) as scanned
  std::string tz = "UTC";           // the reporting zone the range and periods are read in
  std::string definitions = "touchpoint";
  std::vector<std::string> inactive_events;  // neither activity nor in a session (docs/metrics.md)
  std::vector<std::string> by;      // the --by columns, as named
  std::vector<std::string> where;   // the --where filters, ANDed
  uint64_t scanned_events = 0;
  std::vector<std::string> stale_derived;  // derived columns computed from older data
  std::vector<std::string> notes;          // e.g. "event 'signup' has no rows in the range"
  double seconds = 0;                      // wall time of the query
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_RESULT_HEADER_H_
