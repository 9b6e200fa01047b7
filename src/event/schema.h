// Schema: the well-known column roles and event names of MISSION.md, and
// the user's mapping of their own names onto them.
//
// A FieldMapping is built from `--map` flags or the [mapping] table of the
// config file, and applied by the readers before validation, so a user's
// `user` column becomes customer_id and their `order_completed` event
// becomes purchase. Immutable once built; safe to share between threads.
#ifndef TOUCHPOINT_EVENT_SCHEMA_H_
#define TOUCHPOINT_EVENT_SCHEMA_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace touchpoint {

// The columns with a role. The values are not serialized.
enum class Role {
  kTimestamp,
  kCustomerId,
  kEvent,
  kEventId,
  kSessionId,
  kChannel,
  kCampaign,
  kPage,
  kRevenue,
  kSurvey,
  kScore,
  kComment,
  kFeature,
};
inline constexpr int kRoleCount = 13;

// Canonical column name of a role: "timestamp", "customer_id", ...
std::string_view RoleName(Role role);
// The role a canonical column name stands for, if any.
std::optional<Role> RoleFromName(std::string_view name);

// Well-known event names (MISSION.md). Analyses name events by these strings;
// other event names are stored and queryable as they are.
namespace events {
inline constexpr std::string_view kPageView = "page_view";
inline constexpr std::string_view kImpression = "impression";
inline constexpr std::string_view kClick = "click";
inline constexpr std::string_view kSignup = "signup";
inline constexpr std::string_view kActivation = "activation";
inline constexpr std::string_view kAddToCart = "add_to_cart";
inline constexpr std::string_view kCheckout = "checkout";
inline constexpr std::string_view kPurchase = "purchase";
inline constexpr std::string_view kRefund = "refund";
inline constexpr std::string_view kSurveyResponse = "survey_response";
inline constexpr std::string_view kFeatureUse = "feature_use";
inline constexpr std::string_view kLike = "like";
inline constexpr std::string_view kComment = "comment";
inline constexpr std::string_view kShare = "share";
inline constexpr std::string_view kSubscriptionStart = "subscription_start";
inline constexpr std::string_view kSubscriptionCancel = "subscription_cancel";
inline constexpr std::string_view kSupportTicket = "support_ticket";
inline constexpr std::string_view kEmailSent = "email_sent";
inline constexpr std::string_view kEmailOpen = "email_open";
inline constexpr std::string_view kEmailClick = "email_click";
}  // namespace events

// Survey kinds and their valid score ranges (inclusive).
struct SurveyRange {
  std::string_view survey;
  double min;
  double max;
};
inline constexpr SurveyRange kSurveyRanges[] = {{"nps", 0, 10}, {"csat", 1, 5}, {"ces", 1, 7}};

class FieldMapping {
 public:
  // Parses one `--map` argument: "column:THEIRS=ROLE" (e.g. column:user=customer_id)
  // or "event:THEIRS=OURS" (e.g. event:order_completed=purchase). A bare
  // "THEIRS=ROLE" is a column mapping when ROLE names a role, else an error.
  Status AddRule(std::string_view rule);
  Status AddColumn(std::string_view theirs, std::string_view role_name);
  void AddEvent(std::string_view theirs, std::string_view ours);

  // The canonical name for an input column (itself when unmapped).
  std::string_view Column(std::string_view input_name) const;
  // The canonical event name (itself when unmapped).
  std::string_view Event(std::string_view input_event) const;
  bool empty() const { return columns_.empty() && events_.empty(); }
  bool has_event_rules() const { return !events_.empty(); }
  // Their name -> ours, for warnings about rules the input never used.
  const std::map<std::string, std::string, std::less<>>& column_rules() const { return columns_; }
  const std::map<std::string, std::string, std::less<>>& event_rules() const { return events_; }

 private:
  std::map<std::string, std::string, std::less<>> columns_;
  std::map<std::string, std::string, std::less<>> events_;
};

}  // namespace touchpoint

#endif  // TOUCHPOINT_EVENT_SCHEMA_H_
