#include "kernels/paths_spec.h"

#include <optional>

#include "kernels/group_column.h"
#include "util/suggest.h"

namespace touchpoint::kernels {
namespace {

std::optional<scan::DictColumn> SingleColumn(TouchpointKind kind) {
  switch (kind) {
    case TouchpointKind::kChannel: return scan::kChannel;
    case TouchpointKind::kPage: return scan::kPage;
    case TouchpointKind::kCampaign: return scan::kCampaign;
    default: return std::nullopt;
  }
}

// Resolves an anchor label to a node (or, for channel:event given as a bare
// event name, to the event every channel's node shares).
Status ResolveAnchor(const PathsSpec& spec, const scan::Catalog& catalog, const std::string& label,
                     std::string_view flag, uint32_t* node, uint32_t* event) {
  *node = *event = kNoNode;
  if (label.empty()) return Status::OK();
  auto missing = [&](scan::DictColumn column, std::string_view value) {
    std::vector<std::string> known;
    for (uint32_t code = 1; code < catalog.size(column); ++code) known.emplace_back(catalog.Value(column, code));
    return Status::InvalidArgument(std::string(flag) + " '" + label + "': no " +
                                   std::string(scan::DictColumnName(column)) + " '" + std::string(value) +
                                   "' in the store" + DidYouMean(value, known));
  };
  if (spec.kind == TouchpointKind::kEvent) {
    *node = catalog.Find(scan::kEvent, label);
    return *node == scan::kNoCode ? missing(scan::kEvent, label) : Status::OK();
  }
  if (spec.kind == TouchpointKind::kChannelEvent) {
    const size_t colon = label.find(':');
    const std::string_view ev_name = colon == std::string::npos ? std::string_view(label)
                                                                : std::string_view(label).substr(colon + 1);
    const uint32_t ev = catalog.Find(scan::kEvent, ev_name);
    if (ev == scan::kNoCode) return missing(scan::kEvent, ev_name);
    if (colon == std::string::npos) {
      *event = ev;
      return Status::OK();
    }
    const std::string_view ch_name = std::string_view(label).substr(0, colon);
    const uint32_t ch = catalog.Find(scan::kChannel, ch_name);
    if (ch == scan::kNoCode) return missing(scan::kChannel, ch_name);
    *node = ch * spec.event_space + ev;
    return Status::OK();
  }
  const scan::DictColumn col = *SingleColumn(spec.kind);
  *node = catalog.Find(col, label);
  return *node == scan::kNoCode ? missing(col, label) : Status::OK();
}

}  // namespace

Result<TouchpointKind> ParseTouchpointKind(std::string_view text) {
  if (text.empty() || text == "event") return TouchpointKind::kEvent;
  if (text == "channel:event") return TouchpointKind::kChannelEvent;
  if (text == "channel") return TouchpointKind::kChannel;
  if (text == "page") return TouchpointKind::kPage;
  if (text == "campaign") return TouchpointKind::kCampaign;
  return Status::InvalidArgument("--touchpoint must be event, channel:event, channel, page or campaign, not '" +
                                 std::string(text) + "'");
}

std::string_view TouchpointKindName(TouchpointKind kind) {
  switch (kind) {
    case TouchpointKind::kEvent: return "event";
    case TouchpointKind::kChannelEvent: return "channel:event";
    case TouchpointKind::kChannel: return "channel";
    case TouchpointKind::kPage: return "page";
    case TouchpointKind::kCampaign: return "campaign";
  }
  return "event";
}

Result<PathScope> ParsePathScope(std::string_view text) {
  if (text.empty() || text == "session") return PathScope::kSession;
  if (text == "customer") return PathScope::kCustomer;
  return Status::InvalidArgument("--scope must be session or customer, not '" + std::string(text) + "'");
}

Status PathsSpec::Prepare(const scan::Catalog& catalog, std::vector<std::string>* properties) {
  if (depth < 1 || depth > kMaxPathDepth) {
    return Status::InvalidArgument("--depth must be between 1 and " + std::to_string(kMaxPathDepth) + ", not " +
                                   std::to_string(depth));
  }
  if (!start.empty() && !end.empty()) return Status::InvalidArgument("give --start or --end, not both");
  properties->clear();
  group = ResolveCutAndFilter(by, where, properties, &derived);
  if (include_inactive) defs.inactive_events.clear();
  roles = EventRoles::Resolve(catalog, defs);
  event_space = static_cast<uint32_t>(catalog.size(scan::kEvent));
  if (kind == TouchpointKind::kChannelEvent &&
      uint64_t{catalog.size(scan::kChannel)} * event_space >= kMaxNodeSpace) {
    return Status::NotSupported("too many channel:event pairs for --touchpoint channel:event");
  }
  TP_RETURN_IF_ERROR(ResolveAnchor(*this, catalog, start, "--start", &start_node, &start_event));
  TP_RETURN_IF_ERROR(ResolveAnchor(*this, catalog, end, "--end", &end_node, &end_event));
  return Status::OK();
}

scan::ScanSpec PathsSpec::ScanSpecFor(const std::vector<std::string>& properties) const {
  scan::ScanSpec s;
  s.from_ms = from_ms;
  s.to_ms = to_ms;
  s.columns = scan::kColumnEvent | scan::kColumnSurvey | scan::kColumnScore;
  if (kind == TouchpointKind::kChannelEvent || kind == TouchpointKind::kChannel) s.columns |= scan::kColumnChannel;
  if (kind == TouchpointKind::kPage) s.columns |= scan::kColumnPage;
  if (kind == TouchpointKind::kCampaign) s.columns |= scan::kColumnCampaign;
  if (scope == PathScope::kSession) {
    if (defs.respect_session_id) s.columns |= scan::kColumnSessionId;
    if (defs.split_on_campaign_change) s.columns |= scan::kColumnCampaign;
  }
  AddCutAndFilter(group, where, properties, derived, &s);
  s.customer_ids = false;  // counts only: no customer is named (ScanSpec::customer_ids)
  return s;
}

uint32_t PathsSpec::NodeOf(const scan::CustomerView& c, size_t row) const {
  uint32_t code = 0;
  switch (kind) {
    case TouchpointKind::kEvent: code = c.event()[row]; break;
    case TouchpointKind::kChannelEvent: {
      const uint32_t ev = c.event()[row];
      return ev == 0 ? kNoNode : c.channel()[row] * event_space + ev;
    }
    case TouchpointKind::kChannel: code = c.channel()[row]; break;
    case TouchpointKind::kPage: code = c.dict[scan::kPage][row]; break;
    case TouchpointKind::kCampaign: code = c.dict[scan::kCampaign][row]; break;
  }
  return code == 0 ? kNoNode : code;  // code 0: the row has no value in that column
}

bool PathsSpec::IsStart(uint32_t node) const {
  return node == start_node || (start_event != kNoNode && node % event_space == start_event);
}

bool PathsSpec::IsEnd(uint32_t node) const {
  return node == end_node || (end_event != kNoNode && node % event_space == end_event);
}

}  // namespace touchpoint::kernels
