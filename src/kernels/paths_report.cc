#include "kernels/paths_report.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>
#include <utility>

namespace touchpoint::kernels {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? kNaN : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

std::vector<std::string> Labels(const PathsSpec& spec, const scan::Catalog& catalog, const PathKey& key) {
  std::vector<std::string> out;
  for (size_t k = 0; k < key.length; ++k) out.push_back(NodeLabel(spec, catalog, key.nodes[k]));
  return out;
}

// The `top` most frequent paths of a group: by journeys, then customers,
// then labels (so ties read in a stable, alphabetical order).
std::vector<PathResult> TopPaths(const PathsSpec& spec, const scan::Catalog& catalog, const PathGroup& group,
                                 size_t top, std::vector<PathKey>* keys) {
  std::vector<std::pair<const PathKey*, const PathStats*>> all;
  for (const auto& [key, stats] : group.paths) {
    if (stats.paths > 0) all.emplace_back(&key, &stats);
  }
  auto by_counts = [](const auto& a, const auto& b) {
    if (a.second->paths != b.second->paths) return a.second->paths > b.second->paths;
    return a.second->customers > b.second->customers;
  };
  std::sort(all.begin(), all.end(), [&](const auto& a, const auto& b) {
    if (by_counts(a, b) || by_counts(b, a)) return by_counts(a, b);
    return *a.first < *b.first;
  });
  // Only the paths tied with the last one kept need their labels compared.
  size_t end = std::min(top, all.size());
  while (end > 0 && end < all.size() && !by_counts(all[end - 1], all[end])) ++end;
  std::vector<PathResult> out;
  std::vector<PathKey> out_keys;
  for (size_t i = 0; i < end; ++i) {
    const PathStats& s = *all[i].second;
    PathResult r;
    r.path = Labels(spec, catalog, *all[i].first);
    r.paths = s.paths;
    r.ended = s.ended;
    r.customers = s.customers;
    r.converted = s.converted;
    r.share_of_customers = Percent(s.customers, group.customers);
    r.conversion_after = Percent(s.converted, s.customers);
    r.conversion_ci = WilsonPercent(s.converted, s.customers);
    out.push_back(std::move(r));
    out_keys.push_back(*all[i].first);
  }
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (out[a].paths != out[b].paths) return out[a].paths > out[b].paths;
    if (out[a].customers != out[b].customers) return out[a].customers > out[b].customers;
    return out[a].path < out[b].path;
  });
  std::vector<PathResult> sorted;
  keys->clear();
  for (size_t i = 0; i < order.size() && i < top; ++i) {
    sorted.push_back(std::move(out[order[i]]));
    keys->push_back(out_keys[order[i]]);
  }
  return sorted;
}

TouchpointResult SummarizeTouchpoint(std::string label, const TouchpointStats& t) {
  TouchpointResult r;
  r.touchpoint = std::move(label);
  r.events = t.events;
  r.customers = t.customers;
  r.journeys = t.journeys;
  r.entries = t.entries;
  r.exits = t.exits;
  r.converted_after = t.converted_after;
  r.exit_rate = Percent(t.exits, t.journeys);
  r.conversion_after = Percent(t.converted_after, t.customers);
  r.conversion_ci = WilsonPercent(t.converted_after, t.customers);
  r.csat_answers = t.csat_answers;
  r.csat = Percent(t.csat_satisfied, t.csat_answers);
  // No answers: no interval either (null in JSON), as for every rate with n = 0.
  r.csat_ci = t.csat_answers == 0 ? ConfidenceInterval{kNaN, kNaN} : WilsonPercent(t.csat_satisfied, t.csat_answers);
  r.ces_answers = t.ces_answers;
  r.ces = t.ces_answers == 0 ? kNaN : t.ces_sum / static_cast<double>(t.ces_answers);
  r.ces_ci = t.ces_answers == 0 ? ConfidenceInterval{kNaN, kNaN} : MeanInterval(t.ces_answers, t.ces_sum, t.ces_sum2);
  return r;
}

// Sankey nodes are (position, touchpoint), so the graph has no cycles.
// Positions count from 1 at the path's first step; with --end, paths are
// aligned on their last step, which is always at position `depth`.
void BuildSankey(const PathsSpec& spec, const std::vector<PathResult>& paths, PathsReport* report) {
  std::map<std::pair<size_t, std::string>, size_t> index;
  std::map<std::pair<size_t, size_t>, size_t> link_index;
  auto node = [&](size_t pos, const std::string& label) {
    auto [it, inserted] = index.try_emplace({pos, label}, report->sankey_nodes.size());
    if (inserted) report->sankey_nodes.push_back(std::to_string(pos) + ": " + label);
    return it->second;
  };
  auto link = [&](size_t a, size_t b, uint64_t value) {
    auto [it, inserted] = link_index.try_emplace({a, b}, report->sankey_links.size());
    if (inserted) report->sankey_links.push_back(SankeyLink{a, b, 0});
    report->sankey_links[it->second].value += value;
  };
  const size_t depth = static_cast<size_t>(spec.depth);
  for (const PathResult& p : paths) {
    const size_t len = p.path.size();
    const size_t offset = spec.anchored_end() ? depth - len : 0;
    size_t prev = node(offset + 1, p.path[0]);
    for (size_t k = 1; k < len; ++k) {
      const size_t cur = node(offset + k + 1, p.path[k]);
      link(prev, cur, p.paths);
      prev = cur;
    }
    if (p.ended > 0) link(prev, node(offset + len + 1, std::string(kExitLabel)), p.ended);
  }
}

}  // namespace

std::string NodeLabel(const PathsSpec& spec, const scan::Catalog& catalog, uint32_t node) {
  if (node == kStartNode) return std::string(kStartLabel);
  if (node == kExitNode) return std::string(kExitLabel);
  switch (spec.kind) {
    case TouchpointKind::kEvent: return std::string(catalog.Value(scan::kEvent, node));
    case TouchpointKind::kChannelEvent: {
      const uint32_t ch = node / spec.event_space, ev = node % spec.event_space;
      const std::string event(catalog.Value(scan::kEvent, ev));
      return ch == 0 ? event : std::string(catalog.Value(scan::kChannel, ch)) + ":" + event;
    }
    case TouchpointKind::kChannel: return std::string(catalog.Value(scan::kChannel, node));
    case TouchpointKind::kPage: return std::string(catalog.Value(scan::kPage, node));
    case TouchpointKind::kCampaign: return std::string(catalog.Value(scan::kCampaign, node));
  }
  return "";
}

void SummarizePaths(const PathsSpec& spec, const PathsConsumer& consumer, const scan::Catalog& catalog, size_t top,
                    PathsReport* report) {
  report->customers = consumer.customers();
  report->journeys = consumer.journeys();
  const PathGroup& all = consumer.groups()[0];
  report->customers_with_path = all.customers;
  report->paths_counted = all.journeys;
  std::vector<PathKey> top_keys;
  report->top_paths = TopPaths(spec, catalog, all, top, &top_keys);

  // Transitions, with each from-node's outgoing total.
  std::unordered_map<uint32_t, uint64_t> outgoing;
  for (const auto& [pair, t] : consumer.transitions()) outgoing[static_cast<uint32_t>(pair >> 32)] += t.count;
  for (const auto& [pair, t] : consumer.transitions()) {
    const uint32_t from = static_cast<uint32_t>(pair >> 32), to = static_cast<uint32_t>(pair);
    const bool timed = from != kStartNode && to != kExitNode && t.count > 0;
    report->transitions.push_back({NodeLabel(spec, catalog, from), NodeLabel(spec, catalog, to), t.count,
                                   Percent(t.count, outgoing[from]),
                                   timed ? static_cast<double>(t.time_ms) / 1000.0 / static_cast<double>(t.count) : kNaN});
  }
  std::sort(report->transitions.begin(), report->transitions.end(), [](const auto& a, const auto& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });

  for (const auto& [node, t] : consumer.touchpoints()) {
    report->touchpoints.push_back(SummarizeTouchpoint(NodeLabel(spec, catalog, node), t));
  }
  std::sort(report->touchpoints.begin(), report->touchpoints.end(), [](const auto& a, const auto& b) {
    if (a.customers != b.customers) return a.customers > b.customers;
    if (a.events != b.events) return a.events > b.events;
    return a.touchpoint < b.touchpoint;
  });
  for (const TouchpointResult& t : report->touchpoints) {
    if (t.exits > 0) report->exits.push_back(t);
  }
  std::stable_sort(report->exits.begin(), report->exits.end(), [](const auto& a, const auto& b) {
    return a.exits > b.exits;
  });

  BuildSankey(spec, report->top_paths, report);
  if (!top_keys.empty()) {
    const PathKey& best = top_keys[0];
    for (uint8_t k = 1; k <= best.length; ++k) {
      PathKey prefix;
      std::copy(best.nodes.begin(), best.nodes.begin() + k, prefix.nodes.begin());
      prefix.length = k;
      const PathEntry* e = all.paths.Find(prefix);
      report->funnel_chart.push_back({NodeLabel(spec, catalog, best.nodes[k - 1]), e == nullptr ? 0 : e->prefix_customers});
    }
  }

  const auto& groups = consumer.groups();
  for (size_t g = 1; g < groups.size(); ++g) {
    PathsGroupResult r;
    r.key = spec.group.Name(catalog, groups.key(static_cast<uint32_t>(g)));
    r.customers = groups[g].customers;
    r.paths_counted = groups[g].journeys;
    std::vector<PathKey> keys;
    r.top_paths = TopPaths(spec, catalog, groups[g], top, &keys);
    report->groups.push_back(std::move(r));
  }
  std::sort(report->groups.begin(), report->groups.end(), [](const auto& a, const auto& b) {
    return a.customers != b.customers ? a.customers > b.customers : a.key < b.key;
  });
}

}  // namespace touchpoint::kernels
