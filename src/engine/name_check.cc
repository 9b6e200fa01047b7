#include "engine/name_check.h"

#include <algorithm>

#include "event/schema.h"
#include "kernels/group_column.h"
#include "util/suggest.h"

namespace touchpoint::engine {
namespace {

// Columns every store has besides the dictionary ones (kernels/event_filter.h).
constexpr std::string_view kBuiltInColumns[] = {"session_id", "comment", "event_id", "revenue", "score", "timestamp"};
constexpr std::string_view kDictColumns[] = {"event", "channel", "campaign", "page", "survey", "feature"};

// The schema's well-known events (MISSION.md): names a request may use
// before the store has any.
constexpr std::string_view kWellKnownEvents[] = {
    events::kPageView,     events::kImpression,        events::kClick,
    events::kSignup,       events::kActivation,        events::kAddToCart,
    events::kCheckout,     events::kPurchase,          events::kRefund,
    events::kSurveyResponse, events::kFeatureUse,      events::kLike,
    events::kComment,      events::kShare,             events::kSubscriptionStart,
    events::kSubscriptionCancel, events::kSupportTicket, events::kEmailSent,
    events::kEmailOpen,    events::kEmailClick};

std::vector<std::string> DictValues(const scan::Catalog& catalog, scan::DictColumn column) {
  std::vector<std::string> values;
  for (uint32_t code = 1; code < catalog.size(column); ++code) values.emplace_back(catalog.Value(column, code));
  return values;
}

Status Unknown(std::string_view param, std::string_view what, std::string_view name,
               const std::vector<std::string>& known) {
  return Status::Usage(std::string(param) + ": unknown " + std::string(what) + " '" + std::string(name) + "'" +
                       DidYouMean(name, known));
}

}  // namespace

NameCheck::NameCheck(const scan::Catalog& catalog, std::vector<std::string> derived) : catalog_(catalog) {
  for (std::string& d : derived) derived_.push_back(std::string(kernels::kDerivedPrefix) + d);
  for (std::string_view c : kDictColumns) columns_.emplace_back(c);
  for (std::string_view c : kBuiltInColumns) columns_.emplace_back(c);
  for (const std::string& p : catalog.properties()) columns_.push_back(p);
  columns_.insert(columns_.end(), derived_.begin(), derived_.end());
  events_ = DictValues(catalog, scan::kEvent);
  for (std::string_view e : kWellKnownEvents) {
    if (std::find(events_.begin(), events_.end(), e) == events_.end()) events_.emplace_back(e);
  }
}

Status NameCheck::Event(std::string_view param, std::string_view name) const {
  if (catalog_.Find(scan::kEvent, name) != scan::kNoCode) return Status::OK();
  if (std::find(events_.begin(), events_.end(), name) == events_.end()) return Unknown(param, "event", name, events_);
  const std::string note = "event '" + std::string(name) + "' does not occur in the store";
  if (std::find(notes_.begin(), notes_.end(), note) == notes_.end()) notes_.push_back(note);
  return Status::OK();
}

Status NameCheck::Column(std::string_view param, std::string_view name) const {
  if (std::find(columns_.begin(), columns_.end(), name) != columns_.end()) return Status::OK();
  if (name.starts_with(kernels::kDerivedPrefix)) {
    return Unknown(param, "derived column", name, derived_);
  }
  return Unknown(param, "column or property", name, columns_);
}

Status NameCheck::Cut(std::string_view param, const std::vector<std::string>& by) const {
  if (by.size() > kernels::kMaxCutColumns) {
    return Status::Usage(std::string(param) + ": at most " + std::to_string(kernels::kMaxCutColumns) +
                         " columns, not " + std::to_string(by.size()));
  }
  for (const std::string& name : by) {
    TP_RETURN_IF_ERROR(Column(param, name));
    if (std::find(std::begin(kBuiltInColumns), std::end(kBuiltInColumns), name) != std::end(kBuiltInColumns)) {
      return Status::Usage(std::string(param) + ": '" + name +
                           "' is a value per event, not a category to cut by (cut by a dictionary column such as "
                           "channel, a property or derived:NAME)");
    }
  }
  if (by.size() == 2 && by[0] == by[1]) return Status::Usage(std::string(param) + ": '" + by[0] + "' twice");
  return Status::OK();
}

Status NameCheck::Filter(std::string_view param, const kernels::EventFilter& filter) const {
  for (const kernels::EventFilter::Reference& ref : filter.references()) {
    TP_RETURN_IF_ERROR(Column(param, ref.field));
    if (ref.field != "event") continue;
    for (const std::string& value : ref.values) TP_RETURN_IF_ERROR(Event(param, value));
  }
  return Status::OK();
}

Status NameCheck::Steps(std::string_view param, const kernels::FunnelSteps& steps) const {
  for (size_t i = 0; i < steps.size(); ++i) TP_RETURN_IF_ERROR(Filter(param, steps.filter(i)));
  return Status::OK();
}

}  // namespace touchpoint::engine
