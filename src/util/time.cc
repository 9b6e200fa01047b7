#include "util/time.h"

#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace touchpoint {
namespace {


void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}



// Reads exactly `n` digits at text[*pos].
bool Digits(std::string_view text, size_t* pos, size_t n, unsigned* out) {
  if (*pos + n > text.size()) return false;
  unsigned v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

Status Bad(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("timestamp '" + std::string(text.substr(0, 64)) + "' " + std::string(why));
}

// A plain number: Unix seconds, milliseconds, microseconds (GA4's
// event_timestamp) or nanoseconds, told apart by magnitude.
Result<int64_t> ParseNumber(std::string_view text) {
  const bool integral = text.find_first_of(".eE") == std::string_view::npos;
  if (integral) {
    int64_t v = 0;
    auto [p, ec] = std::from_chars(text.data() + (text[0] == '+'), text.data() + text.size(), v);
    if (ec == std::errc() && p == text.data() + text.size()) {
      const int64_t mag = v < 0 ? -v : v;
      if (mag > kUnixNanosThreshold) return v >= 0 ? v / 1000000 : -((-v + 999999) / 1000000);
      if (mag > kUnixMicrosThreshold) return v >= 0 ? v / 1000 : -((-v + 999) / 1000);
      if (mag > kUnixMillisThreshold) return v;
      return v * kMillisPerSecond;
    }
  }
  double v = 0;
  auto [p, ec] = std::from_chars(text.data() + (text[0] == '+'), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v)) {
    return Bad(text, "is not a number nor an ISO-8601 date");
  }
  double ms = v * 1000.0;
  if (std::fabs(v) > kUnixNanosThreshold) {
    ms = v / 1e6;
  } else if (std::fabs(v) > kUnixMicrosThreshold) {
    ms = v / 1e3;
  } else if (std::fabs(v) > kUnixMillisThreshold) {
    ms = v;
  }
  if (std::fabs(ms) > 9.2e15) return Bad(text, "is out of range");
  return static_cast<int64_t>(std::floor(ms));
}


bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Eight digits, optionally followed by T and a time: an 8-digit number as
// Unix seconds would be 1970-1973, never what such a file means.
bool IsBasicForm(std::string_view text) {
  return text.size() >= 8 && AllDigits(text.substr(0, 8)) && (text.size() == 8 || text[8] == 'T' || text[8] == 't');
}

Result<int64_t> ParseBasic(std::string_view text, const date::time_zone* zone) {
  size_t pos = 0;
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  Digits(text, &pos, 4, &year);
  Digits(text, &pos, 2, &month);
  Digits(text, &pos, 2, &day);
  if (month < 1 || month > 12) return Bad(text, "has month " + std::to_string(month) + " (1-12)");
  if (day < 1 || day > DaysInMonth(year, month)) return Bad(text, "is not a valid date");
  int64_t millis = 0, offset_minutes = 0;
  bool has_offset = false;
  if (pos < text.size()) {
    ++pos;  // T
    if (!Digits(text, &pos, 2, &hour) || !Digits(text, &pos, 2, &minute)) {
      return Bad(text, "has a malformed time (expected YYYYMMDDTHHMM[SS])");
    }
    if (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && !Digits(text, &pos, 2, &second)) {
      return Bad(text, "has malformed seconds");
    }
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      int64_t scale = 100;
      const size_t start = ++pos;
      for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10) {
        if (scale > 0) millis += (text[pos] - '0') * scale;
      }
      if (pos == start) return Bad(text, "has an empty fraction");
    }
    if (hour > 23 || minute > 59 || second > 59) return Bad(text, "has a time out of range");
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
      has_offset = true;
      ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      const char sign = text[pos++];
      unsigned oh = 0, om = 0;
      if (!Digits(text, &pos, 2, &oh)) return Bad(text, "has a malformed UTC offset");
      if (pos < text.size() && !Digits(text, &pos, 2, &om)) return Bad(text, "has a malformed UTC offset");
      if (oh > 23 || om > 59) return Bad(text, "has a UTC offset out of range");
      offset_minutes = (sign == '-' ? -1 : 1) * static_cast<int64_t>(oh * 60 + om);
      has_offset = true;
    }
    if (pos != text.size()) return Bad(text, "has unexpected text after the time");
  }
  const int64_t local_ms =
      ((DaysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60000 + int64_t{second} * 1000 + millis;
  return has_offset ? local_ms - offset_minutes * 60000 : LocalToUtc(local_ms, zone);
}

}  // namespace

// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Local wall-clock milliseconds (as if UTC) to an instant in `zone`. A time
// in a spring-forward gap is moved forward by the gap, as java.time and
// Python's zoneinfo do (02:30 in a 02:00 -> 03:00 gap is 03:30), so that
// distinct local times stay distinct; an ambiguous one (fall-back) takes
// the earlier instant.
int64_t LocalToUtc(int64_t local_ms, const date::time_zone* zone) {
  if (zone == nullptr) return local_ms;
  using Ms = std::chrono::milliseconds;
  const date::local_time<Ms> local{Ms{local_ms}};
  const date::local_info info = zone->get_info(date::floor<std::chrono::seconds>(local));
  // Nonexistent: the offset in force before the gap; ambiguous: the
  // earlier (pre-transition) one; unique: the only one.
  return local_ms - std::chrono::duration_cast<Ms>(info.first.offset).count();
}

Result<const date::time_zone*> FindTimeZone(std::string_view name) {
  if (name.empty() || name == "UTC" || name == "Etc/UTC" || name == "Z") return static_cast<const date::time_zone*>(nullptr);
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return Status::InvalidArgument("unknown time zone '" + std::string(name) +
                                   "' (use an IANA name such as Europe/Berlin)");
  }
}

Result<int64_t> ParseTimestamp(std::string_view text, const date::time_zone* zone) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty()) return Bad(text, "is empty");
  // ISO 8601 basic forms: 20240301, 20240301T101500[.250][Z|+0100].
  if (IsBasicForm(text)) return ParseBasic(text, zone);
  // A plain number: Unix seconds, milliseconds or microseconds.
  if (text.size() < 5 || text[4] != '-') return ParseNumber(text);

  size_t pos = 0;
  unsigned year = 0, month = 0, day = 0;
  if (!Digits(text, &pos, 4, &year) || pos >= text.size() || text[pos++] != '-' || !Digits(text, &pos, 2, &month) ||
      pos >= text.size() || text[pos++] != '-' || !Digits(text, &pos, 2, &day)) {
    return Bad(text, "is not YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|+HH:MM]");
  }
  if (month < 1 || month > 12) return Bad(text, "has month " + std::to_string(month) + " (1-12)");
  if (day < 1 || day > DaysInMonth(year, month)) return Bad(text, "is not a valid date");
  unsigned hour = 0, minute = 0, second = 0;
  int64_t millis = 0;
  bool has_offset = false;
  int64_t offset_minutes = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return Bad(text, "has text after the date");
    ++pos;
    if (!Digits(text, &pos, 2, &hour) || pos >= text.size() || text[pos++] != ':' || !Digits(text, &pos, 2, &minute)) {
      return Bad(text, "has a malformed time (expected HH:MM)");
    }
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!Digits(text, &pos, 2, &second)) return Bad(text, "has malformed seconds");
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        size_t start = pos;
        int64_t scale = 100;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
          if (scale > 0) millis += (text[pos] - '0') * scale;  // beyond milliseconds: truncated
          scale /= 10;
          ++pos;
        }
        if (pos == start) return Bad(text, "has an empty fraction");
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return Bad(text, "has a time out of range");
    if (pos < text.size()) {
      const char c = text[pos];
      if (c == 'Z' || c == 'z') {
        has_offset = true;
        ++pos;
      } else if (c == '+' || c == '-') {
        ++pos;
        unsigned oh = 0, om = 0;
        if (!Digits(text, &pos, 2, &oh)) return Bad(text, "has a malformed UTC offset");
        if (pos < text.size() && text[pos] == ':') ++pos;
        if (pos < text.size() && !Digits(text, &pos, 2, &om)) return Bad(text, "has a malformed UTC offset");
        if (oh > 23 || om > 59) return Bad(text, "has a UTC offset out of range");
        offset_minutes = (c == '-' ? -1 : 1) * static_cast<int64_t>(oh * 60 + om);
        has_offset = true;
      }
    }
    if (pos != text.size()) return Bad(text, "has unexpected text after the time");
  }
  const int64_t days = DaysFromCivil(year, month, day);
  const int64_t local_ms = ((days * 24 + hour) * 60 + minute) * 60000 + static_cast<int64_t>(second) * 1000 + millis;
  if (has_offset) return local_ms - offset_minutes * 60000;
  return LocalToUtc(local_ms, zone);
}

std::string FormatTimestamp(int64_t unix_ms) {
  int64_t days = unix_ms >= 0 ? unix_ms / kMillisPerDay : -((-unix_ms + kMillisPerDay - 1) / kMillisPerDay);
  int64_t rem = unix_ms - days * kMillisPerDay;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[96];
  std::snprintf(buf, sizeof(buf), "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y), m, d,
                static_cast<long long>(rem / 3600000), static_cast<long long>(rem / 60000 % 60),
                static_cast<long long>(rem / 1000 % 60), static_cast<long long>(rem % 1000));
  return buf;
}

}  // namespace touchpoint
