// ParseDurationMs: the duration flags of the analysis commands (funnel
// --window, attribution --window / --half-life, paths --session-timeout):
// a number with a unit: 90s, 30m, 2h, 7d, 1w. A bare number is refused
// (7 could be seconds or days).
#ifndef TOUCHPOINT_ENGINE_DURATION_H_
#define TOUCHPOINT_ENGINE_DURATION_H_

#include <cstdint>
#include <string_view>

#include "util/status.h"

namespace touchpoint::engine {

// The longest duration accepted: 100 years of 365.25 days. Far longer than
// any window a question needs, and far from int64 overflow when added to
// a timestamp (int64 milliseconds reach about 292 million years).
inline constexpr int64_t kMaxDurationMs = 36525LL * 86400 * 1000;

// Milliseconds; fractions are truncated (1.5s = 1500). Errors: not a
// number, negative, an unknown unit, or more than kMaxDurationMs.
Result<int64_t> ParseDurationMs(std::string_view text);

}  // namespace touchpoint::engine

#endif  // TOUCHPOINT_ENGINE_DURATION_H_
