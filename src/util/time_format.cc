#include "util/time_format.h"

#include <cctype>
#include <string>

namespace touchpoint {
namespace {

Status Bad(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("timestamp '" + std::string(text.substr(0, 64)) + "' " + std::string(why));
}

constexpr std::string_view kMonthNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                             "july",    "august",   "september", "october", "november", "december"};

// Reads 1..max_digits digits (at least `min_digits`) at text[*pos].
bool ReadNumber(std::string_view text, size_t* pos, size_t min_digits, size_t max_digits, int64_t* out) {
  size_t n = 0;
  int64_t v = 0;
  while (n < max_digits && *pos + n < text.size() && text[*pos + n] >= '0' && text[*pos + n] <= '9') {
    v = v * 10 + (text[*pos + n] - '0');
    ++n;
  }
  if (n < min_digits) return false;
  *pos += n;
  *out = v;
  return true;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  }
  return true;
}

// The fields a format fills; what it does not name keeps its default.
struct Fields {
  int64_t year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0;
  int64_t yday = 0;  // %j, 1-based; 0 = not given
  int pm = -1;       // %p: 0 AM, 1 PM
  bool twelve_hour = false;
  bool has_offset = false;
  int64_t offset_minutes = 0;
  bool has_epoch = false;
  int64_t epoch = 0;
};

// Expands %T, %F and %D into their parts.
std::string Expand(std::string_view format) {
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] == '%' && i + 1 < format.size()) {
      const char c = format[i + 1];
      if (c == 'T') { out += "%H:%M:%S"; ++i; continue; }
      if (c == 'F') { out += "%Y-%m-%d"; ++i; continue; }
      if (c == 'D') { out += "%m/%d/%y"; ++i; continue; }
      out += format.substr(i, 2);
      ++i;
      continue;
    }
    out += format[i];
  }
  return out;
}

// Fills `f` from `text` by `format`; on failure, what did not match.
std::string Match(std::string_view text, std::string_view format, Fields* f) {
  size_t pos = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    const char fc = format[i];
    if (fc == ' ') {
      while (pos < text.size() && text[pos] == ' ') ++pos;
      continue;
    }
    if (fc != '%') {
      if (pos >= text.size() || text[pos] != fc) return std::string("expected '") + fc + "'";
      ++pos;
      continue;
    }
    if (++i >= format.size()) return "the format ends in a lone %";
    const char d = format[i];
    int64_t v = 0;
    auto number = [&](size_t min_digits, size_t max_digits, int64_t lo, int64_t hi, int64_t* out,
                      const char* what) -> std::string {
      if (!ReadNumber(text, &pos, min_digits, max_digits, &v)) return std::string("expected the ") + what;
      if (v < lo || v > hi) return std::string(what) + " " + std::to_string(v) + " is out of range";
      *out = v;
      return "";
    };
    std::string err;
    switch (d) {
      case 'Y': err = number(4, 4, 0, 9999, &f->year, "year"); break;
      case 'y':
        err = number(2, 2, 0, 99, &f->year, "two-digit year");
        if (err.empty()) f->year += f->year < 69 ? 2000 : 1900;
        break;
      case 'm': err = number(1, 2, 1, 12, &f->month, "month"); break;
      case 'd': err = number(1, 2, 1, 31, &f->day, "day"); break;
      case 'e':
        while (pos < text.size() && text[pos] == ' ') ++pos;
        err = number(1, 2, 1, 31, &f->day, "day");
        break;
      case 'j': err = number(1, 3, 1, 366, &f->yday, "day of the year"); break;
      case 'H': err = number(1, 2, 0, 23, &f->hour, "hour"); break;
      case 'I':
        err = number(1, 2, 1, 12, &f->hour, "hour (1-12)");
        f->twelve_hour = true;
        break;
      case 'M': err = number(1, 2, 0, 59, &f->minute, "minute"); break;
      case 'S': err = number(1, 2, 0, 60, &f->second, "second"); break;
      case 'f': {
        const size_t start = pos;
        int64_t scale = 100000000;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
          if (scale > 0) f->nanos += (text[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
        if (pos == start) err = "expected a fraction of a second";
        break;
      }
      case 'p': {
        const std::string_view rest = text.substr(pos, 2);
        if (EqualsIgnoreCase(rest, "am")) {
          f->pm = 0;
        } else if (EqualsIgnoreCase(rest, "pm")) {
          f->pm = 1;
        } else {
          err = "expected AM or PM";
        }
        pos += 2;
        break;
      }
      case 'b':
      case 'B': {
        int found = -1;
        for (int m = 0; m < 12 && found < 0; ++m) {
          const std::string_view full = kMonthNames[m];
          if (text.size() - pos >= full.size() && EqualsIgnoreCase(text.substr(pos, full.size()), full)) {
            pos += full.size();
            found = m;
          } else if (text.size() - pos >= 3 && EqualsIgnoreCase(text.substr(pos, 3), full.substr(0, 3))) {
            pos += 3;
            found = m;
          }
        }
        if (found < 0) err = "expected a month name";
        f->month = found + 1;
        break;
      }
      case 'z': {
        if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
          ++pos;
          f->has_offset = true;
          break;
        }
        if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
          err = "expected a UTC offset (+HHMM, +HH:MM or Z)";
          break;
        }
        const int64_t sign = text[pos++] == '-' ? -1 : 1;
        int64_t oh = 0, om = 0;
        if (!ReadNumber(text, &pos, 2, 2, &oh)) {
          err = "expected a UTC offset (+HHMM, +HH:MM or Z)";
          break;
        }
        if (pos < text.size() && text[pos] == ':') ++pos;
        ReadNumber(text, &pos, 2, 2, &om);
        if (oh > 23 || om > 59) err = "the UTC offset is out of range";
        f->offset_minutes = sign * (oh * 60 + om);
        f->has_offset = true;
        break;
      }
      case 's': {
        const bool negative = pos < text.size() && text[pos] == '-';
        if (negative) ++pos;
        err = number(1, 12, 0, 999999999999, &f->epoch, "Unix seconds");
        if (negative) f->epoch = -f->epoch;
        f->has_epoch = true;
        break;
      }
      case '%':
        if (pos >= text.size() || text[pos] != '%') err = "expected '%'";
        ++pos;
        break;
      default:
        return std::string("the format has an unknown directive %") + d;
    }
    if (!err.empty()) return err;
  }
  if (pos != text.size()) return "unexpected text after the format's end";
  return "";
}

}  // namespace

Status CheckTimestampFormat(std::string_view format) {
  const std::string expanded = Expand(format);
  for (size_t i = 0; i < expanded.size(); ++i) {
    if (expanded[i] != '%') continue;
    if (++i >= expanded.size()) return Status::InvalidArgument("--timestamp-format ends in a lone %");
    if (std::string_view("YymdejHIMSfpbBzs%").find(expanded[i]) == std::string_view::npos) {
      return Status::InvalidArgument(std::string("--timestamp-format: unknown directive %") + expanded[i] +
                                     " (known: %Y %y %m %d %e %j %H %I %M %S %f %p %b %B %z %s %T %F %D %%)");
    }
  }
  return Status::OK();
}

Result<int64_t> ParseTimestampFormat(std::string_view text, std::string_view format, const date::time_zone* zone) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  Fields f;
  const std::string err = Match(text, Expand(format), &f);
  if (!err.empty()) {
    return Status::InvalidArgument("timestamp '" + std::string(text.substr(0, 64)) + "' does not match '" +
                                   std::string(format) + "': " + err);
  }
  if (f.has_epoch) return f.epoch * kMillisPerSecond + f.nanos / 1000000;
  if (f.twelve_hour) {
    if (f.pm < 0) return Bad(text, "has a 12-hour clock (%I) but no AM/PM (%p)");
    f.hour = f.hour % 12 + (f.pm == 1 ? 12 : 0);
  }
  int64_t days;
  if (f.yday > 0) {
    if (f.yday > (IsLeap(f.year) ? 366 : 365)) return Bad(text, "has a day of the year past the year's end");
    days = DaysFromCivil(f.year, 1, 1) + f.yday - 1;
  } else {
    if (f.day > DaysInMonth(f.year, static_cast<unsigned>(f.month))) return Bad(text, "is not a valid date");
    days = DaysFromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day));
  }
  const int64_t local_ms = ((days * 24 + f.hour) * 60 + f.minute) * 60000 + f.second * 1000 + f.nanos / 1000000;
  return f.has_offset ? local_ms - f.offset_minutes * 60000 : LocalToUtc(local_ms, zone);
}

}  // namespace touchpoint
