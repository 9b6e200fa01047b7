#include "engine/request_dates.h"

#include <date/tz.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>

#include "util/time.h"

namespace touchpoint::engine {
namespace {

using date::days;
using date::local_days;

// The local calendar date of `ms` in `zone`.
date::year_month_day LocalDate(int64_t ms, const date::time_zone* zone) {
  const date::sys_time<std::chrono::milliseconds> t{std::chrono::milliseconds{ms}};
  if (zone == nullptr) return date::year_month_day{date::floor<days>(t)};
  return date::year_month_day{date::floor<days>(zone->to_local(t))};
}

// Local midnight of `ymd` in `zone`, through the same path as any date
// typed by hand, so a midnight that falls in a DST gap is handled alike.
Result<int64_t> Midnight(date::year_month_day ymd, const date::time_zone* zone) {
  if (!ymd.ok()) ymd = date::year_month_day{local_days{ymd.year() / ymd.month() / date::last}};
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return ParseTimestamp(buf, zone);
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status Bad(std::string_view flag, std::string_view text, std::string_view why) {
  return Status::Usage(std::string(flag) + ": '" + std::string(text) + "' " + std::string(why) +
                       " (expected an ISO date or time, 2024-03, 2024, today, yesterday, now, or -30d, -12w, -6m, "
                       "-1y)");
}

}  // namespace

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Result<int64_t> ParseRequestTime(std::string_view flag, std::string_view text, const date::time_zone* zone,
                                 int64_t now_ms) {
  if (text.empty()) return Bad(flag, text, "is empty");
  const date::year_month_day today = LocalDate(now_ms, zone);
  if (text == "now") return now_ms;
  if (text == "today") return Midnight(today, zone);
  if (text == "yesterday") return Midnight(date::year_month_day{local_days{today} - days{1}}, zone);
  if (text.front() == '-') {
    const std::string_view number = text.substr(1, text.size() - 2);
    int n = 0;
    auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (text.size() < 3 || ec != std::errc() || p != number.data() + number.size() || n < 0) {
      return Bad(flag, text, "is not a relative date");
    }
    switch (text.back()) {
      case 'd': return Midnight(date::year_month_day{local_days{today} - days{n}}, zone);
      case 'w': return Midnight(date::year_month_day{local_days{today} - days{7 * n}}, zone);
      case 'm': return Midnight(today - date::months{n}, zone);
      case 'y': return Midnight(today - date::years{n}, zone);
      default: return Bad(flag, text, "has an unknown unit");
    }
  }
  // A year, or a year and month: their first local midnight.
  std::string full(text);
  if (text.size() == 4 && AllDigits(text)) full += "-01-01";
  if (text.size() == 7 && AllDigits(text.substr(0, 4)) && text[4] == '-' && AllDigits(text.substr(5))) full += "-01";
  auto t = ParseTimestamp(full, zone);
  if (!t.ok()) return Status::Usage(std::string(flag) + ": " + t.status().message());
  return *t;
}

}  // namespace touchpoint::engine
