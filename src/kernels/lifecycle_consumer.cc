#include "kernels/lifecycle_consumer.h"

#include <cmath>
#include <limits>

#include "event/schema.h"
#include "kernels/group_column.h"

namespace touchpoint::kernels {
namespace {

// Not a well-known event (MISSION.md), but the usual name of one: a store
// that has it gets its referrals counted as advocacy.
constexpr std::string_view kReferralEvent = "referral";

// About three months of inactivity, in each period length.
constexpr int kChurnAfterMonths = 3;
constexpr int kChurnAfterWeeks = 13;
constexpr int kChurnAfterDays = 90;

size_t Cell(LifecycleStage from, LifecycleStage to) {
  return static_cast<size_t>(from) * kLifecycleStages + static_cast<size_t>(to);
}

}  // namespace

std::string_view LifecycleStageName(LifecycleStage stage) {
  switch (stage) {
    case LifecycleStage::kNew: return "new";
    case LifecycleStage::kReactivated: return "reactivated";
    case LifecycleStage::kEngaged: return "engaged";
    case LifecycleStage::kLoyal: return "loyal";
    case LifecycleStage::kAdvocate: return "advocate";
    case LifecycleStage::kAtRisk: return "at_risk";
    case LifecycleStage::kLost: return "lost";
  }
  return "";
}

int DefaultChurnAfter(Interval period) {
  if (period == Interval::kDay) return kChurnAfterDays;
  if (period == Interval::kWeek) return kChurnAfterWeeks;
  return kChurnAfterMonths;
}

Status LifecycleSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  grid = PeriodGrid::Make(period, history_from_ms, to_ms, zone);
  days = PeriodGrid::Make(Interval::kDay, grid.start(0), to_ms, zone);
  const int first = grid.Index(from_ms);
  first_report = first < 0 ? 0 : static_cast<size_t>(first);
  roles = EventRoles::Resolve(catalog, defs);
  share_code = catalog.Find(scan::kEvent, events::kShare);
  referral_code = catalog.Find(scan::kEvent, kReferralEvent);
  properties->clear();
  group = ResolveCutAndFilter(by, where, properties, &derived);
  return Status::OK();
}

scan::ScanSpec LifecycleSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  // Stages depend on all history; activation looks past `to` by its window.
  s.from_ms = std::numeric_limits<int64_t>::min();
  const int64_t window = defs.activation_window_ms;
  s.to_ms = to_ms > std::numeric_limits<int64_t>::max() - window ? to_ms : to_ms + window;
  s.columns = scan::kColumnEvent | scan::kColumnSurvey | scan::kColumnScore;
  AddCutAndFilter(group, where, properties, derived, &s);
  return s;
}

LifecycleCounts::LifecycleCounts(size_t periods)
    : stages(periods, StageCounts{}),
      moves(periods, StageMatrix{}),
      active(periods),
      active_days(periods),
      signups(periods),
      activated(periods),
      lost_from(periods) {}

void LifecycleCounts::Merge(const LifecycleCounts& o) {
  for (size_t r = 0; r < stages.size(); ++r) {
    for (size_t k = 0; k < kLifecycleStages; ++k) stages[r][k] += o.stages[r][k];
    for (size_t k = 0; k < moves[r].size(); ++k) moves[r][k] += o.moves[r][k];
    active[r] += o.active[r];
    active_days[r] += o.active_days[r];
    signups[r] += o.signups[r];
    activated[r] += o.activated[r];
    lost_from[r] += o.lost_from[r];
  }
}

void LifecycleCounts::Finalize() {
  // A customer lost for good from r_s on is lost in every r >= r_s, and was
  // lost in r_s - 1 too (that is when it became final): lost -> lost moves.
  uint64_t running = 0;
  const size_t lost = static_cast<size_t>(LifecycleStage::kLost);
  for (size_t r = 0; r < stages.size(); ++r) {
    running += lost_from[r];
    lost_from[r] = 0;
    stages[r][lost] += running;
    if (r >= 1) moves[r][Cell(LifecycleStage::kLost, LifecycleStage::kLost)] += running;
  }
}

LifecycleConsumer::LifecycleConsumer(const LifecycleSpec& spec)
    : spec_(spec), groups_([&spec] { return LifecycleCounts(spec.report_periods()); }) {}

// The measure catalogue's activation (docs/metrics.md, activation_rate): an
// activation event no later than first activity + the window (inclusive).
bool LifecycleConsumer::Activated(const scan::CustomerView& c, size_t first_row) const {
  const int64_t deadline = c.timestamp[first_row] + spec_.defs.activation_window_ms;
  for (size_t i = first_row; i < c.size && c.timestamp[i] <= deadline; ++i) {
    if (keep_[i] && spec_.roles.Is(c.event()[i], kIsActivation)) return true;
  }
  return false;
}

void LifecycleConsumer::Consume(const scan::CustomerView& c) {
  const LifecycleSpec& s = spec_;
  const size_t n = c.size;
  const int64_t* ts = c.timestamp;
  const uint32_t* ev = c.event();
  keep_.assign(n, 1);
  if (s.where != nullptr && !s.where->empty()) {
    for (size_t i = 0; i < n; ++i) keep_[i] = s.where->Matches(c, i) ? 1 : 0;
  }
  size_t first_row = n;
  for (size_t i = 0; i < n && ts[i] < s.to_ms; ++i) {
    if (keep_[i] && !s.roles.Is(ev[i], kIsInactive)) {
      first_row = i;
      break;
    }
  }
  if (first_row == n) return;  // never active before `to`: no stage
  const uint32_t g = s.by.empty() ? 0 : groups_.Of(s.group, c, first_row);
  auto each_group = [&](auto&& fn) {
    fn(groups_[0]);
    if (g != 0) fn(groups_[g]);
  };
  const int indexed = s.grid.Index(ts[first_row]);
  const size_t first_p = indexed < 0 ? 0 : static_cast<size_t>(indexed);
  const size_t r0 = s.first_report;
  if (first_p >= r0) {
    const bool activated = Activated(c, first_row);
    each_group([&](LifecycleCounts& k) {
      ++k.signups[first_p - r0];
      k.activated[first_p - r0] += activated;
    });
  }

  const uint32_t* survey = c.dict[scan::kSurvey];
  const double* score = c.score;
  size_t i = 0;  // next event
  size_t last_active = first_p;
  int streak = 0;
  uint64_t purchases = 0;
  double nps = std::numeric_limits<double>::quiet_NaN();  // latest NPS answer so far
  bool cancelled = false;  // latest subscription event a cancel, nothing done since
  int64_t cancel_ts = 0;
  uint64_t prev_days = 0;
  LifecycleStage prev = LifecycleStage::kNew;
  int64_t day_end = std::numeric_limits<int64_t>::min();
  const size_t periods = s.grid.size();
  for (size_t p = first_p; p < periods; ++p) {
    const int64_t end = s.grid.end(p);
    bool active = false, advocacy = false;
    uint64_t days = 0;
    for (; i < n && ts[i] < end; ++i) {
      if (!keep_[i]) continue;
      const uint32_t e = ev[i];
      const uint16_t flags = s.roles.flags[e];
      const int64_t t = ts[i];
      if (flags & kIsSubscriptionCancel) {
        cancelled = true;
        cancel_ts = t;
      } else if (flags & kIsSubscriptionStart) {
        cancelled = false;
      }
      if (flags & kIsInactive) continue;
      if (cancelled && t > cancel_ts) cancelled = false;  // came back after cancelling
      active = true;
      if (t >= day_end) {  // a new local day
        const int d = s.days.Index(t);
        day_end = d < 0 ? s.days.start(0) : s.days.end(static_cast<size_t>(d));
        ++days;
      }
      if (flags & kIsPurchase) ++purchases;
      if (e == s.share_code || e == s.referral_code) advocacy = true;
      if ((flags & kIsSurveyResponse) && survey[i] == s.roles.survey_nps && !std::isnan(score[i])) nps = score[i];
    }
    streak = active ? streak + 1 : 0;
    if (active) last_active = p;
    const bool inactive_too_long = !active && p - last_active >= static_cast<size_t>(s.churn_after);
    const bool complete = s.grid.end(p) == s.grid.natural_end(p);
    LifecycleStage stage;
    if (cancelled || inactive_too_long) {
      stage = LifecycleStage::kLost;
    } else if (p == first_p) {
      stage = LifecycleStage::kNew;
    } else if (active && prev == LifecycleStage::kLost) {
      stage = LifecycleStage::kReactivated;
    } else if (active && (advocacy || nps >= kPromoterMinScore)) {
      stage = LifecycleStage::kAdvocate;
    } else if (!active || (complete && days * 2 <= prev_days)) {
      stage = LifecycleStage::kAtRisk;
    } else if (purchases >= kLoyalPurchases || streak >= kLoyalStreak) {
      stage = LifecycleStage::kLoyal;
    } else {
      stage = LifecycleStage::kEngaged;
    }
    if (p >= r0) {
      const size_t r = p - r0;
      each_group([&](LifecycleCounts& k) {
        ++k.stages[r][static_cast<size_t>(stage)];
        if (active) {
          ++k.active[r];
          k.active_days[r] += days;
        }
        if (r >= 1 && p > first_p) ++k.moves[r][Cell(prev, stage)];
      });
    }
    prev = stage;
    prev_days = days;
    if (stage == LifecycleStage::kLost && (i == n || ts[i] >= s.to_ms)) {
      // Nothing more happens: lost in every later period (Finalize counts them).
      if (p + 1 < periods) {
        const size_t from = p + 1 >= r0 ? p + 1 - r0 : 0;
        each_group([&](LifecycleCounts& k) { ++k.lost_from[from]; });
      }
      break;
    }
  }
  // The loop ends at the last period, or at a lost customer's last change.
  if (s.collect_stages) customer_stages_.push_back({std::string(c.customer_id), prev});
}

void LifecycleConsumer::MergeFrom(LifecycleConsumer& other) {
  groups_.Merge(other.groups_, [](LifecycleCounts& mine, const LifecycleCounts& theirs) { mine.Merge(theirs); });
  customer_stages_.insert(customer_stages_.end(), std::make_move_iterator(other.customer_stages_.begin()),
                          std::make_move_iterator(other.customer_stages_.end()));
}

void LifecycleConsumer::Finalize() {
  for (LifecycleCounts& k : groups_.states()) k.Finalize();
}

}  // namespace touchpoint::kernels
