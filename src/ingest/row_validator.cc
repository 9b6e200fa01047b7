#include "ingest/row_validator.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>

#include "util/time.h"

namespace touchpoint::ingest {
namespace {

constexpr int64_t kMinMs = 0;                      // 1970-01-01
constexpr int64_t kMaxMs = 7258118400000LL;        // 2200-01-01
constexpr size_t kQuoteBytes = 80;

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

bool RowValidator::Validate(const RawRow& row, EventRow* out, std::string* column, std::string* reason) {
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
    if (!simdjson::validate_utf8(v.data(), v.size())) return fail(role, std::string(RoleName(role)) + " is not valid UTF-8");
  }
  for (const auto& [index, v] : row.properties) {
    if (v.size() > kMaxFieldBytes) {
      *column = "";
      *reason = "a property value is " + std::to_string(v.size()) + " bytes long (at most " +
                std::to_string(kMaxFieldBytes) + ")";
      return false;
    }
    if (!simdjson::validate_utf8(v.data(), v.size())) {
      *column = "";
      *reason = "a property value is not valid UTF-8";
      return false;
    }
  }
  for (Role required : {Role::kTimestamp, Role::kCustomerId, Role::kEvent}) {
    if (row.value[static_cast<int>(required)].empty()) {
      return fail(required, std::string(RoleName(required)) + " is missing or empty");
    }
  }
  auto ts = ParseTimestamp(row.value[static_cast<int>(Role::kTimestamp)], zone_);
  if (!ts.ok()) return fail(Role::kTimestamp, ts.status().message());
  if (ts.value() < kMinMs || ts.value() >= kMaxMs) {
    return fail(Role::kTimestamp, "timestamp " + QuoteForReason(row.value[static_cast<int>(Role::kTimestamp)]) +
                                      " is outside 1970-2200");
  }
  out->timestamp_ms = ts.value();
  out->customer_id = row.value[static_cast<int>(Role::kCustomerId)];
  out->event = mapping_.Event(row.value[static_cast<int>(Role::kEvent)]);
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
