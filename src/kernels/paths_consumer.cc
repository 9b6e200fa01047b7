#include "kernels/paths_consumer.h"

#include <algorithm>
#include <cmath>

#include "kernels/group_column.h"
#include "util/hash.h"

namespace touchpoint::kernels {
namespace {

constexpr uint8_t kEntry = 1;
constexpr uint8_t kExit = 2;

uint64_t Pair(uint32_t from, uint32_t to) { return uint64_t{from} << 32 | to; }

}  // namespace

size_t PathKeyHash::operator()(const PathKey& k) const {
  return static_cast<size_t>(Hash64(k.nodes.data(), sizeof(uint32_t) * k.length) ^ k.length);
}

void PathStats::Add(const PathStats& o) {
  paths += o.paths;
  ended += o.ended;
  customers += o.customers;
  converted += o.converted;
  prefix_customers += o.prefix_customers;
}

void TouchpointStats::Add(const TouchpointStats& o) {
  events += o.events;
  customers += o.customers;
  journeys += o.journeys;
  entries += o.entries;
  exits += o.exits;
  converted_after += o.converted_after;
  csat_answers += o.csat_answers;
  csat_satisfied += o.csat_satisfied;
  ces_answers += o.ces_answers;
  ces_sum += o.ces_sum;
  ces_sum2 += o.ces_sum2;
}

PathsConsumer::PathsConsumer(const PathsSpec& spec)
    : spec_(spec), sessions_builder_(spec.defs, spec.roles, spec.zone), groups_([] { return PathGroup(); }) {}

void PathsConsumer::Consume(const scan::CustomerView& c) {
  const size_t n = c.size;
  if (n == 0) return;
  keep_.assign(n, 1);
  node_.resize(n);
  surveys_ = TouchpointStats{};
  int64_t last_conversion = -1;  // row of the customer's last conversion event
  const uint32_t* ev = c.event();
  const EventRoles& roles = spec_.roles;
  for (size_t i = 0; i < n; ++i) {
    if (spec_.where != nullptr && !spec_.where->Matches(c, i)) {
      keep_[i] = 0;
      node_[i] = kNoNode;
      continue;
    }
    const uint16_t f = roles.flags[ev[i]];
    // Not the customer's own action: on no journey (they are in no session either).
    node_[i] = (f & kIsInactive) ? kNoNode : spec_.NodeOf(c, i);
    inactive_skipped_ += (f & kIsInactive) != 0;
    if (f & kIsConversion) last_conversion = static_cast<int64_t>(i);
    if ((f & kIsSurveyResponse) && !std::isnan(c.score[i])) {
      const uint32_t kind = c.dict[scan::kSurvey][i];
      const double score = c.score[i];
      if (kind == roles.survey_csat) {
        ++surveys_.csat_answers;
        surveys_.csat_satisfied += score >= spec_.defs.csat_satisfied_min;
      } else if (kind == roles.survey_ces) {
        const double v = spec_.defs.ces_higher_is_easier ? score : 8 - score;  // as docs/metrics.md `ces`
        ++surveys_.ces_answers;
        surveys_.ces_sum += v;
        surveys_.ces_sum2 += v * v;
      }
    }
  }
  steps_.clear();
  ++stamp_;
  last_conversion_ = last_conversion;
  SplitJourneys(c);
  if (steps_.empty()) return;
  ++customers_;
  FoldTouchpoints();
}

// Journeys in row order each: the customer's kept rows, or its sessions
// (SessionBuilder says which session each row is in; sessions with a
// session_id may interleave, so rows are bucketed by session).
void PathsConsumer::SplitJourneys(const scan::CustomerView& c) {
  const size_t n = c.size;
  journey_rows_.clear();
  if (spec_.scope == PathScope::kCustomer) {
    for (size_t i = 0; i < n; ++i) {
      if (keep_[i]) journey_rows_.push_back(static_cast<uint32_t>(i));
    }
    AddJourney(c, journey_rows_.data(), journey_rows_.size(), 0);
    return;
  }
  sessions_builder_.Build(c, spec_.where != nullptr ? &keep_ : nullptr, &sessions_, &session_of_);
  const size_t count = sessions_.size();
  journey_start_.assign(count + 1, 0);
  for (uint32_t i = 0; i < n; ++i) {
    if (session_of_[i] != SessionBuilder::kNoSession) ++journey_start_[session_of_[i] + 1];
  }
  for (size_t s = 0; s < count; ++s) journey_start_[s + 1] += journey_start_[s];
  journey_rows_.resize(journey_start_[count]);
  std::vector<uint32_t>& cursor = journey_start_;  // cursor[s] moves from the start to the end of session s
  for (uint32_t i = 0; i < n; ++i) {
    if (session_of_[i] != SessionBuilder::kNoSession) journey_rows_[cursor[session_of_[i]]++] = i;
  }
  uint32_t begin = 0;
  for (size_t s = 0; s < count; ++s) {
    const uint32_t end = cursor[s];
    AddJourney(c, journey_rows_.data() + begin, end - begin, static_cast<uint32_t>(s));
    begin = end;
  }
}

void PathsConsumer::AddJourney(const scan::CustomerView& c, const uint32_t* rows, size_t n, uint32_t journey) {
  const size_t first = steps_.size();
  for (size_t k = 0; k < n; ++k) {
    const uint32_t r = rows[k];
    const uint32_t node = node_[r];
    if (node == kNoNode) continue;
    if (spec_.collapse && steps_.size() > first && steps_.back().node == node) {
      ++steps_.back().events;
      steps_.back().last_row = r;
      continue;
    }
    steps_.push_back(Step{node, r, r, journey, 1, 0});
  }
  const size_t len = steps_.size() - first;
  if (len == 0) return;
  ++journeys_;
  steps_[first].edge |= kEntry;
  steps_.back().edge |= kExit;
  ++transitions_[Pair(kStartNode, steps_[first].node)].count;
  for (size_t k = first; k + 1 < steps_.size(); ++k) {
    TransitionStats& t = transitions_[Pair(steps_[k].node, steps_[k + 1].node)];
    ++t.count;
    t.time_ms += c.timestamp[steps_[k + 1].row] - c.timestamp[steps_[k].last_row];
  }
  ++transitions_[Pair(steps_.back().node, kExitNode)].count;
  AddPath(c, first, len);
}

void PathsConsumer::AddPath(const scan::CustomerView& c, size_t first, size_t len) {
  const size_t depth = static_cast<size_t>(spec_.depth);
  const size_t stop = first + len;
  size_t begin = first, count = 0;
  bool ended = false;
  if (spec_.anchored_start()) {
    while (begin < stop && !spec_.IsStart(steps_[begin].node)) ++begin;
    if (begin == stop) return;
    count = std::min(depth, stop - begin);
    ended = begin + count == stop;
  } else if (spec_.anchored_end()) {
    size_t e = first;
    while (e < stop && !spec_.IsEnd(steps_[e].node)) ++e;
    if (e == stop) return;
    begin = e + 1 >= first + depth ? e + 1 - depth : first;
    count = e + 1 - begin;
  } else {
    count = std::min(depth, len);
    ended = count == len;
  }
  PathKey key;
  for (size_t k = 0; k < count; ++k) {
    key.nodes[k] = steps_[begin + k].node;
    key.length = static_cast<uint8_t>(k + 1);
    // Every prefix, for funnel_chart; the last is the path itself.
    CountPath(0, key, steps_[begin + k].row, k + 1 == count, ended);
  }
  if (!spec_.by.empty()) {
    const uint32_t group = groups_.Of(spec_.group, c, steps_[begin].row);
    if (group != 0) CountPath(group, key, steps_[begin + count - 1].row, true, ended);
  }
}

// Distinct customers are counted with the entries' stamps: the first time
// the current customer touches an entry it counts, later times add only
// journeys. A customer converted after a path when their last conversion
// follows the earliest completion of it, i.e. any completion.
void PathsConsumer::CountPath(uint32_t group, const PathKey& key, uint32_t completion_row, bool exact, bool ended) {
  PathGroup& g = groups_[group];
  PathEntry& e = g.paths[key];
  if (e.seen != stamp_) {
    e.seen = stamp_;
    e.seen_exact = e.seen_converted = false;
    if (group == 0) ++e.prefix_customers;
  }
  if (!exact) return;
  ++e.paths;
  e.ended += ended;
  ++g.journeys;
  if (!e.seen_exact) {
    e.seen_exact = true;
    ++e.customers;
    if (g.seen != stamp_) {
      g.seen = stamp_;
      ++g.customers;
    }
  }
  if (!e.seen_converted && last_conversion_ > static_cast<int64_t>(completion_row)) {
    e.seen_converted = true;
    ++e.converted;
  }
}

// Folds the customer's steps per touchpoint, in one pass with the stamps.
void PathsConsumer::FoldTouchpoints() {
  for (const Step& s : steps_) {
    TouchpointEntry& t = touch_[s.node];
    const bool first = t.seen != stamp_;
    t.events += s.events;
    t.entries += (s.edge & kEntry) != 0;
    t.exits += (s.edge & kExit) != 0;
    if (first || t.journey != s.journey) ++t.journeys;
    t.journey = s.journey;
    if (first) {
      t.seen = stamp_;
      t.seen_converted = false;
      ++t.customers;
      t.csat_answers += surveys_.csat_answers;
      t.csat_satisfied += surveys_.csat_satisfied;
      t.ces_answers += surveys_.ces_answers;
      t.ces_sum += surveys_.ces_sum;
      t.ces_sum2 += surveys_.ces_sum2;
    }
    if (!t.seen_converted && last_conversion_ > static_cast<int64_t>(s.row)) {
      t.seen_converted = true;
      ++t.converted_after;
    }
  }
}

void PathsConsumer::MergeFrom(PathsConsumer& other) {
  customers_ += other.customers_;
  journeys_ += other.journeys_;
  inactive_skipped_ += other.inactive_skipped_;
  groups_.Merge(other.groups_, [](PathGroup& dst, const PathGroup& src) {
    dst.customers += src.customers;
    dst.journeys += src.journeys;
    for (const auto& [key, stats] : src.paths) dst.paths[key].Add(stats);
  });
  for (const auto& [node, stats] : other.touch_) touch_[node].Add(stats);
  for (const auto& [pair, t] : other.transitions_) {
    TransitionStats& into = transitions_[pair];
    into.count += t.count;
    into.time_ms += t.time_ms;
  }
}

}  // namespace touchpoint::kernels
