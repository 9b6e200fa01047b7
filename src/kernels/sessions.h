// Sessions: derives one customer's sessions from its events in time order,
// under the session rules of a Definitions (docs/metrics.md, "Sessions").
//
// Rows with a session_id form the session (customer, session_id); rows
// without one are split in time order, a gap of MORE than the timeout
// starting a new session (exactly the timeout does not). Presets add a
// 24 h cap (PostHog), midnight and campaign splits (Matomo), and leave out
// events the visitor did not make on the site. Not thread-safe: one
// SessionBuilder per scan shard.
#ifndef TOUCHPOINT_KERNELS_SESSIONS_H_
#define TOUCHPOINT_KERNELS_SESSIONS_H_

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kernels/definitions.h"
#include "kernels/event_roles.h"
#include "scan/customer_view.h"

namespace date {
class time_zone;
}

namespace touchpoint::kernels {

struct Session {
  int64_t first_ts = 0;
  int64_t last_ts = 0;
  uint32_t first_row = 0;  // row of the session's first event in the view
  uint32_t events = 0;
  uint32_t page_views = 0;
  uint32_t interactive = 0;  // visitor events other than page_view
  bool key_event = false;    // a conversion event
  bool purchase = false;
  bool add_to_cart = false;

  int64_t duration_ms() const { return last_ts - first_ts; }
};

class SessionBuilder {
 public:
  SessionBuilder(const Definitions& defs, const EventRoles& roles, const date::time_zone* zone);

  // Sessions of the rows of `c` whose `keep[i]` is true (all rows when
  // keep is null), in order of their first event. When `row_session` is
  // given, it receives each row's session index (kNoSession for rows left out).
  void Build(const scan::CustomerView& c, const std::vector<uint8_t>* keep, std::vector<Session>* out,
             std::vector<uint32_t>* row_session = nullptr);
  static constexpr uint32_t kNoSession = 0xFFFFFFFFu;

  // Whether `s` bounced under the definitions, and whether it is in the
  // bounce rate's denominator.
  bool Bounced(const Session& s) const;
  bool InBounceDenominator(const Session& s) const;

 private:
  void Add(Session* s, const scan::CustomerView& c, uint32_t row) const;
  int64_t DayOf(int64_t ts) const;

  const Definitions& defs_;
  const EventRoles& roles_;
  const date::time_zone* zone_;
  std::unordered_map<std::string_view, uint32_t> by_id_;  // session_id -> index in out
};

}  // namespace touchpoint::kernels

#endif  // TOUCHPOINT_KERNELS_SESSIONS_H_
