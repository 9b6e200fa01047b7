#include "kernels/funnel_spec.h"

#include <algorithm>
#include <charconv>

namespace touchpoint::kernels {

Result<FunnelMode> ParseFunnelMode(std::string_view text) {
  if (text.empty() || text == "ordered") return FunnelMode::kOrdered;
  if (text == "strict") return FunnelMode::kStrict;
  if (text == "unordered") return FunnelMode::kUnordered;
  return Status::InvalidArgument("--mode must be ordered, strict or unordered, not '" + std::string(text) + "'");
}

Result<FunnelCount> ParseFunnelCount(std::string_view text) {
  if (text.empty() || text == "customers") return FunnelCount::kCustomers;
  if (text == "sessions") return FunnelCount::kSessions;
  if (text == "totals") return FunnelCount::kTotals;
  return Status::InvalidArgument("--count must be customers, sessions or totals, not '" + std::string(text) + "'");
}

Status ParseFunnelAttribution(std::string_view text, size_t steps, FunnelAttribution* attribution, int* step) {
  *step = 0;
  if (text.empty() || text == "first") {
    *attribution = FunnelAttribution::kFirstTouch;
    return Status::OK();
  }
  if (text == "last") {
    *attribution = FunnelAttribution::kLastTouch;
    return Status::OK();
  }
  int n = 0;
  if (text.substr(0, 5) == "step:") {
    const std::string_view num = text.substr(5);
    auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (ec == std::errc() && p == num.data() + num.size() && n >= 1 && static_cast<size_t>(n) <= steps) {
      *attribution = FunnelAttribution::kStep;
      *step = n - 1;
      return Status::OK();
    }
  }
  return Status::InvalidArgument("--attribution must be first, last or step:N with N in 1.." + std::to_string(steps) +
                                 ", not '" + std::string(text) + "'");
}

Status FunnelSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  *properties = steps.properties();
  for (const std::string& p : exclusion_events.properties()) {
    if (std::find(properties->begin(), properties->end(), p) == properties->end()) properties->push_back(p);
  }
  group = ResolveCutAndFilter(by, where, properties, &derived);
  // Step and exclusion conditions may read derived columns too.
  for (const FunnelSteps* list : {&steps, &exclusion_events}) {
    for (const std::string& d : list->derived()) {
      if (std::find(derived.begin(), derived.end(), d) == derived.end()) derived.push_back(d);
    }
  }
  steps.Bind(catalog, *properties, derived);
  if (exclusion_events.size() > 0) exclusion_events.Bind(catalog, *properties, derived);
  roles = EventRoles::Resolve(catalog, definitions);
  return Status::OK();
}

scan::ScanSpec FunnelSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = from_ms;
  s.to_ms = to_ms;
  s.columns = steps.columns();
  if (exclusion_events.size() > 0) s.columns |= exclusion_events.columns();
  if (count == FunnelCount::kSessions) {
    s.columns |= scan::kColumnSessionId;
    if (definitions.split_on_campaign_change) s.columns |= scan::kColumnCampaign;
  }
  AddCutAndFilter(group, where, properties, derived, &s);
  // Customers without a step-2 event are counted by their events alone
  // (FunnelConsumer::SettleByEvents): their times need not be decoded.
  s.lazy_timestamps = count == FunnelCount::kCustomers && where == nullptr && exclusion_events.size() == 0;
  // Only the --dropped-at export names customers.
  s.customer_ids = dropped_at >= 0;
  return s;
}

void FunnelCounts::Merge(FunnelCounts& o) {
  excluded += o.excluded;
  for (size_t i = 0; i < reached.size(); ++i) {
    reached[i] += o.reached[i];
    customers[i] += o.customers[i];
    from_previous_s[i].insert(from_previous_s[i].end(), o.from_previous_s[i].begin(), o.from_previous_s[i].end());
    from_first_s[i].insert(from_first_s[i].end(), o.from_first_s[i].begin(), o.from_first_s[i].end());
  }
  dropped.insert(dropped.end(), std::make_move_iterator(o.dropped.begin()), std::make_move_iterator(o.dropped.end()));
}

}  // namespace touchpoint::kernels
