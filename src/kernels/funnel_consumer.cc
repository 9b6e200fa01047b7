#include "kernels/funnel_consumer.h"

#include <algorithm>
#include <limits>

#include "kernels/group_column.h"

namespace touchpoint::kernels {
namespace {

constexpr int64_t kNone = std::numeric_limits<int64_t>::min();

}  // namespace

Result<FunnelMode> ParseFunnelMode(std::string_view text) {
  if (text.empty() || text == "ordered") return FunnelMode::kOrdered;
  if (text == "strict") return FunnelMode::kStrict;
  if (text == "unordered") return FunnelMode::kUnordered;
  return Status::InvalidArgument("--mode must be ordered, strict or unordered, not '" + std::string(text) + "'");
}

void FunnelSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  *properties = steps.properties();
  derived.clear();
  const GroupColumn group = GroupColumn::Resolve(by, properties, &derived);
  by_dict = group.dict;
  by_property = group.property;
  by_derived = group.derived;
  AddFilterColumns(where, properties, &derived);
  steps.Bind(catalog, *properties);
}

scan::ScanSpec FunnelSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = from_ms;
  s.to_ms = to_ms;
  s.columns = steps.columns();
  if (where != nullptr) s.columns |= where->columns();
  if (by_dict >= 0) s.columns |= 1u << by_dict;
  s.properties = properties;
  s.derived = derived;
  return s;
}

void FunnelCounts::Merge(FunnelCounts& o) {
  for (size_t i = 0; i < reached.size(); ++i) {
    reached[i] += o.reached[i];
    from_previous_s[i].insert(from_previous_s[i].end(), o.from_previous_s[i].begin(), o.from_previous_s[i].end());
    from_first_s[i].insert(from_first_s[i].end(), o.from_first_s[i].begin(), o.from_first_s[i].end());
  }
}

FunnelConsumer::FunnelConsumer(const FunnelSpec& spec) : spec_(spec) {
  counts_.emplace_back(spec.steps.size());
  keys_.emplace_back();
}

uint32_t FunnelConsumer::GroupOf(const scan::CustomerView& c, size_t row) {
  const std::string key = GroupColumn{spec_.by_dict, spec_.by_property, spec_.by_derived}.Key(c, row);
  auto [it, inserted] = key_index_.try_emplace(key, static_cast<uint32_t>(keys_.size()));
  if (inserted) {
    keys_.push_back(key);
    counts_.emplace_back(spec_.steps.size());
  }
  return it->second;
}

// Depth by the windowFunnel state machine: chain_start[i] is the start of
// the latest-starting chain that has filled steps 0..i (kNone when none);
// keeping the latest start is optimal, as its window ends last.
int FunnelConsumer::Deepest(size_t n) {
  const size_t k = spec_.steps.size();
  if (spec_.mode == FunnelMode::kUnordered) {
    int best = 0;
    for (size_t s = 0; s < n && best < static_cast<int>(k); ++s) {
      uint32_t filled = 0;
      for (size_t e = s; e < n && ts_[e] <= ts_[s] + spec_.window_ms; ++e) {
        const uint32_t free = masks_[e] & ~filled;
        if (free) filled |= free & -free;  // one event fills one step
      }
      best = std::max(best, __builtin_popcount(filled));
    }
    return best;
  }
  int64_t chain_start[kMaxFunnelSteps];
  std::fill(chain_start, chain_start + k, kNone);
  int deepest = 0;
  for (size_t e = 0; e < n; ++e) {
    const uint32_t m = masks_[e];
    int advanced = -1;
    for (int i = static_cast<int>(k) - 1; i >= 0; --i) {
      if (!(m >> i & 1)) continue;
      if (i == 0) {
        chain_start[0] = ts_[e];
        advanced = 0;
        break;
      }
      if (chain_start[i - 1] != kNone && ts_[e] <= chain_start[i - 1] + spec_.window_ms) {
        chain_start[i] = chain_start[i - 1];
        advanced = i;
        break;
      }
    }
    if (spec_.mode == FunnelMode::kStrict) {
      // Any other funnel step between two filled steps breaks those chains.
      for (int lvl = 0; lvl + 1 < static_cast<int>(k); ++lvl) {
        if (lvl + 1 != advanced && lvl != advanced && chain_start[lvl] != kNone) chain_start[lvl] = kNone;
      }
      if (advanced > 0) chain_start[advanced - 1] = kNone;  // it moved up
    }
    if (advanced >= 0) deepest = std::max(deepest, advanced + 1);
  }
  return deepest;
}

bool FunnelConsumer::EarliestChain(size_t n, int depth, std::vector<int64_t>* times, size_t* first_row) {
  const size_t k = spec_.steps.size();
  for (size_t s = 0; s < n; ++s) {
    if (spec_.mode != FunnelMode::kUnordered && !(masks_[s] & 1)) continue;
    if (spec_.mode == FunnelMode::kUnordered && masks_[s] == 0) continue;
    const int64_t deadline = ts_[s] + spec_.window_ms;
    times->assign(k, kNone);
    int filled = 0;
    if (spec_.mode == FunnelMode::kUnordered) {
      uint32_t done = 0;
      for (size_t e = s; e < n && ts_[e] <= deadline && filled < depth; ++e) {
        const uint32_t free = masks_[e] & ~done;
        if (!free) continue;
        const int step = __builtin_ctz(free);
        done |= 1u << step;
        (*times)[step] = ts_[e];
        ++filled;
      }
    } else {
      (*times)[0] = ts_[s];
      filled = 1;
      for (size_t e = s + 1; e < n && ts_[e] <= deadline && filled < depth; ++e) {
        if (masks_[e] >> filled & 1) {
          (*times)[filled] = ts_[e];
          ++filled;
        } else if (spec_.mode == FunnelMode::kStrict && masks_[e] != 0) {
          break;
        }
      }
    }
    if (filled >= depth) {
      *first_row = s;
      return true;
    }
  }
  return false;
}

void FunnelConsumer::Consume(const scan::CustomerView& c) {
  rows_.clear();
  ts_.clear();
  masks_.clear();
  for (size_t i = 0; i < c.size; ++i) {
    if (spec_.where != nullptr && !spec_.where->Matches(c, i)) continue;
    const uint32_t m = spec_.steps.Match(c, i);
    if (m == 0) continue;
    rows_.push_back(static_cast<uint32_t>(i));
    ts_.push_back(c.timestamp[i]);
    masks_.push_back(m);
  }
  const size_t n = rows_.size();
  if (n == 0) return;
  int depth = Deepest(n);
  std::vector<int64_t> times;
  size_t first = 0;
  // The greedy chain from the earliest start reaches the same depth; should
  // the two ever disagree, the customer counts at the depth a chain shows.
  while (depth > 0 && !EarliestChain(n, depth, &times, &first)) --depth;
  if (depth == 0) return;
  uint32_t group = 0;
  if (!spec_.by.empty()) group = GroupOf(c, rows_[first]);
  // Chain times in step order (unordered chains fill steps in any order).
  int64_t start = std::numeric_limits<int64_t>::max();
  for (int i = 0; i < depth; ++i) start = std::min(start, times[i]);
  for (uint32_t g : {0u, group}) {
    FunnelCounts& fc = counts_[g];
    for (int i = 0; i < depth; ++i) {
      ++fc.reached[i];
      if (i > 0 && spec_.mode != FunnelMode::kUnordered) {
        fc.from_previous_s[i].push_back(static_cast<double>(times[i] - times[i - 1]) / 1000.0);
        fc.from_first_s[i].push_back(static_cast<double>(times[i] - times[0]) / 1000.0);
      } else if (i > 0) {
        fc.from_first_s[i].push_back(static_cast<double>(times[i] - start) / 1000.0);
      }
    }
    if (group == 0) break;
  }
}

void FunnelConsumer::Merge(scan::CustomerConsumer& other_base) {
  auto& other = static_cast<FunnelConsumer&>(other_base);
  counts_[0].Merge(other.counts_[0]);
  for (size_t g = 1; g < other.keys_.size(); ++g) {
    auto [it, inserted] = key_index_.try_emplace(other.keys_[g], static_cast<uint32_t>(keys_.size()));
    if (inserted) {
      keys_.push_back(other.keys_[g]);
      counts_.emplace_back(spec_.steps.size());
    }
    counts_[it->second].Merge(other.counts_[g]);
  }
}

}  // namespace touchpoint::kernels
