#include "ingest/row_validator.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>

#include "util/time.h"
#include "util/time_format.h"

namespace touchpoint::ingest {
namespace {

constexpr size_t kQuoteBytes = 80;

// A value that is empty after trimming spaces and tabs.
bool Blank(std::string_view v) {
  return v.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool ParseDouble(std::string_view s, double* v) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(*v);
}

}  // namespace

std::string QuoteForReason(std::string_view value) {
  std::string out = "'";
  for (size_t i = 0; i < value.size() && i < kQuoteBytes; ++i) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    out += c < 0x20 ? '?' : static_cast<char>(c);
  }
  if (value.size() > kQuoteBytes) out += "...";
  return out + "'";
}

RowValidator::RowValidator(const ReadOptions& options, const date::time_zone* zone)
    : mapping_(options.mapping), zone_(zone), timestamp_format_(options.timestamp_format) {
  min_ms_ = options.min_timestamp_ms;
  max_ms_ = (options.now_ms != 0 ? options.now_ms : NowMs()) + options.max_future_ms;
  min_text_ = FormatTimestamp(min_ms_).substr(0, 10);
}

Result<int64_t> RowValidator::ParseTime(std::string_view text) const {
  if (!timestamp_format_.empty()) return ParseTimestampFormat(text, timestamp_format_, zone_);
  return ParseTimestamp(text, zone_);
}

std::vector<std::string> RowValidator::UnusedEventRules() const {
  std::vector<std::string> unused;
  for (const auto& [theirs, ours] : mapping_.event_rules()) {
    if (std::find(used_event_rules_.begin(), used_event_rules_.end(), theirs) == used_event_rules_.end()) {
      unused.push_back(theirs);
    }
  }
  return unused;
}

bool RowValidator::Validate(const RawRow& row, EventRow* out, std::string* column, std::string* reason,
                            int* bad_property) {
  *bad_property = -1;
  auto fail = [&](Role role, std::string why) {
    *column = std::string(RoleName(role));
    *reason = std::move(why);
    return false;
  };
  // UTF-8 and lengths, every column.
  for (int r = 0; r < kRoleCount; ++r) {
    const std::string_view v = row.value[r];
    const Role role = static_cast<Role>(r);
    if (v.empty()) continue;
    const bool id_like = role == Role::kCustomerId || role == Role::kEvent || role == Role::kEventId ||
                         role == Role::kSessionId;
    const size_t limit = id_like ? kMaxIdBytes : kMaxFieldBytes;
    if (v.size() > limit) {
      return fail(role, std::string(RoleName(role)) + " is " + std::to_string(v.size()) + " bytes long (at most " +
                            std::to_string(limit) + ")");
    }
    if (!row.utf8_checked && !simdjson::validate_utf8(v.data(), v.size())) {
      return fail(role, std::string(RoleName(role)) + " is not valid UTF-8");
    }
  }
  for (size_t k = 0; k < row.properties.size(); ++k) {
    const std::string_view v = row.properties[k].second;
    if (v.size() > kMaxFieldBytes) {
      *bad_property = static_cast<int>(k);
      *reason = "the value is " + std::to_string(v.size()) + " bytes long (at most " + std::to_string(kMaxFieldBytes) +
                ")";
      return false;
    }
    if (!row.utf8_checked && !simdjson::validate_utf8(v.data(), v.size())) {
      *bad_property = static_cast<int>(k);
      *reason = "the value is not valid UTF-8";
      return false;
    }
  }
  for (Role required : {Role::kTimestamp, Role::kCustomerId, Role::kEvent}) {
    if (Blank(row.value[static_cast<int>(required)])) {
      return fail(required, std::string(RoleName(required)) + " is missing, empty or blank");
    }
  }
  const std::string_view ts_text = row.value[static_cast<int>(Role::kTimestamp)];
  auto ts = ParseTime(ts_text);
  if (!ts.ok()) return fail(Role::kTimestamp, ts.status().message());
  if (ts.value() < min_ms_) {
    return fail(Role::kTimestamp, "timestamp " + QuoteForReason(ts_text) + " is before " + min_text_ +
                                      " (an implausible time; [ingest] min_timestamp)");
  }
  if (ts.value() > max_ms_) {
    return fail(Role::kTimestamp, "timestamp " + QuoteForReason(ts_text) +
                                      " is in the future (an implausible time; [ingest] max_future)");
  }
  out->timestamp_ms = ts.value();
  out->customer_id = row.value[static_cast<int>(Role::kCustomerId)];
  const std::string_view event = row.value[static_cast<int>(Role::kEvent)];
  out->event = mapping_.Event(event);
  if (out->event.data() != event.data() &&
      std::find(used_event_rules_.begin(), used_event_rules_.end(), event) == used_event_rules_.end()) {
    used_event_rules_.emplace_back(event);
  }
  out->event_id = row.value[static_cast<int>(Role::kEventId)];
  out->session_id = row.value[static_cast<int>(Role::kSessionId)];
  out->channel = row.value[static_cast<int>(Role::kChannel)];
  out->campaign = row.value[static_cast<int>(Role::kCampaign)];
  out->page = row.value[static_cast<int>(Role::kPage)];
  out->survey = row.value[static_cast<int>(Role::kSurvey)];
  out->comment = row.value[static_cast<int>(Role::kComment)];
  out->feature = row.value[static_cast<int>(Role::kFeature)];
  out->revenue = kAbsent;
  out->score = kAbsent;
  const std::string_view revenue = row.value[static_cast<int>(Role::kRevenue)];
  if (!revenue.empty() && !ParseDouble(revenue, &out->revenue)) {
    return fail(Role::kRevenue, "revenue " + QuoteForReason(revenue) + " is not a number");
  }
  const std::string_view score = row.value[static_cast<int>(Role::kScore)];
  if (!score.empty() && !ParseDouble(score, &out->score)) {
    return fail(Role::kScore, "score " + QuoteForReason(score) + " is not a number");
  }
  for (const SurveyRange& range : kSurveyRanges) {
    if (out->survey != range.survey) continue;
    if (std::isnan(out->score)) return fail(Role::kScore, "a " + std::string(range.survey) + " answer needs a score");
    if (out->score < range.min || out->score > range.max) {
      char buf[96];
      std::snprintf(buf, sizeof(buf), " score %g is outside %g-%g", out->score, range.min, range.max);
      return fail(Role::kScore, std::string(range.survey) + buf);
    }
  }
  out->properties.assign(row.properties.begin(), row.properties.end());
  return true;
}

}  // namespace touchpoint::ingest
