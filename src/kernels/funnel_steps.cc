#include "kernels/funnel_steps.h"

#include <set>

#include "scan/scan_spec.h"

namespace touchpoint::kernels {
namespace {

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// "event" or "event[cond]" -> a --where expression.
Result<std::string> StepExpression(const std::string& step) {
  size_t open = step.find('[');
  std::string event = Trim(step.substr(0, open));
  if (event.empty()) return Status::InvalidArgument("funnel step '" + step + "' has no event name");
  std::string quoted = "'";
  for (char c : event) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  std::string expr = "event = " + quoted + "'";
  if (open != std::string::npos) {
    if (step.back() != ']') return Status::InvalidArgument("funnel step '" + step + "': missing ']'");
    std::string cond = Trim(step.substr(open + 1, step.size() - open - 2));
    if (!cond.empty()) expr += " AND (" + cond + ")";
  }
  return expr;
}

}  // namespace

std::vector<size_t> TopLevelPositions(std::string_view text, char separator) {
  std::vector<size_t> at;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    } else if (c == separator && depth == 0) {
      at.push_back(i);
    }
  }
  return at;
}

Result<FunnelSteps> FunnelSteps::Parse(std::string_view text, size_t min_steps) {
  FunnelSteps steps;
  std::vector<std::string> parts;
  size_t begin = 0;
  for (size_t comma : TopLevelPositions(text, ',')) {
    parts.push_back(Trim(text.substr(begin, comma - begin)));
    begin = comma + 1;
  }
  parts.push_back(Trim(text.substr(begin)));
  if (parts.size() < min_steps) {
    return Status::InvalidArgument(min_steps == 2 ? "a funnel needs at least 2 steps (--steps A,B,...)"
                                                  : "expected at least one event");
  }
  if (parts.size() > kMaxFunnelSteps) {
    return Status::InvalidArgument("a funnel has at most " + std::to_string(kMaxFunnelSteps) + " steps");
  }
  for (const std::string& p : parts) {
    TP_ASSIGN_OR_RETURN(std::string expr, StepExpression(p));
    auto filter = EventFilter::Parse(expr);
    if (!filter.ok()) return Status::InvalidArgument("funnel step '" + p + "': " + filter.status().message());
    steps.labels_.push_back(p);
    steps.events_.push_back(Trim(p.substr(0, p.find('['))));
    steps.conditional_.push_back(p.find('[') != std::string::npos);
    steps.filters_.push_back(std::move(filter).value());
  }
  return steps;
}

uint32_t FunnelSteps::columns() const {
  uint32_t cols = scan::kColumnEvent;
  for (const EventFilter& f : filters_) cols |= f.columns();
  return cols;
}

std::vector<std::string> FunnelSteps::properties() const {
  std::set<std::string> props;
  for (const EventFilter& f : filters_) {
    for (const std::string& p : f.properties()) props.insert(p);
  }
  return {props.begin(), props.end()};
}

std::vector<std::string> FunnelSteps::derived() const {
  std::set<std::string> names;
  for (const EventFilter& f : filters_) {
    for (const std::string& d : f.derived()) names.insert(d);
  }
  return {names.begin(), names.end()};
}

void FunnelSteps::Bind(const scan::Catalog& catalog, const std::vector<std::string>& properties,
                       const std::vector<std::string>& derived) {
  for (EventFilter& f : filters_) f.Bind(catalog, properties, derived);
  by_event_.assign(catalog.size(scan::kEvent), 0);
  conditional_mask_ = 0;
  for (size_t i = 0; i < filters_.size(); ++i) {
    if (conditional_[i]) {
      conditional_mask_ |= 1u << i;
      continue;
    }
    const uint32_t code = catalog.Find(scan::kEvent, events_[i]);
    if (code != scan::kNoCode) by_event_[code] |= 1u << i;
  }
}

uint32_t FunnelSteps::MatchConditional(const scan::CustomerView& c, size_t row) const {
  uint32_t mask = 0;
  for (uint32_t m = conditional_mask_; m != 0; m &= m - 1) {
    const int i = __builtin_ctz(m);
    if (filters_[i].Matches(c, row)) mask |= 1u << i;
  }
  return mask;
}

}  // namespace touchpoint::kernels
