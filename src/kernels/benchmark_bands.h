// Benchmark bands from the seed articles (MISSION.md's measure table), and a
// plain-language verdict for a value. Thread-safe (constant tables).
#ifndef TOUCHPOINT_KERNELS_BENCHMARK_BANDS_H_
#define TOUCHPOINT_KERNELS_BENCHMARK_BANDS_H_

#include <optional>
#include <string>
#include <string_view>

namespace touchpoint::kernels {

struct BenchmarkVerdict {
  std::string band;     // "excellent", "average", ...
  std::string verdict;  // one line for a person
};

// `measure` is the JSON name (bounce_rate, ctr, conversion_rate, csat, nps,
// avg_session_duration_s); `group` is the --by value when cutting by
// channel ("ads", "search" pick the display and search CTR bands).
std::optional<BenchmarkVerdict> Benchmark(std::string_view measure, double value, std::string_view channel = "");

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_BENCHMARK_BANDS_H_
