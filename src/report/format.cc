#include "report/format.h"

#include <cmath>
#include <cstdio>

#include <date/tz.h>

#include <chrono>

#include "kernels/group_column.h"
#include "util/time.h"

namespace touchpoint::report {

std::string Fixed(double v, int decimals) {
  if (!std::isfinite(v)) return std::string(kMissing);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, v);
  std::string s = buf;
  // No "-0.00": a value that rounds to zero reads as zero.
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string Percent(double v, int decimals) {
  if (!std::isfinite(v)) return std::string(kMissing);
  return Fixed(v, decimals) + "%";
}

std::string Thousands(uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Bytes(uint64_t n) {
  static const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(n);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f %s" : "%.1f %s", v, kUnits[u]);
  return buf;
}

std::string HumanDuration(double seconds) {
  if (!std::isfinite(seconds)) return std::string(kMissing);
  const char* sign = seconds < 0 ? "-" : "";
  const double s = std::fabs(seconds);
  char buf[48];
  if (s < 10) {
    std::snprintf(buf, sizeof(buf), "%s%.1f s", sign, s);
    return buf;
  }
  const int64_t total = std::llround(s);
  const int64_t d = total / 86400, h = total % 86400 / 3600, m = total % 3600 / 60, sec = total % 60;
  if (d > 0) {
    if (h == 0) std::snprintf(buf, sizeof(buf), "%s%lld d", sign, static_cast<long long>(d));
    else std::snprintf(buf, sizeof(buf), "%s%lld d %lld h", sign, static_cast<long long>(d), static_cast<long long>(h));
  } else if (h > 0) {
    std::snprintf(buf, sizeof(buf), "%s%lld h %02lld m", sign, static_cast<long long>(h), static_cast<long long>(m));
  } else if (m > 0) {
    std::snprintf(buf, sizeof(buf), "%s%lld m %02lld s", sign, static_cast<long long>(m), static_cast<long long>(sec));
  } else {
    std::snprintf(buf, sizeof(buf), "%s%lld s", sign, static_cast<long long>(sec));
  }
  return buf;
}

std::string Interval(double low, double high, int decimals, std::string_view suffix) {
  if (!std::isfinite(low) || !std::isfinite(high)) return "";
  return "[" + Fixed(low, decimals) + std::string(suffix) + ", " + Fixed(high, decimals) + std::string(suffix) + "]";
}

std::string LocalTime(int64_t unix_ms, std::string_view tz) {
  using std::chrono::milliseconds;
  const date::sys_time<milliseconds> t{milliseconds{unix_ms}};
  auto zone = FindTimeZone(tz);
  const date::local_time<milliseconds> local =
      zone.ok() && *zone != nullptr ? (*zone)->to_local(t) : date::local_time<milliseconds>{t.time_since_epoch()};
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<milliseconds> hms{local - day};
  char buf[48];
  int n = std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  const int64_t ms = hms.subseconds().count();
  const int64_t sec = hms.seconds().count();
  if (hms.hours().count() != 0 || hms.minutes().count() != 0 || sec != 0 || ms != 0) {
    n += std::snprintf(buf + n, sizeof(buf) - static_cast<size_t>(n), " %02d:%02d", static_cast<int>(hms.hours().count()),
                       static_cast<int>(hms.minutes().count()));
    if (sec != 0 || ms != 0) n += std::snprintf(buf + n, sizeof(buf) - static_cast<size_t>(n), ":%02d", static_cast<int>(sec));
    if (ms != 0) std::snprintf(buf + n, sizeof(buf) - static_cast<size_t>(n), ".%03d", static_cast<int>(ms));
  }
  return buf;
}

std::string Wrapped(std::string_view text, size_t width, std::string_view indent) {
  std::string out, line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width && line.size() > indent.size()) {
      out += line + "\n";
      line = std::string(indent);
    } else if (!line.empty() && line != indent) {
      line += ' ';
    }
    line += word;
    start = end + 1;
  }
  return out + line + "\n";
}

std::string DisplayKey(std::string_view key) {
  std::string out;
  for (std::string_view part : kernels::GroupKeyParts(key)) {
    if (!out.empty()) out += " / ";
    out += part.empty() ? "(none)" : std::string(part);
  }
  return out;
}

}  // namespace touchpoint::report
