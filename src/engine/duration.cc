#include "engine/duration.h"

#include <charconv>
#include <string>

namespace touchpoint::engine {

Result<int64_t> ParseDurationMs(std::string_view text) {
  const std::string hint = "': expected a number with a unit, e.g. 90s, 30m, 12h, 7d, 2w";
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || v < 0) return Status::Usage("duration '" + std::string(text) + hint);
  std::string_view unit(p, static_cast<size_t>(text.data() + text.size() - p));
  double scale = 1000;
  if (unit == "s") scale = 1000;
  else if (unit == "m" || unit == "min") scale = 60e3;
  else if (unit == "h") scale = 3600e3;
  else if (unit == "d") scale = 86400e3;
  else if (unit == "w") scale = 7 * 86400e3;
  // A bare number has no unit: 7 could mean seconds or days, so it is refused.
  else if (unit.empty()) return Status::Usage("duration '" + std::string(text) + "' has no unit" + hint.substr(1));
  else return Status::Usage("duration '" + std::string(text) + "': unknown unit '" + std::string(unit) + "'" +
                            hint.substr(1));
  const double ms = v * scale;
  // Negated so that NaN ("nan" parses) is refused too; the cast below is
  // only defined for values int64 can hold.
  if (!(ms <= static_cast<double>(kMaxDurationMs))) {
    return Status::Usage("duration '" + std::string(text) + "': at most 100 years (36525d)");
  }
  return static_cast<int64_t>(ms);
}

}  // namespace touchpoint::engine
