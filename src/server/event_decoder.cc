#include "server/event_decoder.h"

#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <deque>
#include <optional>
#include <unordered_map>

#include "ingest/row_validator.h"
#include "server/posthog_names.h"
#include "server/server_options.h"

namespace touchpoint::server {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr size_t kMaxKeysKept = 4;

// Per-request state: the validator, the batch's property columns by name,
// and storage for values that are not views into the parsed document.
class Decoder {
 public:
  Decoder(const DecodeOptions& options, int64_t now_ms, DecodedEvents* out)
      : options_(options),
        now_ms_(now_ms),
        out_(out),
        read_options_(ReadOptionsFor(options, now_ms)),
        validator_(read_options_, options.zone) {}

  void Event(element e, size_t index);

 private:
  void Canonical(object obj, size_t index);
  void PostHog(object obj, size_t index);
  // The event's value as text: strings as they are, numbers and booleans
  // as their text, objects and arrays as minified JSON, null as absent.
  std::string_view Text(element v);
  std::string_view Keep(std::string s) { return scratch_.emplace_back(std::move(s)); }
  bool AddProperty(std::string_view name, std::string_view value, size_t index);
  void AddKey(std::string_view key);
  void Fail(size_t index, std::string column, std::string reason) {
    out_->errors.push_back(EventError{index, std::move(column), std::move(reason)});
  }
  // Validates row_ and appends it; PostHog errors name PostHog's fields.
  void Finish(size_t index, bool posthog);
  bool CheckId(std::string_view id, const char* field, size_t index);

  static ingest::ReadOptions ReadOptionsFor(const DecodeOptions& options, int64_t now_ms) {
    ingest::ReadOptions r;
    r.mapping = *options.mapping;
    r.min_timestamp_ms = options.min_timestamp_ms;
    r.max_future_ms = options.max_future_ms;
    r.now_ms = now_ms;
    return r;
  }

  const DecodeOptions& options_;
  const int64_t now_ms_;
  DecodedEvents* out_;
  const ingest::ReadOptions read_options_;  // the validator keeps a reference
  ingest::RowValidator validator_;
  std::unordered_map<std::string, uint32_t> property_index_;
  std::deque<std::string> scratch_;  // a deque: growing it never moves the strings
  ingest::RawRow row_;
  EventRow event_;
  std::string column_, reason_;
};

std::string_view Decoder::Text(element v) {
  switch (v.type()) {
    case element_type::NULL_VALUE:
      return std::string_view();
    case element_type::STRING:
      return v.get_string().value_unsafe();
    case element_type::BOOL:
      return v.get_bool().value_unsafe() ? "true" : "false";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: {
      char tmp[64];
      char* end;
      if (v.type() == element_type::INT64) {
        end = std::to_chars(tmp, tmp + sizeof(tmp), v.get_int64().value_unsafe()).ptr;
      } else if (v.type() == element_type::UINT64) {
        end = std::to_chars(tmp, tmp + sizeof(tmp), v.get_uint64().value_unsafe()).ptr;
      } else {
        end = std::to_chars(tmp, tmp + sizeof(tmp), v.get_double().value_unsafe()).ptr;
      }
      return Keep(std::string(tmp, end));
    }
    default:
      return Keep(simdjson::minify(v));
  }
}

void Decoder::AddKey(std::string_view key) {
  if (key.empty() || out_->keys.size() >= kMaxKeysKept) return;
  if (std::find(out_->keys.begin(), out_->keys.end(), key) == out_->keys.end()) out_->keys.emplace_back(key);
}

bool Decoder::AddProperty(std::string_view name, std::string_view value, size_t index) {
  if (value.empty()) return true;
  if (name.empty() || name.size() > kMaxPropertyNameBytes) {
    Fail(index, std::string(name.substr(0, 64)),
         "a property name must be 1-" + std::to_string(kMaxPropertyNameBytes) + " bytes long");
    return false;
  }
  if (row_.properties.size() >= kMaxPropertiesPerEvent) {
    Fail(index, "", "the event has more than " + std::to_string(kMaxPropertiesPerEvent) + " properties");
    return false;
  }
  auto it = property_index_.find(std::string(name));
  if (it == property_index_.end()) {
    if (property_index_.size() >= kMaxPropertiesPerRequest) {
      Fail(index, std::string(name.substr(0, 64)),
           "the request names more than " + std::to_string(kMaxPropertiesPerRequest) + " distinct properties");
      return false;
    }
    if (!simdjson::validate_utf8(name.data(), name.size())) {
      Fail(index, "", "a property name is not valid UTF-8");
      return false;
    }
    it = property_index_.emplace(std::string(name), out_->batch.PropertyIndex(name)).first;
  }
  row_.properties.emplace_back(it->second, value);
  return true;
}

void Decoder::Event(element e, size_t index) {
  ++out_->events;
  row_.Clear();
  scratch_.clear();
  object obj;
  if (e.get_object().get(obj)) {
    Fail(index, "", "the event is not a JSON object");
    return;
  }
  // PostHog's shape has distinct_id or a properties object; ours has
  // customer_id. An event with neither is read as ours, whose validation
  // then names the missing customer_id.
  element probe;
  const bool ours = !obj["customer_id"].get(probe);
  const bool posthog = !ours && (!obj["distinct_id"].get(probe) || !obj["properties"].get(probe));
  if (posthog) {
    PostHog(obj, index);
  } else {
    Canonical(obj, index);
  }
}

void Decoder::Canonical(object obj, size_t index) {
  for (auto field : obj) {
    const std::string_view key = field.key;
    if (key == "api_key" || key == "token") {
      AddKey(Text(field.value));
      continue;
    }
    const std::string_view canonical = options_.mapping->Column(key);
    const std::string_view value = Text(field.value);
    if (auto role = RoleFromName(canonical)) {
      row_.value[static_cast<int>(*role)] = value;  // a repeated key: the last one wins
      row_.present[static_cast<int>(*role)] = true;
    } else if (!AddProperty(canonical, value, index)) {
      return;
    }
  }
  Finish(index, false);
}

bool Decoder::CheckId(std::string_view id, const char* field, size_t index) {
  if (id.empty() || id.size() > ingest::kMaxIdBytes || id.find_first_of("\t\n") != std::string_view::npos ||
      !simdjson::validate_utf8(id.data(), id.size())) {
    Fail(index, field,
         std::string(field) + " must be 1-" + std::to_string(ingest::kMaxIdBytes) +
             " bytes of UTF-8 without tabs or newlines, not " + ingest::QuoteForReason(id));
    return false;
  }
  return true;
}

void Decoder::PostHog(object obj, size_t index) {
  std::string_view name, distinct_id, timestamp, uuid;
  std::optional<double> offset_ms;
  object props;
  bool has_props = false;
  for (auto field : obj) {
    const std::string_view key = field.key;
    if (key == "event") {
      name = Text(field.value);
    } else if (key == "distinct_id") {
      distinct_id = Text(field.value);
    } else if (key == "timestamp") {
      timestamp = Text(field.value);
    } else if (key == "uuid") {
      uuid = Text(field.value);
    } else if (key == "offset") {
      double v;
      if (!field.value.get_double().get(v)) offset_ms = v;
    } else if (key == "api_key" || key == "token") {
      AddKey(Text(field.value));
    } else if (key == "properties") {
      has_props = !field.value.get_object().get(props);
    }
  }
  // Roles set from our own names win over those derived from PostHog's.
  std::array<std::string_view, kRoleCount> derived{};
  std::string_view anon_id, alias, utm_medium, lib;
  if (has_props) {
    for (auto field : props) {
      const std::string_view key = field.key;
      const std::string_view value = Text(field.value);
      if (key == "token") {
        AddKey(value);
        continue;
      }
      if (key == "distinct_id" && distinct_id.empty()) distinct_id = value;
      if (key == "$anon_distinct_id") anon_id = value;
      if (key == "alias") alias = value;
      if (key == "utm_medium" || key == "$utm_medium") utm_medium = value;
      if (key == "$lib") lib = value;
      const PostHogProperty target = MapPostHogProperty(key);
      if (target.role) {
        if (RoleFromName(key)) {
          row_.value[static_cast<int>(*target.role)] = value;
          row_.present[static_cast<int>(*target.role)] = true;
        } else {
          derived[static_cast<int>(*target.role)] = value;
        }
      } else if (!target.property.empty()) {
        std::string_view v = value;
        if (target.lower_case) {
          std::string lower(value);
          std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
          v = Keep(std::move(lower));
        }
        if (!AddProperty(target.property, v, index)) return;
      }
    }
  }
  if (name.empty()) {
    Fail(index, "event", "event is missing or empty");
    return;
  }
  switch (ClassifyPostHogEvent(name)) {
    case PostHogEventKind::kIgnored:
      ++out_->ignored;
      return;
    case PostHogEventKind::kIdentify:
      if (!CheckId(distinct_id, "distinct_id", index)) return;
      if (!anon_id.empty() && anon_id != distinct_id) {
        if (!CheckId(anon_id, "$anon_distinct_id", index)) return;
        out_->links.push_back(IdentityLink{std::string(anon_id), std::string(distinct_id)});
      }
      return;
    case PostHogEventKind::kCreateAlias:
      if (!CheckId(distinct_id, "distinct_id", index) || !CheckId(alias, "alias", index)) return;
      if (alias != distinct_id) out_->links.push_back(IdentityLink{std::string(alias), std::string(distinct_id)});
      return;
    case PostHogEventKind::kEvent:
      break;
  }
  for (int r = 0; r < kRoleCount; ++r) {
    if (!row_.present[r] && !derived[r].empty()) {
      row_.value[r] = derived[r];
      row_.present[r] = true;
    }
  }
  auto set = [&](Role role, std::string_view v) {
    row_.value[static_cast<int>(role)] = v;
    row_.present[static_cast<int>(role)] = !v.empty();
  };
  set(Role::kEvent, PostHogEventName(name));
  set(Role::kCustomerId, distinct_id);
  if (!uuid.empty()) set(Role::kEventId, uuid);
  if (timestamp.empty()) {
    // PostHog: no timestamp means "now", or `offset` milliseconds ago.
    const int64_t ts = now_ms_ - (offset_ms ? static_cast<int64_t>(*offset_ms) : 0);
    timestamp = Keep(std::to_string(ts));
  }
  set(Role::kTimestamp, timestamp);
  if (row_.value[static_cast<int>(Role::kChannel)].empty()) {
    std::string_view channel = ChannelFromUtmMedium(utm_medium);
    if (channel.empty()) channel = ChannelFromLib(lib);
    set(Role::kChannel, channel);
  }
  Finish(index, true);
}

void Decoder::Finish(size_t index, bool posthog) {
  int bad_property = -1;
  if (!validator_.Validate(row_, &event_, &column_, &reason_, &bad_property)) {
    if (bad_property >= 0) {
      column_ = out_->batch.properties[row_.properties[static_cast<size_t>(bad_property)].first].name;
    }
    if (posthog && column_ == "customer_id") column_ = "distinct_id";
    if (posthog && column_ == "event_id") column_ = "uuid";
    Fail(index, column_, reason_);
    return;
  }
  out_->batch.Append(event_);
}

// One JSON document per non-blank line; a line that does not parse is that
// event's error.
void DecodeLines(std::string_view text, simdjson::dom::parser& parser, Decoder& decoder, DecodedEvents* out) {
  size_t index = 0, start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    element doc;
    // The body carries the parser's padding past its end, so each line is
    // readable that far (as ingest/ndjson_reader.cc relies on too).
    if (auto error = parser.parse(line.data(), line.size(), false).get(doc)) {
      ++out->events;
      out->errors.push_back(EventError{index, "", std::string("not valid JSON: ") + simdjson::error_message(error)});
    } else {
      decoder.Event(doc, index);
    }
    ++index;
  }
}

size_t CountLines(std::string_view text) {
  size_t n = 0, start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(start, end - start).find_first_not_of(" \t\r") != std::string_view::npos) ++n;
    start = end + 1;
  }
  return n;
}

}  // namespace

Status DecodeEvents(std::string* body, const DecodeOptions& options, int64_t now_ms, DecodedEvents* out,
                    bool* too_many) {
  *too_many = false;
  const size_t n = body->size();
  body->append(simdjson::SIMDJSON_PADDING, '\0');
  const std::string_view text(body->data(), n);
  thread_local simdjson::dom::parser parser;
  auto too_many_events = [&](size_t count) {
    *too_many = true;
    return Status::InvalidArgument("the request holds " + std::to_string(count) + " events (at most " +
                                   std::to_string(options.max_events) + " per request)");
  };
  Decoder decoder(options, now_ms, out);
  element doc;
  if (auto error = parser.parse(text.data(), text.size(), false).get(doc)) {
    // Not one document: NDJSON, when there are several lines.
    if (text.find('\n') == std::string_view::npos || error == simdjson::EMPTY) {
      return Status::InvalidArgument(std::string("the body is not valid JSON: ") + simdjson::error_message(error));
    }
    const size_t lines = CountLines(text);
    if (lines > options.max_events) return too_many_events(lines);
    DecodeLines(text, parser, decoder, out);
    return Status::OK();
  }
  simdjson::dom::array events;
  if (doc.get_array().get(events) == simdjson::SUCCESS) {
    if (events.size() > options.max_events) return too_many_events(events.size());
    size_t i = 0;
    for (element e : events) decoder.Event(e, i++);
    return Status::OK();
  }
  object obj;
  if (doc.get_object().get(obj)) return Status::InvalidArgument("the body is neither an event object nor an array");
  element batch;
  if (obj["batch"].get(batch) == simdjson::SUCCESS) {  // PostHog's batch shape
    element key;
    for (const char* name : {"api_key", "token"}) {
      std::string_view k;
      if (obj[name].get(key) == simdjson::SUCCESS && key.get_string().get(k) == simdjson::SUCCESS) {
        out->keys.emplace_back(k);
      }
    }
    if (batch.get_array().get(events)) return Status::InvalidArgument("'batch' must be an array of events");
    if (events.size() > options.max_events) return too_many_events(events.size());
    size_t i = 0;
    for (element e : events) decoder.Event(e, i++);
    return Status::OK();
  }
  decoder.Event(doc, 0);
  return Status::OK();
}

}  // namespace touchpoint::server
