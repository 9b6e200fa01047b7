#include "event/schema.h"

#include <array>

namespace touchpoint {
namespace {

constexpr std::array<std::string_view, kRoleCount> kRoleNames = {
    "timestamp", "customer_id", "event", "event_id", "session_id", "channel", "campaign",
    "page",      "revenue",     "survey", "score",   "comment",    "feature",
};

}  // namespace

std::string_view RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }

std::optional<Role> RoleFromName(std::string_view name) {
  for (int i = 0; i < kRoleCount; ++i) {
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  }
  return std::nullopt;
}

Status FieldMapping::AddColumn(std::string_view theirs, std::string_view role_name) {
  if (theirs.empty()) return Status::InvalidArgument("mapping: empty source column name");
  if (!RoleFromName(role_name)) {
    return Status::InvalidArgument("mapping: '" + std::string(role_name) +
                                   "' is not a known column role (timestamp, customer_id, event, event_id, "
                                   "session_id, channel, campaign, page, revenue, survey, score, comment, feature)");
  }
  columns_[std::string(theirs)] = std::string(role_name);
  return Status::OK();
}

void FieldMapping::AddEvent(std::string_view theirs, std::string_view ours) {
  events_[std::string(theirs)] = std::string(ours);
}

Status FieldMapping::AddRule(std::string_view rule) {
  size_t eq = rule.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == rule.size()) {
    return Status::InvalidArgument("mapping '" + std::string(rule) +
                                   "': expected column:THEIRS=ROLE or event:THEIRS=OURS");
  }
  std::string_view left = rule.substr(0, eq);
  std::string_view right = rule.substr(eq + 1);
  if (left.starts_with("event:")) {
    AddEvent(left.substr(6), right);
    return Status::OK();
  }
  if (left.starts_with("column:")) left = left.substr(7);
  return AddColumn(left, right);
}

std::string_view FieldMapping::Column(std::string_view input_name) const {
  auto it = columns_.find(input_name);
  return it == columns_.end() ? input_name : std::string_view(it->second);
}

std::string_view FieldMapping::Event(std::string_view input_event) const {
  auto it = events_.find(input_event);
  return it == events_.end() ? input_event : std::string_view(it->second);
}

}  // namespace touchpoint
