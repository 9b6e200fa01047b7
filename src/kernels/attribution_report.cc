#include "kernels/attribution_report.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace touchpoint::kernels {

Result<AttributionValue> ParseAttributionValue(std::string_view text) {
  if (text.empty() || text == "revenue") return AttributionValue::kRevenue;
  if (text == "conversions") return AttributionValue::kConversions;
  return Status::InvalidArgument("--value must be revenue or conversions, not '" + std::string(text) + "'");
}

std::string_view AttributionValueName(AttributionValue value) {
  return value == AttributionValue::kRevenue ? "revenue" : "conversions";
}

AttributionReport BuildAttributionReport(const AttributionSpec& spec, const AttributionConsumer& consumer,
                                         AttributionValue value, MarkovChain::Solver solver) {
  AttributionReport r;
  r.conversion = spec.definitions.conversion_events;
  r.value = value;
  r.by = spec.by.empty() ? "" : spec.by[0];
  r.window_ms = spec.window_ms;
  r.half_life_ms = spec.half_life_ms;
  r.header.from_ms = spec.from_ms;
  r.header.to_ms = spec.to_ms;
  const AttributionTotals& totals = consumer.totals();
  r.conversions = totals.conversions;
  r.revenue = totals.revenue;
  r.unattributed_key = r.by == "channel" ? "(direct)" : "(none)";
  r.unattributed_conversions = totals.direct_conversions;
  r.unattributed_revenue = totals.direct_revenue;
  r.converting_paths = r.attributed_conversions();
  r.null_paths = totals.null_paths;

  // Channels in name order, so the chain (and its rounding) does not depend
  // on which shard saw a channel first.
  const std::vector<std::string>& keys = consumer.keys();
  std::vector<uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  std::vector<uint32_t> position(keys.size());
  for (uint32_t p = 0; p < order.size(); ++p) position[order[p]] = p;
  auto state = [&](uint32_t s) {
    return s >= MarkovChain::kFirstChannel ? MarkovChain::kFirstChannel + position[s - MarkovChain::kFirstChannel] : s;
  };
  MarkovChain chain(keys.size());
  for (const auto& [key, count] : consumer.transitions()) {
    chain.Add(state(static_cast<uint32_t>(key >> 32)), state(static_cast<uint32_t>(key)), static_cast<double>(count));
  }
  MarkovChain::Result markov = chain.Solve(solver);
  r.conversion_probability = markov.conversion_probability;
  // A first-order chain lets a channel seen only on non-converting paths
  // reach conversion through its successors; no converting path lost it,
  // so it gets no removal effect and no credit (docs/attribution.md).
  for (uint32_t p = 0; p < order.size(); ++p) {
    if (consumer.credits()[order[p]].paths == 0) markov.removal_effect[p] = 0;
  }
  const double effect_sum = std::accumulate(markov.removal_effect.begin(), markov.removal_effect.end(), 0.0);

  constexpr size_t kMarkov = static_cast<size_t>(AttributionModel::kMarkov);
  const double attributed_conversions = static_cast<double>(r.attributed_conversions());
  const double attributed_revenue = r.attributed_revenue();
  const double attributed_value = value == AttributionValue::kRevenue ? attributed_revenue : attributed_conversions;
  for (uint32_t p = 0; p < order.size(); ++p) {
    const ChannelCredit& cc = consumer.credits()[order[p]];
    // Touches taken only by conversions before --from are on no counted path.
    if (cc.touchpoints == 0 && cc.null_touchpoints == 0) continue;
    AttributionRow row;
    row.key = keys[order[p]];
    row.touchpoints = cc.touchpoints;
    row.null_touchpoints = cc.null_touchpoints;
    row.paths = cc.paths;
    std::copy(cc.conversions, cc.conversions + kPathModelCount, row.conversions);
    std::copy(cc.revenue, cc.revenue + kPathModelCount, row.revenue);
    row.removal_effect = markov.removal_effect[p];
    const double share = effect_sum > 0 ? row.removal_effect / effect_sum : 0.0;
    row.conversions[kMarkov] = attributed_conversions * share;
    row.revenue[kMarkov] = attributed_revenue * share;
    for (size_t m = 0; m < kAttributionModelCount; ++m) {
      const double v = row.value(static_cast<AttributionModel>(m), value);
      row.share_pct[m] = attributed_value > 0 ? 100.0 * v / attributed_value : std::numeric_limits<double>::quiet_NaN();
    }
    r.rows.push_back(std::move(row));
  }
  std::sort(r.rows.begin(), r.rows.end(), [&](const AttributionRow& a, const AttributionRow& b) {
    const double va = a.value(AttributionModel::kMarkov, value), vb = b.value(AttributionModel::kMarkov, value);
    return va != vb ? va > vb : a.key < b.key;
  });

  auto name = [&](uint32_t s) -> std::string {
    if (s == MarkovChain::kStart) return "(start)";
    if (s == MarkovChain::kConversion) return "(conversion)";
    if (s == MarkovChain::kNull) return "(null)";
    return keys[order[s - MarkovChain::kFirstChannel]];
  };
  for (const MarkovChain::Transition& t : markov.transitions) {
    r.transitions.push_back({name(t.from), name(t.to), static_cast<uint64_t>(t.count), t.probability});
  }
  std::sort(r.transitions.begin(), r.transitions.end(),
            [](const AttributionTransition& a, const AttributionTransition& b) {
              if (a.count != b.count) return a.count > b.count;
              return a.from != b.from ? a.from < b.from : a.to < b.to;
            });
  return r;
}

}  // namespace touchpoint::kernels
