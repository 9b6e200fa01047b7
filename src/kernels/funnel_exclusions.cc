#include "kernels/funnel_exclusions.h"

#include <charconv>

namespace touchpoint::kernels {
namespace {

// The position of the range's '@': the last one outside brackets and quotes.
size_t RangeMark(const std::string& text) {
  const std::vector<size_t> at = TopLevelPositions(text, '@');
  return at.empty() ? std::string::npos : at.back();
}

bool ParseStep(std::string_view s, int* out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

Status ParseFunnelExclusions(const std::vector<std::string>& texts, size_t steps, FunnelSpec* spec) {
  spec->exclusions.clear();
  if (texts.empty()) return Status::OK();
  if (texts.size() > kMaxFunnelSteps) {
    return Status::InvalidArgument("a funnel has at most " + std::to_string(kMaxFunnelSteps) + " exclusions");
  }
  std::string events;
  for (const std::string& text : texts) {
    const size_t at = RangeMark(text);
    FunnelExclusion x{0, static_cast<int>(steps) - 1};
    if (at != std::string::npos) {
      const std::string range = text.substr(at + 1);
      const size_t dash = range.find('-');
      int a = 0, b = 0;
      if (dash == std::string::npos || !ParseStep(std::string_view(range).substr(0, dash), &a) ||
          !ParseStep(std::string_view(range).substr(dash + 1), &b) || a < 1 || b <= a ||
          static_cast<size_t>(b) > steps) {
        return Status::InvalidArgument("--exclude '" + text + "': the range must be @A-B with 1 <= A < B <= " +
                                       std::to_string(steps));
      }
      x = {a - 1, b - 1};
    }
    if (!events.empty()) events += ',';
    events += text.substr(0, at);
    spec->exclusions.push_back(x);
  }
  auto parsed = FunnelSteps::Parse(events, 1);
  if (!parsed.ok()) return Status::InvalidArgument("--exclude: " + parsed.status().message());
  if (parsed->size() != texts.size()) {
    return Status::InvalidArgument("--exclude takes one event per flag (repeat the flag for more)");
  }
  spec->exclusion_events = std::move(parsed).value();
  return Status::OK();
}

}  // namespace touchpoint::kernels
