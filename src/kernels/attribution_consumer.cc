#include "kernels/attribution_consumer.h"

#include <cmath>
#include <limits>

#include "event/schema.h"
#include "kernels/group_column.h"
#include "kernels/markov_chain.h"

namespace touchpoint::kernels {
namespace {

uint64_t TransitionKey(uint32_t from, uint32_t to) { return static_cast<uint64_t>(from) << 32 | to; }

int64_t SaturatingSub(int64_t a, int64_t b) {
  return a < std::numeric_limits<int64_t>::min() + b ? std::numeric_limits<int64_t>::min() : a - b;
}

}  // namespace

Status AttributionSpec::Prepare(const scan::Catalog& cat, std::vector<std::string>* properties) {
  properties->clear();
  derived.clear();
  const std::string named = by.empty() ? "" : by[0];
  if (by.size() != 1 || named.starts_with(kDerivedPrefix)) {
    return Status::InvalidArgument("--by must be one of channel, campaign, page or an event property, not '" +
                                   named + "' (a touchpoint's dimension is per event)");
  }
  group = ResolveCutAndFilter(by, where, properties, &derived);
  const int dict = group.first.dict;
  if (dict >= 0 && dict != scan::kChannel && dict != scan::kCampaign && dict != scan::kPage) {
    return Status::InvalidArgument("--by must be channel, campaign, page or an event property, not '" + named + "'");
  }
  catalog = &cat;
  // A session start is a visit: impressions and email_sent, which the
  // customer never made, neither start one nor hide the click that did.
  definitions.sessions_visitor_events_only = true;
  roles = EventRoles::Resolve(cat, definitions);
  event_kind.assign(cat.size(scan::kEvent), 0);
  const uint32_t email_click = cat.Find(scan::kEvent, events::kEmailClick);
  for (uint32_t code = 0; code < event_kind.size(); ++code) {
    const bool is_conversion = roles.Is(code, kIsConversion);
    if (is_conversion) {
      event_kind[code] = kConversionEvent;  // never a touchpoint of itself
    } else if (roles.Is(code, kIsClick) || code == email_click) {
      event_kind[code] = kTouchEvent;
    }
  }
  return Status::OK();
}

scan::ScanSpec AttributionSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = SaturatingSub(from_ms, window_ms);  // lookback may reach before `from`
  s.to_ms = to_ms;
  s.columns = scan::kColumnEvent | scan::kColumnRevenue;
  if (definitions.respect_session_id) s.columns |= scan::kColumnSessionId;
  if (definitions.split_on_campaign_change) s.columns |= scan::kColumnCampaign;
  AddCutAndFilter(group, where, properties, derived, &s);
  return s;
}

void ChannelCredit::Merge(const ChannelCredit& o) {
  touchpoints += o.touchpoints;
  null_touchpoints += o.null_touchpoints;
  paths += o.paths;
  for (size_t m = 0; m < kPathModelCount; ++m) {
    conversions[m] += o.conversions[m];
    revenue[m] += o.revenue[m];
  }
}

void AttributionTotals::Merge(const AttributionTotals& o) {
  conversions += o.conversions;
  revenue += o.revenue;
  direct_conversions += o.direct_conversions;
  direct_revenue += o.direct_revenue;
  null_paths += o.null_paths;
}

AttributionConsumer::AttributionConsumer(const AttributionSpec& spec)
    : spec_(spec), session_builder_(spec.definitions, spec.roles, nullptr) {
  if (spec.group.first.dict >= 0)
    code_to_id_.assign(spec.catalog->size(static_cast<scan::DictColumn>(spec.group.first.dict)), kNoChannel);
}

uint32_t AttributionConsumer::AddKey(std::string key, uint32_t code) {
  auto [it, inserted] = key_index_.try_emplace(std::move(key), static_cast<uint32_t>(keys_.size()));
  if (inserted) {
    keys_.push_back(it->first);
    key_code_.push_back(code);
    credits_.emplace_back();
    seen_.push_back(0);
    if (spec_.group.first.dict >= 0) code_to_id_[code] = it->second;
  }
  return it->second;
}

uint32_t AttributionConsumer::ChannelOf(const scan::CustomerView& c, size_t row) {
  if (spec_.group.first.dict >= 0) {
    const uint32_t code = c.dict[spec_.group.first.dict][row];
    if (code == 0) return kNoChannel;
    const uint32_t id = code_to_id_[code];
    if (id != kNoChannel) return id;
    return AddKey(std::string(spec_.catalog->Value(static_cast<scan::DictColumn>(spec_.group.first.dict), code)), code);
  }
  const std::string_view value = c.properties[spec_.group.first.property][row];
  if (value.empty()) return kNoChannel;
  return AddKey(std::string(value), 0);
}

void AttributionConsumer::CreditPath(int64_t conversion_ts, double revenue) {
  const size_t n = path_.size();
  ages_.resize(n);
  weights_.resize(n);
  for (size_t i = 0; i < n; ++i) ages_[i] = conversion_ts - path_[i].ts;
  for (size_t m = 0; m < kPathModelCount; ++m) {
    PathWeights(static_cast<AttributionModel>(m), ages_.data(), n, spec_.half_life_ms, weights_.data());
    for (size_t i = 0; i < n; ++i) {
      ChannelCredit& cc = credits_[path_[i].channel];
      cc.conversions[m] += weights_[i];
      cc.revenue[m] += weights_[i] * revenue;
    }
  }
  ++stamp_;
  for (const Touch& t : path_) {
    ChannelCredit& cc = credits_[t.channel];
    ++cc.touchpoints;
    if (seen_[t.channel] != stamp_) {
      seen_[t.channel] = stamp_;
      ++cc.paths;
    }
  }
}

void AttributionConsumer::CountPath(bool converted) {
  uint32_t prev = MarkovChain::kStart;
  for (const Touch& t : path_) {
    const uint32_t state = MarkovChain::kFirstChannel + t.channel;
    ++transitions_[TransitionKey(prev, state)];
    prev = state;
  }
  ++transitions_[TransitionKey(prev, converted ? MarkovChain::kConversion : MarkovChain::kNull)];
}

void AttributionConsumer::Consume(const scan::CustomerView& c) {
  const std::vector<uint8_t>* keep = nullptr;
  if (spec_.where != nullptr) {
    keep_.assign(c.size, 0);
    for (size_t i = 0; i < c.size; ++i) keep_[i] = spec_.where->Matches(c, i) ? 1 : 0;
    keep = &keep_;
  }
  session_builder_.Build(c, keep, &sessions_);
  session_start_.assign(c.size, 0);
  for (const Session& s : sessions_) session_start_[s.first_row] = 1;
  touches_.clear();
  conversions_.clear();
  for (uint32_t i = 0; i < c.size; ++i) {
    if (keep != nullptr && !(*keep)[i]) continue;
    const uint8_t kind = spec_.event_kind[c.event()[i]];
    if (kind & AttributionSpec::kConversionEvent) {
      conversions_.push_back(i);
    } else if ((kind & AttributionSpec::kTouchEvent) || session_start_[i]) {
      const uint32_t channel = ChannelOf(c, i);
      if (channel != kNoChannel) touches_.push_back({c.timestamp[i], channel});
    }
  }
  // Each conversion takes the untaken touchpoints at or before it.
  size_t next = 0;
  for (uint32_t row : conversions_) {
    const int64_t ts = c.timestamp[row];
    const int64_t oldest = SaturatingSub(ts, spec_.window_ms);
    path_.clear();
    for (; next < touches_.size() && touches_[next].ts <= ts; ++next) {
      if (touches_[next].ts >= oldest) path_.push_back(touches_[next]);
    }
    if (ts < spec_.from_ms || ts >= spec_.to_ms) continue;
    const double revenue = c.revenue != nullptr && !std::isnan(c.revenue[row]) ? c.revenue[row] : 0.0;
    ++totals_.conversions;
    totals_.revenue += revenue;
    if (path_.empty()) {
      ++totals_.direct_conversions;
      totals_.direct_revenue += revenue;
      continue;
    }
    CreditPath(ts, revenue);
    CountPath(true);
  }
  // The non-converting path: what is left, ending in the range.
  if (next == touches_.size()) return;
  const int64_t last = touches_.back().ts;
  if (last < spec_.from_ms || last >= spec_.to_ms) return;
  const int64_t oldest = SaturatingSub(last, spec_.window_ms);
  path_.clear();
  for (; next < touches_.size(); ++next) {
    if (touches_[next].ts >= oldest) path_.push_back(touches_[next]);
  }
  for (const Touch& t : path_) ++credits_[t.channel].null_touchpoints;
  ++totals_.null_paths;
  CountPath(false);
}

void AttributionConsumer::MergeFrom(AttributionConsumer& other) {
  std::vector<uint32_t> remap(other.keys_.size());
  for (size_t i = 0; i < other.keys_.size(); ++i) {
    remap[i] = AddKey(other.keys_[i], other.key_code_[i]);
    credits_[remap[i]].Merge(other.credits_[i]);
  }
  auto state = [&](uint32_t s) {
    return s >= MarkovChain::kFirstChannel ? MarkovChain::kFirstChannel + remap[s - MarkovChain::kFirstChannel] : s;
  };
  for (const auto& [key, count] : other.transitions_) {
    const uint32_t from = static_cast<uint32_t>(key >> 32), to = static_cast<uint32_t>(key);
    transitions_[TransitionKey(state(from), state(to))] += count;
  }
  totals_.Merge(other.totals_);
}

}  // namespace touchpoint::kernels
