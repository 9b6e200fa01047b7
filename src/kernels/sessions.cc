#include "kernels/sessions.h"

#include "kernels/period_grid.h"

namespace touchpoint::kernels {

SessionBuilder::SessionBuilder(const Definitions& defs, const EventRoles& roles, const date::time_zone* zone)
    : defs_(defs), roles_(roles), zone_(zone) {}

int64_t SessionBuilder::DayOf(int64_t ts) const { return LocalDayStart(ts, zone_); }

void SessionBuilder::Add(Session* s, const scan::CustomerView& c, uint32_t row) const {
  const uint32_t ev = c.event()[row];
  const int64_t ts = c.timestamp[row];
  if (s->events == 0) {
    s->first_ts = ts;
    s->first_row = row;
  }
  s->last_ts = ts;
  ++s->events;
  const uint16_t f = roles_.flags[ev];
  if (f & kIsPageView) {
    ++s->page_views;
  } else if (!(f & kIsNotVisitorEvent)) {
    ++s->interactive;
  }
  s->key_event |= (f & kIsConversion) != 0;
  s->purchase |= (f & kIsPurchase) != 0;
  s->add_to_cart |= (f & kIsAddToCart) != 0;
}

void SessionBuilder::Build(const scan::CustomerView& c, const std::vector<uint8_t>* keep, std::vector<Session>* out,
                           std::vector<uint32_t>* row_session) {
  out->clear();
  if (row_session != nullptr) row_session->assign(c.size, kNoSession);
  if (!by_id_.empty()) by_id_.clear();  // clear() walks every bucket, even when empty
  int64_t current = -1;  // index of the open time-split session
  uint32_t current_campaign = 0;
  // A customer's rows mostly repeat the previous row's session_id: check it
  // before the map.
  std::string_view last_id;
  uint32_t last_index = 0;
  const uint32_t* campaign = c.dict[scan::kCampaign];
  for (uint32_t i = 0; i < c.size; ++i) {
    if (keep != nullptr && !(*keep)[i]) continue;
    // Inactive events belong to no session; the web presets also leave out
    // what the visitor never did on the site.
    if (roles_.Is(c.event()[i], kIsInactive)) continue;
    if (defs_.sessions_visitor_events_only && roles_.Is(c.event()[i], kIsNotVisitorEvent)) continue;
    if (defs_.respect_session_id && c.session_id != nullptr && !c.session_id[i].empty()) {
      const std::string_view id = c.session_id[i];
      if (last_id.empty() || id != last_id) {
        auto [it, inserted] = by_id_.try_emplace(id, static_cast<uint32_t>(out->size()));
        if (inserted) out->emplace_back();
        last_id = id;
        last_index = it->second;
      }
      Add(&(*out)[last_index], c, i);
      if (row_session != nullptr) (*row_session)[i] = last_index;
      continue;
    }
    const int64_t ts = c.timestamp[i];
    bool split = current < 0;
    if (!split) {
      const Session& s = (*out)[static_cast<size_t>(current)];
      split = ts - s.last_ts > defs_.session_timeout_ms;
      if (!split && defs_.max_session_ms > 0) split = ts - s.first_ts > defs_.max_session_ms;
      if (!split && defs_.split_at_midnight) split = DayOf(ts) != DayOf(s.last_ts);
      if (!split && defs_.split_on_campaign_change && campaign != nullptr) {
        split = campaign[i] != 0 && campaign[i] != current_campaign;
      }
    }
    if (split) {
      current = static_cast<int64_t>(out->size());
      out->emplace_back();
      current_campaign = campaign != nullptr ? campaign[i] : 0;
    } else if (campaign != nullptr && campaign[i] != 0) {
      current_campaign = campaign[i];
    }
    Add(&(*out)[static_cast<size_t>(current)], c, i);
    if (row_session != nullptr) (*row_session)[i] = static_cast<uint32_t>(current);
  }
}

bool SessionBuilder::Bounced(const Session& s) const {
  switch (defs_.bounce) {
    case BounceRule::kSinglePageView:
      return s.events == 1 && s.page_views == 1;
    case BounceRule::kNotEngaged:
      return !(s.duration_ms() >= defs_.engaged_ms || s.key_event || s.page_views >= 2);
    case BounceRule::kPosthog:
      return s.page_views < 2 && s.interactive == 0 && s.duration_ms() < defs_.engaged_ms;
    case BounceRule::kNoSecondInteraction:
      return s.page_views == 1 && s.interactive == 0;
    case BounceRule::kOneNonCustomEvent:
      return s.page_views == 1;
    case BounceRule::kAtMostOneAction:
      return s.page_views + s.interactive <= 1;
  }
  return false;
}

bool SessionBuilder::InBounceDenominator(const Session& s) const {
  switch (defs_.bounce) {
    case BounceRule::kNotEngaged:
    case BounceRule::kAtMostOneAction:
      return true;
    default:
      return s.page_views >= 1;
  }
}

}  // namespace touchpoint::kernels
